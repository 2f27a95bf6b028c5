import { Controller, Get, Inject, Logger, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  LiveBoard,
  MARKET,
  LotCommands,
  type OpenStream,
  type StreamEnd,
  type StreamSink,
  viewerOf,
} from '@gx/application';
import {
  ApiNeedsToken,
  CONFIG,
  Ctx,
  openEventStream,
  ProblemException,
  Public,
  streamCaller,
  type Admission,
  TokenService,
  type AppConfig,
  type AuthUser,
  type RequestContext,
} from '@gx/platform';
import { LiveQueryDto } from './wholesale.dto';
import { LIVE_FRAME_VIEWS } from './wholesale.views';

/** `Last-Event-ID` (or `?lastEventId=`) as a stream revision, when the client sent a valid one. */
function lastEventIdOf(request: FastifyRequest, query: LiveQueryDto): number | undefined {
  const header = request.headers['last-event-id'];
  const id = typeof header === 'string' ? header : query.lastEventId;
  return id !== undefined && /^\d{1,15}$/.test(id) ? Number(id) : undefined;
}

const TOO_MANY = {
  description: 'TOO_MANY_STREAMS: the user already holds LIVE_STREAMS_PER_USER streams (Retry-After)',
};
const AT_CAPACITY = {
  description: 'TOO_MANY_STREAMS: the lot or the process is at its bound of streams (Retry-After)',
};
const UNAUTHORIZED = { description: 'UNAUTHORIZED: no valid token (header or access_token)' };
const FORBIDDEN = { description: 'FORBIDDEN: neither a buyer nor an operator' };
/** What each frame's data is (the schemas are in the document's components). */
const FRAME_SCHEMAS =
  ' Frame data: `snapshot` and `listed` BoardLotView, `market` MarketFrameView, `bid` BidFrameView, `extended` ExtendedFrameView, `outbid` OutbidFrameView, ' +
  "`closed` ClosedFrameView, `clock` ClockFrameView: prices in fen per sale unit (`…Fen`, the lot's `saleUnit`), business times in Beijing time (+08:00).";

/** The live boards as server-sent events: one lot, or the whole market. */
@ApiTags('lots')
@ApiExtraModels(...LIVE_FRAME_VIEWS)
@Controller('lots')
export class LiveController {
  private readonly logger = new Logger('LiveStreams');

  constructor(
    private readonly board: LiveBoard,
    private readonly lots: LotCommands,
    private readonly tokens: TokenService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @ApiNeedsToken()
  @Get('live')
  @ApiOperation({
    summary: 'The market board: every listed lot, live',
    description:
      '`text/event-stream`: one `market` frame with every scheduled or open lot (`lots`, each as a lot snapshot, and `serverTime`), then `listed`, `bid`, `extended`, ' +
      '`outbid` (to the outbid buyer only) and `closed` frames of any lot, each with its `lotId`, and a `clock` frame (`serverTime`) every 15 s. A reconnection gets a fresh ' +
      '`market` frame. Operators see bidders by name (`buyerId`, `buyerName`), buyers only the masked alias. Public in routing only: EventSource cannot send headers, so the ' +
      'bearer token may come as `?access_token=`.' +
      FRAME_SCHEMAS,
  })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'server-sent events',
    content: {
      'text/event-stream': {
        schema: { type: 'string', description: 'event: <frame type>; id: <revision>; data: JSON of the frame' },
      },
    },
  })
  @ApiResponse({ status: 401, ...UNAUTHORIZED })
  @ApiResponse({ status: 403, ...FORBIDDEN })
  @ApiResponse({ status: 429, ...TOO_MANY })
  @ApiResponse({ status: 503, ...AT_CAPACITY })
  async market(
    @Query() query: LiveQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    const user = this.authenticate(request, ctx.user, query.access_token);
    const admission = this.board.admit(MARKET, user.username);
    await this.stream(reply, admission, { user: user.username, lot: 'market' }, (sink) =>
      this.board.openMarket(viewerOf(user), sink),
    );
  }

  @Public()
  @ApiNeedsToken()
  @Get(':id/live')
  @ApiOperation({
    summary: 'The live board of one lot',
    description:
      '`text/event-stream` of a lot: a `snapshot` (with `serverTime`), then `bid`, `extended`, `outbid` (to the outbid buyer only) and `closed`, each with the lot revision as ' +
      "its id, and a `clock` frame (`serverTime`) every 15 s. Reconnect with Last-Event-ID to get exactly the frames after it; an id beyond the lot's revision gets a " +
      'snapshot; a closed lot whose last frame the client saw answers 204. Operators see bidders by name. A client that stops reading is dropped once ' +
      'LIVE_MAX_BUFFER_BYTES are unread. Public in routing only: the bearer token may come as `?access_token=`.' +
      FRAME_SCHEMAS,
  })
  @ApiParam({ name: 'id', description: 'lot id, e.g. L-1a2b3c4d5e6f' })
  @ApiProduces('text/event-stream')
  @ApiResponse({
    status: 200,
    description: 'server-sent events',
    content: {
      'text/event-stream': {
        schema: { type: 'string', description: 'event: <frame type>; id: <revision>; data: JSON of the frame' },
      },
    },
  })
  @ApiResponse({ status: 204, description: 'the lot has closed and the client saw its last frame' })
  @ApiResponse({ status: 401, ...UNAUTHORIZED })
  @ApiResponse({ status: 403, ...FORBIDDEN })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such lot' })
  @ApiResponse({ status: 429, ...TOO_MANY })
  @ApiResponse({ status: 503, ...AT_CAPACITY })
  async live(
    @Param('id') id: string,
    @Query() query: LiveQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    const user = this.authenticate(request, ctx.user, query.access_token);
    const { state, revision } = await this.lots.state(id);
    if (!state.terms || state.status === 'abandoned') throw new ProblemException(404, 'NOT_FOUND', `no lot ${id}`);
    const lastEventId = lastEventIdOf(request, query);
    if (lastEventId === revision && state.status !== 'listed') {
      // 204 tells EventSource to stop reconnecting: the lot has closed and the client saw it all.
      await reply.code(204).send();
      return;
    }
    const admission = this.board.admit(id, user.username);
    await this.stream(reply, admission, { user: user.username, lot: id }, (sink) =>
      this.board.openLot(id, viewerOf(user), lastEventId, sink),
    );
  }

  /** Take over the response, open the stream on it, and log how it ended. */
  private async stream(
    reply: FastifyReply,
    admission: Admission,
    who: { user: string; lot: string },
    open: (sink: StreamSink) => Promise<OpenStream>,
  ): Promise<void> {
    const raw = openEventStream(reply);
    const started = Date.now();
    let frames = 0;
    let stream: OpenStream | undefined;
    let gone = false;
    const maxBuffer = this.config.live.maxBufferBytes;
    const sink: StreamSink = {
      write: (text) => {
        if (raw.destroyed || raw.writableEnded) return true;
        // Unread frames pile up in the process once the socket buffer is full: beyond the bound the client is dropped.
        if (raw.writableLength > maxBuffer) return false;
        raw.write(text);
        frames += 1;
        return true;
      },
      end: (reason: StreamEnd) => {
        admission.release();
        this.logger.log({
          msg: 'live stream ended',
          ...who,
          reason,
          frames,
          seconds: Math.round((Date.now() - started) / 100) / 10,
        });
        // A dropped client's unread frames are thrown away with its socket, not flushed at leisure.
        if (reason === 'slow_client') raw.destroy();
        else if (!raw.writableEnded) raw.end();
      },
    };
    // Registered before the stream opens, so a client leaving meanwhile is not missed.
    raw.on('close', () => {
      gone = true;
      stream?.close();
    });
    try {
      stream = await open(sink);
      if (gone) stream.close();
    } catch (e) {
      admission.release();
      if (!raw.writableEnded) raw.end();
      throw e;
    }
  }

  /** The caller from the Authorization header or `?access_token=`: a buyer or an operator. */
  private authenticate(
    request: FastifyRequest,
    fromHeader: AuthUser | undefined,
    accessToken: string | undefined,
  ): AuthUser {
    const user = streamCaller(request, fromHeader, accessToken, this.tokens);
    if (!user.roles.includes('buyer') && !user.roles.includes('operator')) {
      throw new ProblemException(403, 'FORBIDDEN', 'This operation requires one of the roles: buyer, operator.');
    }
    return user;
  }
}

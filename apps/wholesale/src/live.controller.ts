import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LiveBoard, type BoardFrame, type OpenBoard, LotCommands } from '@gx/application';
import { Ctx, ProblemException, Public, TokenService, type AuthUser, type RequestContext } from '@gx/platform';
import { viewerOf } from './viewer';
import { LiveQueryDto } from './wholesale.dto';

/** A comment line every so often keeps proxies from closing an idle stream and reveals dead clients. */
export const HEARTBEAT_MS = 15_000;
/** What EventSource waits before reconnecting. */
const RETRY_MS = 3_000;

const frameText = (frame: BoardFrame): string => `id: ${frame.id}\nevent: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;

/** `Last-Event-ID` as a stream revision, when the client sent a valid one. */
function lastEventIdOf(request: FastifyRequest): number | undefined {
  const header = request.headers['last-event-id'];
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : undefined;
}

/** The live board of a lot as server-sent events. */
@ApiTags('lots')
@Controller('lots')
export class LiveController {
  constructor(
    private readonly board: LiveBoard,
    private readonly lots: LotCommands,
    private readonly tokens: TokenService,
  ) {}

  /**
   * `text/event-stream` of a lot: a `snapshot`, then `bid`, `extended`, `outbid` (to the outbid buyer
   * only) and `closed`, each with the lot revision as its id (reconnect with Last-Event-ID to resume).
   * Public in routing only: EventSource cannot send headers, so the bearer token may come as `?access_token=`.
   */
  @Public()
  @Get(':id/live')
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'server-sent events' })
  async live(
    @Param('id') id: string,
    @Query() query: LiveQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    // The request log records the URL: a token in it must not end up there.
    if (request.raw.url) request.raw.url = request.raw.url.replace(/([?&]access_token=)[^&]*/, '$1[redacted]');
    const user = this.authenticate(ctx.user, query.access_token);
    const { state, revision } = await this.lots.state(id);
    if (!state.terms || state.status === 'abandoned') throw new ProblemException(404, 'NOT_FOUND', `no lot ${id}`);
    const lastEventId = lastEventIdOf(request);
    if (lastEventId !== undefined && state.status !== 'listed' && lastEventId >= revision) {
      // 204 tells EventSource to stop reconnecting: the lot has closed and the client saw it all.
      await reply.code(204).send();
      return;
    }
    reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    raw.write(`retry: ${RETRY_MS}\n\n`);
    let board: OpenBoard | undefined;
    let gone = false;
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      if (!raw.writableEnded) raw.end();
    };
    // Registered before the board opens, so a client leaving meanwhile is not missed.
    raw.on('close', () => {
      gone = true;
      board?.close();
      end();
    });
    try {
      board = await this.board.open(id, viewerOf(user).buyerId, lastEventId, { send: (frame) => raw.write(frameText(frame)), end });
      if (gone) board.close();
    } catch (e) {
      end();
      throw e;
    }
  }

  /** The caller from the Authorization header or `?access_token=`: a buyer or an operator. */
  private authenticate(fromHeader: AuthUser | undefined, accessToken: string | undefined): AuthUser {
    const user = fromHeader ?? (accessToken ? this.tokens.verify(accessToken) : null);
    if (!user) {
      throw new ProblemException(401, 'UNAUTHORIZED', 'A bearer token is required (Authorization header or ?access_token=).', {
        headers: { 'WWW-Authenticate': 'Bearer' },
      });
    }
    if (!user.roles.includes('buyer') && !user.roles.includes('operator')) {
      throw new ProblemException(403, 'FORBIDDEN', 'This operation requires one of the roles: buyer, operator.');
    }
    return user;
  }
}

import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { comparePositions } from '@gx/eventstore';
import {
  ApiNeedsToken,
  ApiOp,
  Ctx,
  eventFrameText,
  ProblemException,
  Public,
  serveEventStream,
  streamCaller,
  TokenService,
  type RequestContext,
} from '@gx/platform';
import { isSettled, OrderLive } from './order-live';
import { OrderChangeView, OrderLiveQueryDto } from './order-live.views';
import { StorefrontStreams } from './storefront-streams';

/** `Last-Event-ID` (or `?lastEventId=`) when the client sent a valid one. */
function lastEventIdOf(request: FastifyRequest, query: OrderLiveQueryDto): string | undefined {
  const header = request.headers['last-event-id'];
  const id = typeof header === 'string' ? header : query.lastEventId;
  return id !== undefined && /^\d{1,20}$/.test(id) ? id : undefined;
}

/** Live changes of one's own order as server-sent events (the order page follows them until the order is settled). */
@ApiTags('orders')
@Controller('orders')
export class OrderLiveController {
  constructor(
    private readonly live: OrderLive,
    private readonly tokens: TokenService,
    private readonly streams: StorefrontStreams,
  ) {}

  @Public()
  @ApiNeedsToken()
  @Get(':id/live')
  @ApiOp({
    summary: 'Live changes of my order (server-sent events)',
    description:
      '`text/event-stream` for the order’s owner alone (anyone else gets NOT_FOUND, as for `GET /orders/{id}`): at once and after every change of the order ' +
      '(payment, expiry, the campaign’s outcome, refund, hand-over), one `order` event (OrderChangeView) whose id is the log position of the order’s last change; ' +
      'read the order with `GET /orders/{id}?after=<id>`. The stream ends after a frame with `settled: true`; a client reconnecting with a Last-Event-ID at or ' +
      'after the settled order’s last change gets 204 (stop). Public in routing only: EventSource cannot send headers, so the bearer token may come as `?access_token=`.',
    answer: OrderChangeView,
    params: { id: 'order id' },
    errors: ['UNAUTHORIZED', 'NOT_FOUND'],
  })
  @ApiResponse({
    status: 429,
    description: 'TOO_MANY_STREAMS: the user already holds STOREFRONT_STREAMS_PER_USER order streams (Retry-After)',
  })
  @ApiResponse({
    status: 503,
    description: 'TOO_MANY_STREAMS: the process is at STOREFRONT_STREAMS_MAX streams (Retry-After)',
  })
  @ApiProduces('text/event-stream')
  async stream(
    @Param('id') id: string,
    @Query() query: OrderLiveQueryDto,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Ctx() ctx: RequestContext,
  ): Promise<void> {
    const user = streamCaller(request, ctx.user, query.access_token, this.tokens);
    const doc = await this.live.order(id);
    // Only the owner: another consumer, a leader or an operator is told it does not exist (ids cannot be probed).
    if (!doc || doc.customer !== user.username) throw new ProblemException(404, 'NOT_FOUND', `no order ${id}`);
    const lastEventId = lastEventIdOf(request, query);
    if (
      isSettled(doc) &&
      lastEventId !== undefined &&
      doc._position !== undefined &&
      comparePositions(lastEventId, doc._position) >= 0
    ) {
      // 204 tells EventSource to stop reconnecting: the order is settled and the client saw it.
      await reply.code(204).send();
      return;
    }
    const admission = this.streams.admit(`order:${id}`, user.username);
    await serveEventStream(
      reply,
      (sink) => this.live.watch(id, { send: (frame) => sink.send(eventFrameText(frame)), end: sink.end }),
      () => admission.release(),
    );
  }
}

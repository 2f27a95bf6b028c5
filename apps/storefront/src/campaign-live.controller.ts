import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CampaignLive, isFinalFrame } from '@gx/application';
import { ApiOp, eventFrameText, ProblemException, Public, serveEventStream } from '@gx/platform';
import { StorefrontStreams } from './storefront-streams';
import { CampaignProgressView } from './traceability.views';

/** Live progress of a campaign as server-sent events, for anyone looking at it. */
@ApiTags('campaigns')
@Public()
@Controller('campaigns')
export class CampaignLiveController {
  constructor(
    private readonly live: CampaignLive,
    private readonly streams: StorefrontStreams,
  ) {}

  @Get(':id/live')
  @ApiOp({
    summary: 'Live progress of a campaign (server-sent events)',
    description:
      '`text/event-stream`: at once and after every change (coalesced), one event whose data is the whole picture (CampaignProgressView, quantities in whole sale units of `saleUnit`): ' +
      '`progress`, `sold_out` (nothing left), then `succeeded` or `failed` at the cut-off, after which the stream ends. Each event id is the log position it reflects; ' +
      'a client reconnecting with a Last-Event-ID of the final event gets 204 (stop), otherwise the current picture.',
    answer: CampaignProgressView,
    params: { id: 'campaign id (GB-…)' },
    errors: ['NOT_FOUND'],
  })
  @ApiResponse({
    status: 503,
    description: 'TOO_MANY_STREAMS: the process is at STOREFRONT_STREAMS_MAX streams (Retry-After)',
  })
  @ApiProduces('text/event-stream')
  async stream(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const current = await this.live.current(id);
    if (!current) throw new ProblemException(404, 'NOT_FOUND', `no campaign ${id}`);
    if (isFinalFrame(current) && request.headers['last-event-id'] === current.id) {
      // 204 tells EventSource to stop reconnecting: the campaign has closed and the client saw it.
      await reply.code(204).send();
      return;
    }
    // Anyone may watch a campaign: anonymous watchers count against the process's bound only.
    const admission = this.streams.admit(`campaign:${id}`, undefined);
    await serveEventStream(
      reply,
      (sink) => this.live.watch(id, { send: (frame) => sink.send(eventFrameText(frame)), end: sink.end }),
      () => admission.release(),
    );
  }
}

import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CampaignLive, isFinalFrame, type CampaignFrame } from '@gx/application';
import { ApiOp, openEventStream, ProblemException, Public } from '@gx/platform';
import { CampaignProgressView } from './traceability.views';

/** A comment line every so often keeps proxies from closing an idle stream and reveals dead clients. */
const HEARTBEAT_MS = 15_000;

const frameText = (frame: CampaignFrame): string =>
  `id: ${frame.id}\nevent: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;

/** Live progress of a campaign as server-sent events, for anyone looking at it. */
@ApiTags('campaigns')
@Public()
@Controller('campaigns')
export class CampaignLiveController {
  constructor(private readonly live: CampaignLive) {}

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
  @ApiProduces('text/event-stream')
  async stream(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const current = await this.live.current(id);
    if (!current) throw new ProblemException(404, 'NOT_FOUND', `no campaign ${id}`);
    if (isFinalFrame(current) && request.headers['last-event-id'] === current.id) {
      // 204 tells EventSource to stop reconnecting: the campaign has closed and the client saw it.
      await reply.code(204).send();
      return;
    }
    const raw = openEventStream(reply);
    let detach: (() => void) | undefined;
    let gone = false;
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const end = () => {
      clearInterval(heartbeat);
      if (!raw.writableEnded) raw.end();
    };
    // Registered before watching, so a client leaving meanwhile is not missed.
    raw.on('close', () => {
      gone = true;
      detach?.();
      end();
    });
    try {
      detach = await this.live.watch(id, { send: (frame) => raw.write(frameText(frame)), end });
      if (gone) detach();
    } catch (e) {
      end();
      throw e;
    }
  }
}

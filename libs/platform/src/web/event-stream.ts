import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';

/** What EventSource waits before reconnecting (sent as the stream's `retry:`). */
export const EVENT_STREAM_RETRY_MS = 3_000;

/**
 * Take the response over from Fastify and open a `text/event-stream` on it: no caching or transformation by
 * proxies, no buffering by nginx, and the reconnect delay first. The caller writes frames and ends it.
 */
export function openEventStream(reply: FastifyReply): ServerResponse {
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  raw.write(`retry: ${EVENT_STREAM_RETRY_MS}\n\n`);
  return raw;
}

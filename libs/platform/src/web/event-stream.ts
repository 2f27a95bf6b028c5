import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthUser } from '../auth/auth.types';
import type { TokenService } from '../auth/token.service';
import { ProblemException } from '../errors/problem';

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

/** A comment line every so often keeps proxies from closing an idle stream and reveals dead clients. */
export const EVENT_STREAM_HEARTBEAT_MS = 15_000;

/** One server-sent event: `id`, `event` and its JSON `data`. */
export const eventFrameText = (frame: { id: string; event: string; data: unknown }): string =>
  `id: ${frame.id}\nevent: ${frame.event}\ndata: ${JSON.stringify(frame.data)}\n\n`;

/** Where a watched source sends its frames (as text) and says it is done. */
export interface EventStreamSink {
  send(text: string): void;
  end(): void;
}

/**
 * Serve a watched source as a `text/event-stream` until the source ends it or the client leaves: the
 * stream opens, a heartbeat comment keeps it alive, and `watch` registers the sink and answers how to
 * detach it (called once the client has gone, even when it left while `watch` was still registering).
 * `ended` runs once when the stream ends, however it ends (an admission's release, say).
 */
export async function serveEventStream(
  reply: FastifyReply,
  watch: (sink: EventStreamSink) => Promise<() => void>,
  ended: () => void = () => undefined,
): Promise<void> {
  const raw = openEventStream(reply);
  let detach: (() => void) | undefined;
  let gone = false;
  const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), EVENT_STREAM_HEARTBEAT_MS);
  let over = false;
  const end = () => {
    if (!over) {
      over = true;
      clearInterval(heartbeat);
      ended();
    }
    if (!raw.writableEnded) raw.end();
  };
  // Registered before watching, so a client leaving meanwhile is not missed.
  raw.on('close', () => {
    gone = true;
    detach?.();
    end();
  });
  try {
    detach = await watch({ send: (text) => raw.write(text), end });
    if (gone) detach();
  } catch (e) {
    end();
    throw e;
  }
}

/**
 * The caller of a stream route. EventSource cannot send headers, so the bearer token may come as
 * `?access_token=`; it is cut out of the URL first, since the request log records the URL. Without a valid
 * token: 401 UNAUTHORIZED.
 */
export function streamCaller(
  request: FastifyRequest,
  fromHeader: AuthUser | undefined,
  accessToken: string | undefined,
  tokens: TokenService,
): AuthUser {
  if (request.raw.url) request.raw.url = request.raw.url.replace(/([?&]access_token=)[^&]*/, '$1[redacted]');
  const user = fromHeader ?? (accessToken ? tokens.verify(accessToken) : null);
  if (!user) {
    throw new ProblemException(
      401,
      'UNAUTHORIZED',
      'A bearer token is required (Authorization header or ?access_token=).',
      {
        headers: { 'WWW-Authenticate': 'Bearer' },
      },
    );
  }
  return user;
}

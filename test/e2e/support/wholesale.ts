import { get, type Server } from 'node:http';
import type { Test } from 'supertest';
import type { Provider } from '@nestjs/common';
import { addDays } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import { CLOCK_OVERRIDE, type Clock } from '@gx/platform';
import type { Stack } from './stack';

/** A business date `offset` days from today, so that tests mean the same on any day they run. */
export const day = (offset: number): string => addDays(shanghaiDate(new Date()), offset);
/** An ISO time `ms` from now. */
export const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

/** A clock the apps of a stack share (give `provider` to startStack), and that the test moves on instead of waiting. */
export interface MovableClock {
  clock: Clock;
  provider: Provider;
  /** An ISO time `ms` after the clock's now. */
  inMs(ms: number): string;
  /** Move the clock on to `epochMs` (never back: it is the wall clock plus a skew that only grows). */
  moveTo(epochMs: number): void;
}

/** The wall clock plus a skew the test moves on, so that no test waits for a close or an anti-sniping window. */
export function movableClock(): MovableClock {
  let skewMs = 0;
  const clock: Clock = { now: () => new Date(Date.now() + skewMs) };
  return {
    clock,
    provider: { provide: CLOCK_OVERRIDE, useValue: clock },
    inMs: (ms) => new Date(clock.now().getTime() + ms).toISOString(),
    moveTo: (epochMs) => {
      skewMs += Math.max(0, epochMs - clock.now().getTime());
    },
  };
}

/** HTTP helpers for the wholesale desk on a stack running worker, operations and wholesale. */
export function wholesale(stack: Stack) {
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const ws = () => stack.http('wholesale');
  return {
    bearer,
    post: (token: string, path: string, body: object): Test => ws().post(path).set(bearer(token)).send(body),
    put: (token: string, path: string, body: object): Test => ws().put(path).set(bearer(token)).send(body),
    get: (token: string, path: string): Test => ws().get(path).set(bearer(token)),

    /** Receive a batch at the market warehouse through operations; answers its id and log position. */
    async receiveAtMarket(
      operator: string,
      sku: string,
      quantity: number,
      extra: object = {},
    ): Promise<{ batchId: string; position: string }> {
      const res = await stack
        .http('operations')
        .post('/receipts')
        .set(bearer(operator))
        .send({
          sku,
          warehouse: 'LC-MKT-01',
          producer: 'COOP-SX-VEG',
          quantityBase: quantity,
          origin: { village: '莘县张鲁回族镇杨庄村', plot: 'M-3' },
          harvestDate: day(-1),
          grade: '特级',
          inspection: { result: 'pass', testId: 'NC-E2E-AUCTION' },
          ...extra,
        })
        .expect(201);
      return { batchId: res.body.batchId as string, position: res.body.position as string };
    },

    /** Register `n` buyers (buyer logins with a credit limit each); answers their ids and tokens. */
    async buyers(
      operator: string,
      prefix: string,
      n: number,
      creditLimit: number,
    ): Promise<Array<{ buyerId: string; token: string }>> {
      const made: Array<{ buyerId: string; token: string }> = [];
      for (let i = 1; i <= n; i++) {
        const username = `${prefix}${i}`;
        const buyerId = `BUYER-${prefix.toUpperCase()}-${String(i).padStart(3, '0')}`;
        await ws()
          .post('/buyers')
          .set(bearer(operator))
          .send({ username, displayName: `买家 ${username}`, password: 'demo-password', buyerId })
          .expect(201);
        await ws()
          .put(`/buyers/${buyerId}/credit`)
          .set(bearer(operator))
          .send({ creditLimitFen: creditLimit })
          .expect(200);
        made.push({ buyerId, token: await stack.login('wholesale', username) });
      }
      return made;
    },
  };
}

/** One server-sent event as a client parsed it. */
export interface SseFrame {
  id?: string;
  event: string;
  data: Record<string, unknown>;
}

/** A live SSE connection: frames as they arrive, waiting for one, and hanging up. */
export interface SseClient {
  frames: SseFrame[];
  status(): number | undefined;
  ended(): boolean;
  waitFor(predicate: (frames: SseFrame[]) => boolean, timeoutMs: number, what: string): Promise<void>;
  close(): void;
}

/** Parse complete `\n\n`-terminated blocks (comments such as heartbeats are skipped). */
function parseBlock(block: string): SseFrame | null {
  let id: string | undefined;
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const [field, ...rest] = line.split(':');
    const value = rest.join(':').replace(/^ /, '');
    if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length === 0
    ? null
    : { ...(id !== undefined ? { id } : {}), event, data: JSON.parse(data.join('\n')) as Record<string, unknown> };
}

/**
 * The wholesale app listening on a loopback port under the test's control. SuperTest would close a
 * server it started as soon as a streamed response's headers arrived, so the test starts it itself
 * (SuperTest then reuses it and leaves it alone; the stack closes it with the app).
 */
export async function listeningUrl(stack: Stack): Promise<string> {
  const probe = stack.http('wholesale').get('/');
  const server = (probe as unknown as { _server?: Server })._server;
  if (server && !server.address()) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server?.address();
  if (!address || typeof address === 'string') throw new Error('call listeningUrl before any request is in flight');
  return `http://127.0.0.1:${address.port}`;
}

/** Open `url` as an EventSource would, streaming its frames. */
export function openSse(url: string, headers: Record<string, string> = {}): SseClient {
  const frames: SseFrame[] = [];
  let status: number | undefined;
  let ended = false;
  const request = get(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
    status = res.statusCode;
    let pending = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      pending += chunk;
      for (let i = pending.indexOf('\n\n'); i >= 0; i = pending.indexOf('\n\n')) {
        const frame = parseBlock(pending.slice(0, i));
        pending = pending.slice(i + 2);
        if (frame) frames.push(frame);
      }
    });
    res.on('close', () => {
      ended = true;
    });
  });
  // A hang-up by either side ends the client; nothing to report.
  request.on('error', () => {
    ended = true;
  });
  return {
    frames,
    status: () => status,
    ended: () => ended,
    async waitFor(predicate, timeoutMs, what) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(frames)) {
        if (Date.now() > deadline)
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(frames)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    close: () => request.destroy(),
  };
}

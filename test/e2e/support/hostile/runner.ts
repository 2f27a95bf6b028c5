import type { EventStore } from '@gx/eventstore';
import type { Stack } from '../stack';
import type { HostileCase } from './inputs';
import { describeOperation, type Operation } from './operations';

/** A demo user, or nobody. */
export type Role = 'anonymous' | 'consumer1' | 'leader1' | 'buyer1' | 'kitchen1' | 'operator1';
export const ROLES: Role[] = ['anonymous', 'consumer1', 'leader1', 'buyer1', 'kitchen1', 'operator1'];

/** What one hostile request got. */
export interface Outcome {
  op: Operation;
  role: Role;
  hostile: HostileCase;
  /** 0 when no answer came (timeout or connection error). */
  status: number;
  contentType: string;
  /** The problem's code, or the start of the body. */
  answer: string;
  /** Length of the answer's body, to catch one that quotes a huge input back. */
  length: number;
  error?: string;
  /** Events appended under this request's correlation id (which a refused request must not have). */
  written: number;
}

/** Longest a refused request may take: a hang shows as status 0. */
const REQUEST_TIMEOUT_MS = 10_000;

/** Sends hostile requests and records what each answered, and whether a refused one wrote anything. */
export class HostileRunner {
  private sent = 0;

  constructor(
    private readonly stack: Stack,
    private readonly tokens: Partial<Record<Role, string>>,
  ) {}

  async send(op: Operation, role: Role, hostile: HostileCase): Promise<Outcome> {
    this.sent += 1;
    const correlationId = `hostile-${this.sent}`;
    const events = this.stack.events;
    const before = await events.headPosition();
    let req = this.stack
      .http(op.app)
      [op.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](hostile.url)
      .set('x-correlation-id', correlationId)
      // A stream that opened is an answer: take its headers and hang up instead of waiting for its end.
      .timeout(
        op.streams ? { response: REQUEST_TIMEOUT_MS } : { response: REQUEST_TIMEOUT_MS, deadline: REQUEST_TIMEOUT_MS },
      );
    if (op.streams) {
      req = req.buffer(false).parse((res, done) => {
        const stream = res as unknown as NodeJS.ReadableStream & { destroy(): void; headers: Record<string, string> };
        if (String(stream.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          stream.destroy();
          done(null, '');
          return;
        }
        let text = '';
        stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
        stream.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          done(null, body);
        });
      });
    }
    const token = this.tokens[role];
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    if (hostile.body !== undefined) req = req.set('Content-Type', 'application/json').send(hostile.body);
    const outcome: Outcome = { op, role, hostile, status: 0, contentType: '', answer: '', length: 0, written: 0 };
    try {
      const res = await req;
      outcome.status = res.status;
      outcome.contentType = String(res.headers['content-type'] ?? '');
      outcome.answer = typeof res.body?.code === 'string' ? res.body.code : res.text.slice(0, 120);
      outcome.length = res.text.length;
    } catch (e) {
      const err = e as {
        status?: number;
        response?: { headers: Record<string, string>; text: string; body?: { code?: unknown } };
        message?: string;
      };
      if (err.response && err.status) {
        outcome.status = err.status;
        outcome.contentType = String(err.response.headers['content-type'] ?? '');
        outcome.answer =
          typeof err.response.body?.code === 'string' ? err.response.body.code : err.response.text.slice(0, 120);
        outcome.length = err.response.text.length;
      } else {
        outcome.error = err.message ?? String(e);
      }
    }
    outcome.written = await writtenUnder(events, before, correlationId);
    return outcome;
  }
}

/** How many events after `before` carry `correlationId` (without reading the log when nothing was appended). */
async function writtenUnder(events: EventStore, before: string, correlationId: string): Promise<number> {
  if ((await events.headPosition()) === before) return 0;
  const appended = await events.readAll({ after: before, maxCount: 10_000 });
  return appended.filter((e) => e.metadata.correlationId === correlationId).length;
}

/** Run `tasks` with at most `width` at a time. */
export async function inParallel<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < tasks.length; i = next++) results[i] = await tasks[i]();
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

/** One line per offending request: operation, role, category, input and what came back. */
export function report(outcomes: Outcome[]): string {
  return outcomes
    .map((o) =>
      `${describeOperation(o.op)} as ${o.role} [${o.hostile.category}] ${o.hostile.label} → ${o.status || o.error} ${o.answer}`.slice(
        0,
        300,
      ),
    )
    .join('\n');
}

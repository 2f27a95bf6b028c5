import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Injectable, Logger, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { defer, lastValueFrom, type Observable } from 'rxjs';
import { MUTATING_METHODS, requestContextOf } from '../context/request-context';
import { describeError, problemBody } from '../errors/describe-error';
import { ProblemException } from '../errors/problem';
import { ReplayedProblem } from '../errors/replayed-problem';
import { IDEMPOTENT_REPLAYED_HEADER } from './idempotency.constants';
import { IdempotencyStore, type StoredResponse } from './idempotency.store';
import { stableStringify } from './stable-stringify';

/**
 * Business outcomes (forbidden, not found, conflict, unprocessable) are final and replayed. A 400
 * (the body failed validation, so nothing ran), a 429 or a 5xx is not stored, so the client may
 * fix or simply repeat the request under the same key.
 */
const REPLAYED_ERROR_STATUSES: ReadonlySet<number> = new Set([403, 404, 409, 410, 422]);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Makes POST/PUT/PATCH/DELETE requests carrying `Idempotency-Key` safe to retry: the first request
 * runs the handler and its answer (a result or a business error) is stored for 24 h; a retry with the
 * same key and body gets the same status and body with `Idempotent-Replayed: true`; the same key
 * with another body is 422 IDEMPOTENCY_KEY_REUSED; a duplicate arriving while the first is still
 * running waits for it (bounded), else 409 IDEMPOTENCY_IN_PROGRESS. Business errors (403, 404, 409,
 * 410, 422) are replayed like results; a 400, 429 or 5xx is not stored, so a retry runs again.
 *
 * This layer alone cannot promise exactly-once effects (a process may die between the append and
 * storing the answer). The second layer is `RequestContext.commandId(scope)`: derived from the same
 * key, it gives the retried command the same id, and deciders treat a repeated command id as a no-op.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly records: IdempotencyStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const ctx = requestContextOf(request);
    if (!MUTATING_METHODS.has(request.method) || ctx?.idempotencyKey === undefined) return next.handle();

    const route = `${request.routeOptions.url ?? request.url.split('?')[0]}?${stableStringify(request.params ?? {})}`;
    const id = sha256([ctx.user?.username ?? 'anonymous', request.method, route, ctx.idempotencyKey].join('|'));
    const bodyHash = sha256(stableStringify(request.body ?? null));
    // The status Nest will send for this route (@HttpCode or its default), recorded with the body.
    const httpCode = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
    const status = httpCode ?? (request.method === 'POST' ? 201 : 200);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return defer(() =>
      this.run(id, bodyHash, ctx.correlationId, status, reply, () => lastValueFrom(next.handle(), { defaultValue: undefined })),
    );
  }

  private async run(
    id: string,
    bodyHash: string,
    correlationId: string,
    status: number,
    reply: FastifyReply,
    handler: () => Promise<unknown>,
  ): Promise<unknown> {
    const owner = randomUUID();
    // Most keys are new: try to create the record first, and read it only when it exists already.
    const created = await this.records.claim(id, bodyHash, owner, null);
    if (created !== null) return this.execute(id, created, owner, bodyHash, correlationId, status, handler);
    const deadline = performance.now() + this.records.options.waitMs;
    for (;;) {
      const record = await this.records.get(id);
      if (record && !this.records.isClaimable(record)) {
        if (record.bodyHash !== bodyHash) {
          throw new ProblemException(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with a different request body.');
        }
        if (record.state === 'done' && record.response) return this.replay(record.response, reply);
        if (performance.now() >= deadline) {
          throw new ProblemException(409, 'IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry later.', {
            headers: { 'Retry-After': '1' },
          });
        }
        await sleep(this.records.options.pollMs);
        continue;
      }
      const generation = await this.records.claim(id, bodyHash, owner, record);
      if (generation !== null) return this.execute(id, generation, owner, bodyHash, correlationId, status, handler);
    }
  }

  private async execute(
    id: string,
    generation: number,
    owner: string,
    bodyHash: string,
    correlationId: string,
    status: number,
    handler: () => Promise<unknown>,
  ): Promise<unknown> {
    let result: unknown;
    try {
      result = await handler();
    } catch (error) {
      const description = describeError(error);
      const save = REPLAYED_ERROR_STATUSES.has(description.status)
        ? this.records.finish(id, generation, owner, bodyHash, {
            kind: 'problem',
            status: description.status,
            body: problemBody(description, correlationId),
          })
        : this.records.release(id, generation, owner, bodyHash);
      await save.catch((err: unknown) => this.logger.warn(`could not record the failed request: ${String(err)}`));
      throw error;
    }
    // JSON round trip: what is stored is exactly what the client received (Dates as strings, etc.).
    const response: StoredResponse = {
      kind: 'result',
      status,
      hasBody: result !== undefined,
      body: result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown),
    };
    // The answer is still sent when storing fails: a retry then re-runs, and the deterministic command
    // id makes the domain ignore it.
    await this.records
      .finish(id, generation, owner, bodyHash, response)
      .catch((err: unknown) => this.logger.warn(`could not record the response: ${String(err)}`));
    return result;
  }

  private replay(response: StoredResponse, reply: FastifyReply): unknown {
    if (response.kind === 'problem') throw new ReplayedProblem(response.status, response.body);
    reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
    return response.hasBody ? response.body : undefined;
  }
}

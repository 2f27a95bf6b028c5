import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TokenService } from '../auth/token.service';
import { bearerUser } from '../auth/bearer';
import { MUTATING_METHODS } from '../context/request-context';
import { ProblemException } from '../errors/problem';
import { sendProblem } from '../errors/problem.filter';
import { idempotencyKeyOf, IDEMPOTENT_REPLAYED_HEADER } from './idempotency.constants';
import type { IdempotencyStore, StoredResponse } from './idempotency.store';
import { stableStringify } from './stable-stringify';
import { sha256Hex as sha256 } from '../crypto/sha256';

/**
 * Business outcomes (forbidden, not found, conflict, gone, unprocessable) are final and replayed. A
 * 400 (the request failed validation, so nothing ran), a 401, a 429 or a 5xx is not stored, so the
 * client may fix or simply repeat the request under the same key.
 */
const REPLAYED_ERROR_STATUSES: ReadonlySet<number> = new Set([403, 404, 409, 410, 422]);

/** The record a request owns while it runs. */
interface Claim {
  id: string;
  generation: number;
  owner: string;
  bodyHash: string;
}

const CLAIM = Symbol('gx.idempotencyClaim');
type WithClaim = FastifyRequest & { [CLAIM]?: Claim };

/**
 * Makes POST/PUT/PATCH/DELETE requests carrying `Idempotency-Key` safe to retry, as two Fastify
 * hooks around the whole Nest pipeline: the first request with a key claims its record and runs;
 * what it answered (status, content type and the very bytes sent — a result or a business error) is
 * stored for 24 h before the answer leaves; a retry with the same key and body gets that answer again
 * with `Idempotent-Replayed: true`; the same key with another body is 422 IDEMPOTENCY_KEY_REUSED; a
 * duplicate arriving while the first is still running waits for it (bounded), else 409
 * IDEMPOTENCY_IN_PROGRESS. A 400, 401, 429 or 5xx is not stored, so a retry runs again.
 *
 * Records are per user (the bearer token's, verified once per request for this hook and the guard),
 * method, route and path parameters. A request with a malformed key or an invalid token is left to
 * the guard, which answers it (400, 401) without a record.
 *
 * Hooks rather than a Nest interceptor: Nest wraps each interceptor of a route in an AsyncResource
 * binding and observables on every request, which cost about a tenth of a join's CPU (BENCHMARKS.md).
 *
 * This layer alone cannot promise exactly-once effects (a process may die between the append and
 * storing the answer). The second layer is `RequestContext.commandId(scope)`: derived from the same
 * key, it gives the retried command the same id, and deciders treat a repeated command id as a no-op.
 */
export class IdempotencyHooks {
  private readonly logger = new Logger('Idempotency');

  constructor(
    private readonly records: IdempotencyStore,
    private readonly tokens: TokenService,
  ) {}

  install(fastify: FastifyInstance): void {
    fastify.addHook('preHandler', (request, reply) =>
      // The records could not be read or written: answered as the problem filter answers any
      // unexpected error (logged, 500 problem+json), and nothing ran.
      this.before(request, reply).catch((err: unknown) => sendProblem(request, reply, err)),
    );
    fastify.addHook('onSend', (request, reply, payload) => this.after(request as WithClaim, reply, payload));
  }

  private async before(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (!MUTATING_METHODS.has(request.method)) return undefined;
    const key = idempotencyKeyOf(request.headers);
    const route = request.routeOptions.url;
    if (key === undefined || route === undefined) return undefined;
    const user = bearerUser(request, this.tokens);
    if (request.headers.authorization !== undefined && user === null) return undefined;

    const id = sha256(
      [user?.username ?? 'anonymous', request.method, `${route}?${stableStringify(request.params ?? {})}`, key].join(
        '|',
      ),
    );
    const bodyHash = sha256(stableStringify(request.body ?? null));
    const owner = randomUUID();
    // Most keys are new: try to create the record first, and read it only when it exists already.
    const created = await this.records.claim(id, bodyHash, owner, null);
    if (created !== null) {
      (request as WithClaim)[CLAIM] = { id, generation: created, owner, bodyHash };
      return undefined;
    }
    const deadline = performance.now() + this.records.options.waitMs;
    for (;;) {
      const record = await this.records.get(id);
      if (record && !(await this.records.isFree(record))) {
        if (record.bodyHash !== bodyHash) {
          return sendProblem(
            request,
            reply,
            new ProblemException(
              422,
              'IDEMPOTENCY_KEY_REUSED',
              'This Idempotency-Key was already used with a different request body.',
            ),
          );
        }
        if (record.state === 'done' && record.response) return replay(reply, record.response);
        if (performance.now() >= deadline) {
          return sendProblem(
            request,
            reply,
            new ProblemException(
              409,
              'IDEMPOTENCY_IN_PROGRESS',
              'A request with this Idempotency-Key is still being processed; retry later.',
              {
                headers: { 'Retry-After': '1' },
              },
            ),
          );
        }
        await sleep(this.records.options.pollMs);
        continue;
      }
      const generation = await this.records.claim(id, bodyHash, owner, record);
      if (generation !== null) {
        (request as WithClaim)[CLAIM] = { id, generation, owner, bodyHash };
        return undefined;
      }
    }
  }

  /** Store the answer of a request that owns its record (or give the key back), then let it leave. */
  private async after(request: WithClaim, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const claim = request[CLAIM];
    if (!claim) return payload;
    request[CLAIM] = undefined;
    const { id, generation, owner, bodyHash } = claim;
    const status = reply.statusCode;
    const body =
      typeof payload === 'string'
        ? payload
        : Buffer.isBuffer(payload)
          ? payload.toString('utf8')
          : payload == null
            ? null
            : undefined;
    const contentType = reply.getHeader('content-type');
    const storable = body !== undefined && ((status >= 200 && status < 300) || REPLAYED_ERROR_STATUSES.has(status));
    const save = storable
      ? this.records.finish(id, generation, owner, bodyHash, {
          kind: status < 300 ? 'result' : 'problem',
          status,
          ...(typeof contentType === 'string' && { contentType }),
          body,
        })
      : this.records.release(id, generation, owner, bodyHash);
    // The answer is still sent when storing fails: a retry then runs again, and the deterministic
    // command id makes the domain ignore it.
    await save.catch((err: unknown) => this.logger.warn(`could not record the answer: ${String(err)}`));
    return payload;
  }
}

function replay(reply: FastifyReply, response: StoredResponse): FastifyReply {
  reply.code(response.status).header(IDEMPOTENT_REPLAYED_HEADER, 'true');
  if (response.contentType) reply.type(response.contentType);
  return reply.send(response.body ?? undefined);
}

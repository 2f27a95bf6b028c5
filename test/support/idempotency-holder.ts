/**
 * Child process of test/contract/idempotency.multiprocess.spec.ts:
 *   DATA_DIR=… [MONGODB_URI=…] HOLD_MS=… node dist/test/support/idempotency-holder.js
 * Serves `POST /work/:id` behind the real Idempotency-Key hooks, on the records store the
 * configuration selects (requests.db under DATA_DIR, or MongoDB), with the production timing. The
 * handler takes HOLD_MS to answer. Prints `listening <port>` once up, and `started <id>` when a
 * request begins to run (it then holds its key), so that the test can kill it mid-request.
 */
import Fastify from 'fastify';
import { openIdempotencyStore } from '@gx/application/kernel/store-pool';
import { loadConfig, type AppConfig } from '@gx/platform/config/config';
import { TokenService } from '@gx/platform/auth/token.service';
import { systemClock } from '@gx/platform/context/clock';
import { IdempotencyHooks } from '@gx/platform/idempotency/idempotency.hooks';
import { DEFAULT_IDEMPOTENCY_OPTIONS, IdempotencyStore } from '@gx/platform/idempotency/idempotency.store';

async function main(): Promise<void> {
  const holdMs = Number(process.env.HOLD_MS ?? '0');
  const config: AppConfig = loadConfig(process.env);
  const docs = openIdempotencyStore(config);
  const records = new IdempotencyStore(docs, systemClock, DEFAULT_IDEMPOTENCY_OPTIONS);
  await records.onModuleInit();
  const server = Fastify();
  new IdempotencyHooks(records, new TokenService(config)).install(server);
  let runs = 0;
  server.post('/work/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    runs += 1;
    process.stdout.write(`started ${id}\n`);
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    return reply.code(201).send({ id, pid: process.pid, runs });
  });
  await server.listen({ port: 0, host: '127.0.0.1' });
  const address = server.server.address();
  process.stdout.write(`listening ${typeof address === 'object' && address ? address.port : 0}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

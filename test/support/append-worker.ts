/**
 * Child process of test/contract/event-store.multiprocess.spec.ts:
 *   node dist/test/support/append-worker.js <file> <stream> <count> <workerId>
 * Opens the shared SQLite log, prints `ready`, waits for `go` on stdin (so that all workers start
 * racing at once), then appends <count> events one by one, each with the exact expected revision read
 * right before, retrying on ConcurrencyError. Prints one JSON line `{"workerId","appended","conflicts"}`.
 */
import { ConcurrencyError } from '@gx/eventstore/event-store.port';
import { SqliteEventStore } from '@gx/eventstore/sqlite/sqlite-event-store';

async function main(argv: string[]): Promise<void> {
  const [file, stream, countText, workerId] = argv;
  const count = Number(countText);
  if (!file || !stream || !workerId || !Number.isSafeInteger(count) || count < 0) {
    throw new Error('usage: append-worker <file> <stream> <count> <workerId>');
  }
  const store = new SqliteEventStore({ file });
  try {
    await waitForGo();
    let known = -1;
    let conflicts = 0;
    for (let seq = 0; seq < count;) {
      // Catch up with what the other workers wrote since our last look, then claim the next revision.
      known += (await store.readStream(stream, { fromRevision: known + 1 })).length;
      const cause = `${workerId}-${seq}`;
      const metadata = {
        schemaVersion: 1,
        correlationId: cause,
        causationId: cause,
        actor: `system:${workerId}`,
        occurredAt: new Date().toISOString(),
      };
      try {
        await store.append(
          stream,
          [{ type: 'Appended', data: { workerId, seq }, metadata }],
          known < 0 ? 'no_stream' : known,
        );
        seq += 1;
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        conflicts += 1;
      }
      // Yield to the event loop now and then so that stdin and signals are still handled.
      if (seq % 50 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    process.stdout.write(`${JSON.stringify({ workerId, appended: count, conflicts })}\n`);
  } finally {
    await store.close();
  }
}

function waitForGo(): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer): void => {
      buffered += chunk.toString('utf8');
      if (buffered.includes('go\n')) {
        process.stdin.off('data', onData);
        process.stdin.pause();
        resolve();
      }
    };
    process.stdin.on('data', onData);
    process.stdin.once('end', () => reject(new Error('stdin closed before "go"')));
    process.stdout.write('ready\n');
  });
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { comparePositions, type RecordedEvent, type Subscription } from '@gx/eventstore/event-store.port';
import { SqliteEventStore } from '@gx/eventstore/sqlite/sqlite-event-store';

const WORKER = path.resolve(__dirname, '../../dist/test/support/append-worker.js');
const WORKERS = ['w1', 'w2', 'w3'];
const PER_WORKER = 300;
const TOTAL = WORKERS.length * PER_WORKER;
/** A guard against a hang, not a performance assertion. */
const GUARD_MS = 60_000;

interface Worker {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  exited: Promise<number | null>;
}

function startWorker(file: string, stream: string, workerId: string): Worker {
  const child = spawn(process.execPath, [WORKER, file, stream, String(PER_WORKER), workerId], { stdio: 'pipe' });
  const worker: Worker = {
    child,
    stdout: '',
    stderr: '',
    exited: new Promise((resolve) => child.once('exit', resolve)),
  };
  child.stdout?.on('data', (chunk: Buffer) => (worker.stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (worker.stderr += chunk.toString('utf8')));
  return worker;
}

async function until(done: () => boolean, what: string, failed: () => string | undefined): Promise<void> {
  const deadline = Date.now() + GUARD_MS;
  while (!done()) {
    const failure = failed();
    if (failure) throw new Error(`${what}: ${failure}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SqliteEventStore shared by several processes', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gx-'));
  const workers: Worker[] = [];
  let store: SqliteEventStore | undefined;
  let subscription: Subscription | undefined;

  afterAll(async () => {
    for (const { child } of workers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await subscription?.stop();
    await store?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(
    'many concurrent appends to one stream from three processes lose nothing and never fork a revision',
    async () => {
      if (!fs.existsSync(WORKER))
        throw new Error(`${WORKER} is missing: run \`npm run build\` before the contract tests`);
      const file = path.join(dir, 'events.db');
      const stream = 'stock-cabbage@wh-1';
      store = new SqliteEventStore({ file });
      const local = store;
      const seen: RecordedEvent[] = [];
      subscription = store.subscribeToAll({ filter: { streamPrefixes: ['stock-'] } });
      const live = subscription;
      const drained = (async () => {
        for await (const event of live) if (seen.push(event) === TOTAL) break;
      })();
      const crashed = () =>
        workers.map((w) => (w.child.exitCode ? `${w.child.exitCode}: ${w.stderr}` : '')).find(Boolean);

      workers.push(...WORKERS.map((id) => startWorker(file, stream, id)));
      await until(() => workers.every((w) => w.stdout.startsWith('ready\n')), 'workers ready', crashed);
      for (const worker of workers) worker.child.stdin?.end('go\n');
      const codes = await Promise.all(workers.map((w) => w.exited));
      expect(workers.map((w, i) => [codes[i], w.stderr])).toEqual(workers.map(() => [0, '']));
      const reports = workers.map((w) => JSON.parse(w.stdout.split('\n')[1]) as { workerId: string; appended: number });
      expect(reports.map((r) => [r.workerId, r.appended])).toEqual(WORKERS.map((id) => [id, PER_WORKER]));

      const events = await local.readStream(stream);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: TOTAL }, (_, i) => i));
      for (let i = 1; i < events.length; i++)
        expect(comparePositions(events[i - 1].position, events[i].position)).toBe(-1);
      const written = events.map((e) => e.data as { workerId: string; seq: number });
      for (const id of WORKERS) {
        expect(written.filter((d) => d.workerId === id).map((d) => d.seq)).toEqual(
          Array.from({ length: PER_WORKER }, (_, i) => i),
        );
      }

      await until(
        () => seen.length === TOTAL,
        `the subscription to see ${TOTAL} events (saw ${seen.length})`,
        () => undefined,
      );
      await drained;
      expect(seen.map((e) => e.id)).toEqual(events.map((e) => e.id));
    },
    GUARD_MS + 10_000,
  );
});

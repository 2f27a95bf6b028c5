import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

const metadata = {
  schemaVersion: 1,
  correlationId: 'c',
  causationId: 'c',
  actor: 'test',
  occurredAt: '2026-11-28T00:00:00.000Z',
};

describe('WAL checkpoints in the background', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gx-wal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages into the database file without a commit of ours doing it', async () => {
    const file = join(dir, 'events.db');
    const store = new SqliteEventStore({ file });
    try {
      const before = statSync(file).size;
      // About 500 pages of log: below SQLite's default threshold (1,000 pages), so no commit checkpoints.
      const payload = 'x'.repeat(3_000);
      for (let i = 0; i < 30; i++) {
        await store.append(
          `s-${i}`,
          Array.from({ length: 20 }, () => ({ type: 'Happened', data: { payload }, metadata })),
          'no_stream',
        );
      }
      // The background checkpointer may already have run between these appends (it then restarts the WAL from
      // its start, so the WAL's size says nothing): wait for the checkpoint to have copied everything, not for
      // the first change of the database file's size.
      const deadline = Date.now() + 10_000;
      while (statSync(file).size <= 1_800_000 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(statSync(file).size).toBeGreaterThan(Math.max(before, 1_800_000));
      expect(await store.readStream('s-29')).toHaveLength(20);
    } finally {
      await store.close();
    }
  });
});

import {
  DEADLINE_RUNS_COLLECTION,
  DeadlineScheduler,
  deadlineReadModel,
  type Deadline,
  type DeadlineSchedulerOptions,
} from '@gx/readstore/deadlines';
import type { Projection } from '@gx/readstore/projection';
import { mongoTarget, type MongoTarget } from './mongo-target';
import {
  append,
  eventually,
  Fixture,
  memoryLogger,
  type Connection,
  type DocumentStoreOpener,
} from './projector-fixtures';

/** The scheduler's behaviour on one DocumentStore adapter: SQLite files, or MongoDB (real at MONGODB_URI, else the wire double). */
function deadlineSuite(label: string, opener?: DocumentStoreOpener, server?: MongoTarget): void {
  describe(`DeadlineScheduler on ${label}`, () => {
    const fixture = new Fixture(opener);
    if (server) beforeAll(() => server.start());
    afterEach(() => fixture.cleanup());
    if (server) afterAll(() => server.stop());

    let now: Date;
    beforeEach(() => {
      now = new Date('2025-03-01T08:00:00.000Z');
    });
    const at = (iso: string): void => {
      now = new Date(iso);
    };
    const ticks = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 60));

    const scheduler = (c: Connection, options: Partial<DeadlineSchedulerOptions>): DeadlineScheduler => {
      const started = fixture.track(
        new DeadlineScheduler({
          store: c.store,
          handlers: {},
          clock: () => now,
          tickMs: 10,
          leaseTtlMs: 300,
          logger: memoryLogger(),
          ...options,
        }),
      );
      started.start();
      return started;
    };
    const recording = (fired: Array<{ payload: unknown; id: string; dueAt: string }>) => ({
      close: async (payload: unknown, deadline: Deadline) => {
        fired.push({ payload, id: deadline._id, dueAt: deadline.dueAt });
      },
    });
    const setDeadline = (c: Connection, id: string, dueAt: string, payload: unknown = { id }) =>
      c.store.write({
        ops: [{ kind: 'put', collection: 'deadlines', doc: { _id: id, dueAt, kind: 'close', payload } }],
      });

    it('fires a deadline once when it comes due, in one process only', async () => {
      const dir = fixture.newDir();
      const a = fixture.connect(dir);
      const fired: Array<{ payload: unknown; id: string; dueAt: string }> = [];
      await setDeadline(a, 'lot-1', '2025-03-01T08:05:00.000Z', { lotId: 'lot-1' });
      scheduler(a, { handlers: recording(fired) });
      scheduler(fixture.connect(dir), { handlers: recording(fired) });
      await ticks();
      expect(fired).toEqual([]);

      at('2025-03-01T08:05:00.000Z');
      await eventually(() => fired.length > 0);
      await ticks();
      expect(fired).toEqual([{ payload: { lotId: 'lot-1' }, id: 'lot-1', dueAt: '2025-03-01T08:05:00.000Z' }]);
    });

    it('fires due deadlines oldest first and none again after a restart', async () => {
      const dir = fixture.newDir();
      const first = fixture.connect(dir);
      const fired: Array<{ payload: unknown; id: string; dueAt: string }> = [];
      await setDeadline(first, 'b', '2025-03-01T07:30:00.000Z');
      await setDeadline(first, 'a', '2025-03-01T07:00:00.000Z');
      await setDeadline(first, 'later', '2025-03-01T09:00:00.000Z');
      scheduler(first, { handlers: recording(fired) });
      await eventually(() => fired.length === 2);
      await fixture.shutdown();

      const second = fixture.connect(dir);
      await setDeadline(second, 'while-down', '2025-03-01T07:45:00.000Z');
      scheduler(second, { handlers: recording(fired) });
      await eventually(() => fired.length === 3);
      await ticks();
      expect(fired.map((f) => f.id)).toEqual(['a', 'b', 'while-down']);
    });

    it('fires a rescheduled deadline again at its new time', async () => {
      const c = fixture.connect(fixture.newDir());
      const fired: Array<{ payload: unknown; id: string; dueAt: string }> = [];
      await setDeadline(c, 'campaign-1', '2025-03-01T08:00:00.000Z');
      scheduler(c, { handlers: recording(fired) });
      await eventually(() => fired.length === 1);

      await setDeadline(c, 'campaign-1', '2025-03-01T10:00:00.000Z');
      at('2025-03-01T09:59:59.999Z');
      await ticks();
      expect(fired).toHaveLength(1);
      at('2025-03-01T10:00:00.000Z');
      await eventually(() => fired.length === 2);
      expect(fired[1]).toMatchObject({ id: 'campaign-1', dueAt: '2025-03-01T10:00:00.000Z' });
    });

    it('records a failing handler and retries it after a backoff', async () => {
      const c = fixture.connect(fixture.newDir());
      let calls = 0;
      const handlers = {
        close: async () => {
          calls += 1;
          if (calls === 1) throw new Error('auction service unavailable');
        },
      };
      await setDeadline(c, 'lot-9', '2025-03-01T08:00:00.000Z');
      scheduler(c, { handlers, retryMs: 1000 });
      const runId = 'deadlines:lot-9@2025-03-01T08:00:00.000Z';
      await eventually(async () => (await c.store.get(DEADLINE_RUNS_COLLECTION, runId)) !== null);
      expect(await c.store.get(DEADLINE_RUNS_COLLECTION, runId)).toMatchObject({
        status: 'failed',
        attempts: 1,
        error: 'auction service unavailable',
        retryAt: '2025-03-01T08:00:01.000Z',
      });
      await ticks();
      expect(calls).toBe(1);

      at('2025-03-01T08:00:01.000Z');
      await eventually(async () => (await c.store.get(DEADLINE_RUNS_COLLECTION, runId))?.status === 'done');
      expect(calls).toBe(2);
      expect(await c.store.get(DEADLINE_RUNS_COLLECTION, runId)).toMatchObject({ attempts: 2 });
    });

    it('fires deadlines a projection maintains, and not those it cancelled', async () => {
      const c = fixture.connect(fixture.newDir());
      const cutoffs: Projection = {
        name: 'campaign-cutoffs',
        version: 1,
        filter: { streamPrefixes: ['campaign-'] },
        readModels: [
          deadlineReadModel('campaign_deadlines', (event) => {
            const { campaignId, cutoffAt } = event.data as { campaignId: string; cutoffAt?: string };
            if (event.type === 'CampaignScheduled')
              return [{ id: campaignId, deadline: { dueAt: cutoffAt ?? '', kind: 'close', payload: { campaignId } } }];
            if (event.type === 'CampaignCancelled') return [{ id: campaignId, deadline: null }];
            return [];
          }),
        ],
      };
      fixture.projector(c, [cutoffs]);
      const fired: Array<{ payload: unknown; id: string; dueAt: string }> = [];
      scheduler(c, { handlers: recording(fired), collections: ['campaign_deadlines'] });
      await append(c, 'campaign-1', 'CampaignScheduled', { campaignId: 'c1', cutoffAt: '2025-03-01T12:00:00.000Z' });
      await append(c, 'campaign-2', 'CampaignScheduled', { campaignId: 'c2', cutoffAt: '2025-03-01T12:00:00.000Z' });
      await append(c, 'campaign-2', 'CampaignCancelled', { campaignId: 'c2' });
      await eventually(async () => (await c.store.count('campaign_deadlines__g1')) === 1);

      at('2025-03-01T12:00:00.000Z');
      await eventually(() => fired.length === 1);
      await ticks();
      expect(fired).toEqual([{ payload: { campaignId: 'c1' }, id: 'c1', dueAt: '2025-03-01T12:00:00.000Z' }]);
    });
  });
}

deadlineSuite('SQLite');
const mongo = mongoTarget();
deadlineSuite(mongo.label, mongo.open, mongo);

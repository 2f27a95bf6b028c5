import 'reflect-metadata';
import { join } from 'node:path';
import { BenchApps, REPO_ROOT, startHello, type Started } from './apps';
import { flashSale } from './flash-sale';
import { liveBoard } from './live-board';
import { describeMachine } from './machine';
import { receiveStock, waitSettled } from './market';
import { readLatency } from './reads';
import { renderResults, writeResults, type Section } from './report';
import { fmt } from './stats';
import { storeFigures, storeSections } from './store-bench';
import { doubleBackedKit, embeddedKit, type StoreKit } from './store-kit';
import { commandThroughput } from './throughput';

/**
 * `npm run bench`: every benchmark of issue 8 side by side with its baseline, printed as markdown
 * and written between the markers of BENCHMARKS.md.
 *
 * BENCH_SCALE=default (the sizes with one plain-runner round; about 7 minutes on 2 cores) |
 * full (also three plain-runner rounds and a 10,000-event double-backed log; a few minutes longer) |
 * quick (a smoke run of the harness; it leaves BENCHMARKS.md alone, as a run of only some benchmarks does).
 * BENCH_ONLY=flash,throughput,reads,store,doubles picks benchmarks (default: all); BENCH_ONLY=live runs the live
 * board's bid-to-watcher latency (1,000 and 2,000 watchers, one and two wholesale processes), which is not in the default set.
 * BENCH_PROFILE=<instance>,… writes CPU profiles of those app instances (mailbox, plain, worker,
 * operations) into BENCH_PROFILE_DIR (default dist/bench-profiles) when they stop.
 */
const SCALES = {
  quick: {
    flash: { attempts: 1000, quota: 100, rounds: 1, plainRounds: 1 },
    throughput: { requests: 1000, rounds: 1 },
    reads: { requests: 500, rounds: 1, paced: 200 },
    embedded: [2_000, 10_000],
    doubles: [1_000, 2_000],
    samples: 200,
  },
  default: {
    flash: { attempts: 10_000, quota: 1000, rounds: 3, plainRounds: 1 },
    throughput: { requests: 8_000, rounds: 3 },
    reads: { requests: 4_000, rounds: 3, paced: 500 },
    embedded: [10_000, 100_000, 1_000_000],
    doubles: [2_000, 5_000],
    samples: 1000,
  },
  full: {
    flash: { attempts: 10_000, quota: 1000, rounds: 3, plainRounds: 3 },
    throughput: { requests: 10_000, rounds: 3 },
    reads: { requests: 5_000, rounds: 3, paced: 500 },
    embedded: [10_000, 100_000, 1_000_000],
    doubles: [2_000, 5_000, 10_000],
    samples: 1000,
  },
} as const;

type ScaleName = keyof typeof SCALES;
const SCALE_NAME = (process.env.BENCH_SCALE ?? 'default') as ScaleName;
if (!(SCALE_NAME in SCALES)) throw new Error(`BENCH_SCALE must be one of ${Object.keys(SCALES).join(', ')}`);
const SCALE = SCALES[SCALE_NAME];
const ONLY = new Set((process.env.BENCH_ONLY ?? 'flash,throughput,reads,store,doubles').split(','));

async function httpBenchmarks(sections: Section[]): Promise<void> {
  const apps = BenchApps.create();
  let hello: Started | undefined;
  try {
    hello = await startHello();
    await apps.start('worker');
    await apps.start('operations');
    await apps.start('storefront', { instance: 'mailbox' });
    await apps.start('storefront', { instance: 'plain', env: { COMMAND_RUNNER: 'plain' } });
    await waitSettled(apps);
    // 5,000 t of cabbage: every campaign of the run reserves its quota from it.
    await receiveStock(apps, 5_000_000_000, 'bench-stock');
    if (ONLY.has('flash')) {
      console.log('1. flash sale…');
      sections.push(await flashSale(apps, { ...SCALE.flash, connections: 200 }));
    }
    if (ONLY.has('throughput')) {
      console.log('2. command throughput…');
      sections.push(await commandThroughput(apps, hello, { ...SCALE.throughput, campaigns: 50, connections: 100 }));
    }
    if (ONLY.has('reads')) {
      console.log('4. read latency…');
      await waitSettled(apps);
      sections.push(await readLatency(apps, hello, { ...SCALE.reads, connections: 50 }));
    }
  } finally {
    await hello?.stop();
    await apps.close();
  }
}

/** The wholesale live board at market scale (BENCH_ONLY=live). */
async function liveBenchmarks(sections: Section[]): Promise<void> {
  const apps = BenchApps.create();
  const unbounded = { LIVE_STREAMS_PER_LOT: '100000', LIVE_STREAMS_MAX: '100000', LIVE_STREAMS_PER_USER: '10000' };
  try {
    await apps.start('worker');
    await apps.start('operations');
    await apps.start('wholesale', { env: unbounded });
    await waitSettled(apps);
    console.log('6. live board…');
    const watcherCounts = SCALE_NAME === 'quick' ? [100, 200] : [1000, 2000];
    sections.push(
      await liveBoard(apps, { watcherCounts, bidsPerSecond: 20, seconds: SCALE_NAME === 'quick' ? 3 : 10 }),
    );
  } finally {
    await apps.close();
  }
}

async function storeBenchmarks(
  sections: Section[],
  kit: StoreKit,
  stages: readonly number[],
  fullSize: number,
): Promise<void> {
  try {
    const largest = stages[stages.length - 1];
    const why =
      kit.label === 'embedded'
        ? 'so that the whole run stays within a few minutes on this machine'
        : 'because the MongoDB double scans a whole collection for every find, so its own work grows with the square of the log';
    const note =
      largest < 1_000_000
        ? `Scaled down from the issue's 1,000,000 events to ${fmt(largest)} ${why} (BENCH_SCALE=full runs ${fmt(fullSize)}).`
        : '';
    const figures = await storeFigures(kit, { stages: [...stages], samples: SCALE.samples });
    sections.push(...storeSections(figures, note));
  } finally {
    await kit.close();
  }
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const started = Date.now();
  const sections: Section[] = [];
  if (['flash', 'throughput', 'reads'].some((b) => ONLY.has(b))) await httpBenchmarks(sections);
  if (ONLY.has('live')) await liveBenchmarks(sections);
  if (ONLY.has('store')) {
    console.log('3 and 5. rebuild and growth, embedded…');
    await storeBenchmarks(
      sections,
      embeddedKit(),
      SCALE.embedded,
      SCALES.full.embedded[SCALES.full.embedded.length - 1],
    );
  }
  if (ONLY.has('doubles')) {
    console.log('3 and 5. rebuild and growth, production adapters against the doubles…');
    await storeBenchmarks(
      sections,
      await doubleBackedKit(),
      SCALE.doubles,
      SCALES.full.doubles[SCALES.full.doubles.length - 1],
    );
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const scale = `Scale: ${SCALE_NAME} (BENCH_SCALE). Whole run: ${minutes} min. The machine was shared with other work while this ran: treat single figures as noisy; ratios of figures measured side by side are the result.`;
  const results = renderResults(machine, sections, scale);
  console.log(`\n${results}`);
  if (ONLY.size === 5 && SCALE_NAME !== 'quick') writeResults(join(REPO_ROOT, 'BENCHMARKS.md'), results);
  else console.log('(a partial or quick run: BENCHMARKS.md left as it was)');
}

// Ctrl-C exits through process.exit, so that the apps started so far are killed on the way out (see apps.ts).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

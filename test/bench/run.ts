import 'reflect-metadata';
import { join } from 'node:path';
import { BenchApps, startHello } from './apps';
import { flashSale } from './flash-sale';
import { describeMachine } from './machine';
import { receiveStock, waitSettled } from './market';
import { renderResults, writeResults, type Section } from './report';
import { REPO_ROOT } from './apps';

/** Which benchmarks to run (BENCH_ONLY=flash,throughput,reads,store; default all). */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'flash,throughput,reads,store').split(','));

async function httpBenchmarks(sections: Section[]): Promise<void> {
  const apps = BenchApps.create();
  const hello = await startHello();
  try {
    await apps.start('worker');
    await apps.start('operations');
    await apps.start('storefront', { instance: 'mailbox' });
    await apps.start('storefront', { instance: 'plain', env: { COMMAND_RUNNER: 'plain' } });
    await waitSettled(apps);
    await receiveStock(apps, 500_000_000, 'bench-stock');
    if (ONLY.has('flash')) {
      console.log('flash sale…');
      sections.push(await flashSale(apps, { quota: 1000, attempts: 10_000, connections: 200, rounds: 3, plainRounds: Number(process.env.BENCH_PLAIN_ROUNDS ?? 1) }));
    }
  } finally {
    await hello.stop();
    await apps.close();
  }
}

async function main(): Promise<void> {
  const machine = describeMachine();
  const started = Date.now();
  const sections: Section[] = [];
  await httpBenchmarks(sections);
  const results = renderResults(machine, sections, `Whole run: ${Math.round((Date.now() - started) / 1000)} s.`);
  console.log(`\n${results}`);
  writeResults(join(REPO_ROOT, 'BENCHMARKS.md'), results);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

import { cpuMeter, type BenchApps, type Started } from './apps';
import { runLoad, type LoadResult, type RequestSpec } from './load';
import { SKU, WAREHOUSE } from './market';
import type { Section } from './report';
import { fmt, median, medianOf, ms, perSecond } from './stats';

/** Sizes of the read-latency benchmark. */
export interface ReadOptions {
  connections: number;
  requests: number;
  rounds: number;
  /** Offered rate of the open-loop runs (requests per second over all connections). */
  paced: number;
}

interface Endpoint {
  name: string;
  server: Started;
  spec: RequestSpec;
  /** Checked with p99 < 10 ms. */
  goal: boolean;
}

const size = (bytes: number): string => (bytes < 1024 ? `${bytes} B` : `${fmt(bytes / 1024, 1)} KiB`);

function check(result: LoadResult, what: string): void {
  const ok = result.statuses[200] ?? 0;
  if (ok !== result.requests)
    throw new Error(`${what}: ${result.requests - ok} answers were not 200: ${JSON.stringify(result.statuses)}`);
}

/**
 * Read latency at 50 connections: stock queries (operations, an operator's token) and the campaign
 * listing (storefront, anonymous) against GET on the hello world, rounds alternating. Closed loop
 * (each connection sends as soon as it has its answer: the server is saturated, so latency is
 * connections ÷ throughput) and open loop at a fixed offered rate (latency without queueing).
 */
export async function readLatency(apps: BenchApps, hello: Started, options: ReadOptions): Promise<Section> {
  const operator = { authorization: `Bearer ${apps.token('operator1', ['operator'])}` };
  const endpoints: Endpoint[] = [
    {
      name: `GET /stock?warehouse&sku (one level)`,
      server: apps.instance('operations'),
      spec: { method: 'GET', path: `/stock?warehouse=${WAREHOUSE}&sku=${SKU}`, headers: operator },
      goal: true,
    },
    {
      name: `GET /stock?warehouse (every SKU of the hub)`,
      server: apps.instance('operations'),
      spec: { method: 'GET', path: `/stock?warehouse=${WAREHOUSE}`, headers: operator },
      goal: true,
    },
    {
      name: 'GET /campaigns?status=published',
      server: apps.instance('mailbox'),
      spec: { method: 'GET', path: '/campaigns?status=published' },
      goal: true,
    },
    {
      name: 'GET /hello (Nest + Fastify ceiling)',
      server: hello,
      spec: { method: 'GET', path: '/hello' },
      goal: false,
    },
  ];
  const closed = new Map<string, LoadResult[]>(endpoints.map((e) => [e.name, []]));
  const paced = new Map<string, LoadResult[]>(endpoints.map((e) => [e.name, []]));
  const sizes = new Map<string, number>();
  const cpuMs = new Map<string, number[]>(endpoints.map((e) => [e.name, []]));
  for (const e of endpoints) {
    const warm = await runLoad({
      url: e.server.url,
      connections: options.connections,
      requests: Array(Math.min(1000, options.requests)).fill(e.spec),
      onResponse: (_i, _s, body) => sizes.set(e.name, body.length),
    });
    check(warm, e.name);
  }
  for (let r = 0; r < options.rounds; r++) {
    for (const e of endpoints) {
      const cpu = cpuMeter([e.server]);
      const result = await runLoad({
        url: e.server.url,
        connections: options.connections,
        requests: Array(options.requests).fill(e.spec),
      });
      check(result, e.name);
      cpuMs.get(e.name)?.push((1000 * (cpu().get(e.server.name) ?? Number.NaN)) / options.requests);
      closed.get(e.name)?.push(result);
      const open = await runLoad({
        url: e.server.url,
        connections: options.connections,
        requests: Array(options.paced * 2).fill(e.spec),
        ratePerSecond: options.paced,
      });
      check(open, e.name);
      paced.get(e.name)?.push(open);
    }
  }
  const table = [
    [
      'endpoint',
      'answer',
      'saturated: throughput',
      'p50',
      'p99',
      'server CPU per request',
      `at ${fmt(options.paced)}/s: p50`,
      'p99',
    ],
  ];
  for (const e of endpoints) {
    const c = closed.get(e.name) ?? [];
    const p = paced.get(e.name) ?? [];
    table.push([
      e.name,
      size(sizes.get(e.name) ?? 0),
      perSecond(medianOf(c, (x) => x.throughput)),
      ms(medianOf(c, (x) => x.p50)),
      ms(medianOf(c, (x) => x.p99)),
      ms(median(cpuMs.get(e.name) ?? [])),
      ms(medianOf(p, (x) => x.p50)),
      ms(medianOf(p, (x) => x.p99)),
    ]);
  }
  // Judged at the offered rate: saturated, a closed loop's latency is connections ÷ throughput, a
  // throughput figure — the hello world's own p99 there is printed beside each for the floor.
  const ceiling = endpoints.find((e) => !e.goal);
  const ceilingP99 = ceiling ? medianOf(closed.get(ceiling.name) ?? [], (x) => x.p99) : Number.NaN;
  const goals = endpoints
    .filter((e) => e.goal)
    .map((e) => {
      const saturated = medianOf(closed.get(e.name) ?? [], (x) => x.p99);
      const open = medianOf(paced.get(e.name) ?? [], (x) => x.p99);
      return {
        name: `read p99 < 10 ms at ${options.connections} connections (offered ${fmt(options.paced)}/s): ${e.name}`,
        met: open < 10,
        detail: `${ms(open)} at ${fmt(options.paced)}/s; saturated ${ms(saturated)} (the hello world saturated: ${ms(ceilingP99)})`,
      };
    });
  return {
    title: '4. Read latency',
    method:
      `${options.connections} keep-alive connections, opened before the clock starts. Saturated: ${fmt(options.requests)} requests per round, each connection sending as soon as ` +
      `it has its answer. Paced: ${fmt(options.paced * 2)} requests offered at ${fmt(options.paced)}/s over the same connections, latency counted ` +
      `from when each request was due. Median of ${options.rounds} rounds, endpoints alternating, after a warm-up. ` +
      'Stock queries go to operations with an operator token; the listing is anonymous on the storefront; the read models hold what the ' +
      'benchmarks before wrote (the flash-sale and throughput campaigns and their stock).',
    table,
    goals,
    notes: [
      `The goal is judged on the p99 at the offered ${fmt(options.paced)} requests/s over the ${options.connections} connections. Saturated, each ` +
        'connection sends the moment it has its answer, so the p50 is connections ÷ throughput whatever the code does: that column is a ' +
        'throughput figure, and on this machine even the hello world, with no work at all, has a p99 near or above 10 ms there.',
    ],
  };
}

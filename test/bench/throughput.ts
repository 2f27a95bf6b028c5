import { cpuMeter, type BenchApps, type Started } from './apps';
import { consumerTokens } from './flash-sale';
import { runLoad, type LoadResult, type RequestSpec } from './load';
import { openCampaign } from './market';
import type { Section } from './report';
import { fmt, medianOf, ms, pct, perSecond } from './stats';

/** Sizes of the command-throughput benchmark. */
export interface ThroughputOptions {
  campaigns: number;
  requests: number;
  connections: number;
  rounds: number;
}

const JOIN = JSON.stringify({ quantity: 1, paymentMethod: 'pay_at_pickup' });

/** A joins round: the campaigns in turn, a different consumer per request, each with its own Idempotency-Key (unless `keyed` is false). */
function joinRequests(
  campaigns: string[],
  tokens: string[],
  count: number,
  round: string,
  keyed = true,
): RequestSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    method: 'POST',
    path: `/campaigns/${campaigns[i % campaigns.length]}/orders`,
    headers: {
      authorization: `Bearer ${tokens[i % tokens.length]}`,
      ...(keyed && { 'idempotency-key': `${round}-${i}` }),
    },
    body: JOIN,
  }));
}

/** A load round with the CPU seconds each server process used per request (ms). */
interface Measured {
  load: LoadResult;
  cpuMs: Map<string, number>;
}

async function measured(servers: Started[], run: () => Promise<LoadResult>): Promise<Measured> {
  const stop = cpuMeter(servers);
  const load = await run();
  const used = stop();
  return { load, cpuMs: new Map([...used].map(([name, seconds]) => [name, (1000 * seconds) / load.requests])) };
}

/** The ceiling: the same request shape (JSON body, bearer header of the same size, a key) to the hello world. */
function helloRequests(tokens: string[], count: number, round: string): RequestSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    method: 'POST',
    path: '/hello',
    headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `${round}-${i}` },
    body: JOIN,
  }));
}

function check(result: LoadResult, what: string, ok: number): void {
  const good = result.statuses[ok] ?? 0;
  if (good !== result.requests)
    throw new Error(
      `${what}: ${result.requests - good} of ${result.requests} answers were not ${ok}: ${JSON.stringify(result.statuses)}`,
    );
}

/**
 * Command throughput: joins spread over many campaigns on the storefront (mailbox runner), rounds
 * alternating with the Nest + Fastify hello world (the ceiling) driven by the same client.
 */
export async function commandThroughput(apps: BenchApps, hello: Started, options: ThroughputOptions): Promise<Section> {
  const url = apps.url('mailbox');
  const campaigns: string[] = [];
  // Keyed and unkeyed rounds plus the warm-up all hold quota.
  const quota = Math.ceil(((2 * options.rounds + 1) * options.requests) / options.campaigns) + 10;
  for (let c = 0; c < options.campaigns; c++)
    campaigns.push(await openCampaign(apps, url, { title: `白菜团 ${c}`, quota, perCustomerLimit: quota }));
  const tokens = consumerTokens(apps, options.requests, 'buyer');
  const warm = Math.min(2000, options.requests);
  check(
    await runLoad({ url: hello.url, connections: options.connections, requests: helloRequests(tokens, warm, 'warm') }),
    'hello warm-up',
    201,
  );
  check(
    await runLoad({ url, connections: options.connections, requests: joinRequests(campaigns, tokens, warm, 'warm') }),
    'joins warm-up',
    201,
  );
  const storefront = apps.instance('mailbox');
  const worker = apps.instance('worker');
  const rounds: Record<'keyed' | 'unkeyed' | 'hello', Measured[]> = { keyed: [], unkeyed: [], hello: [] };
  for (let r = 0; r < options.rounds; r++) {
    const h = await measured([hello], () =>
      runLoad({
        url: hello.url,
        connections: options.connections,
        requests: helloRequests(tokens, options.requests, `hello-${r}`),
      }),
    );
    check(h.load, 'hello', 201);
    rounds.hello.push(h);
    const j = await measured([storefront, worker], () =>
      runLoad({
        url,
        connections: options.connections,
        requests: joinRequests(campaigns, tokens, options.requests, `joins-${r}`),
      }),
    );
    check(j.load, 'joins', 201);
    rounds.keyed.push(j);
    const u = await measured([storefront, worker], () =>
      runLoad({
        url,
        connections: options.connections,
        requests: joinRequests(campaigns, tokens, options.requests, `bare-${r}`, false),
      }),
    );
    check(u.load, 'joins without a key', 201);
    rounds.unkeyed.push(u);
    console.log(
      `  throughput round ${r + 1}: joins ${fmt(j.load.throughput)}/s (without key ${fmt(u.load.throughput)}/s), hello ${fmt(h.load.throughput)}/s`,
    );
  }
  const cpu = (results: Measured[], name: string) => ms(medianOf(results, (x) => x.cpuMs.get(name) ?? Number.NaN));
  const row = (name: string, results: Measured[], server: string) => [
    name,
    perSecond(medianOf(results, (x) => x.load.throughput)),
    ms(medianOf(results, (x) => x.load.p50)),
    ms(medianOf(results, (x) => x.load.p99)),
    cpu(results, server),
    server === 'hello' ? '' : cpu(results, 'worker'),
  ];
  const j = medianOf(rounds.keyed, (x) => x.load.throughput);
  const h = medianOf(rounds.hello, (x) => x.load.throughput);
  return {
    title: '2. Command throughput over HTTP',
    method:
      `${fmt(options.requests)} joins per round spread over ${options.campaigns} open campaigns (a different consumer and Idempotency-Key each, ` +
      `1 kg, pay at pickup) from ${options.connections} keep-alive connections (opened before the clock starts) to the storefront (mailbox runner), alternating with rounds of ` +
      'the same requests to a Nest 11 + Fastify hello world (POST echoing the JSON body; no auth, validation, interceptors or stores) ' +
      `as the ceiling, and of the same joins without Idempotency-Key (what the idempotency records cost). Median of ${options.rounds} rounds each, ` +
      'after a warm-up round. CPU per request is the CPU time (user + system, from /proc) the server process and the worker used during a round ' +
      'divided by its requests: unlike throughput, it hardly depends on what else the machine is doing.',
    table: [
      ['endpoint', 'throughput', 'p50', 'p99', 'server CPU per request', 'worker CPU per join'],
      row('POST /campaigns/{id}/orders (joins, with Idempotency-Key)', rounds.keyed, 'mailbox'),
      row('the same joins without Idempotency-Key', rounds.unkeyed, 'mailbox'),
      row('Nest + Fastify hello world (ceiling)', rounds.hello, 'hello'),
      ['joins ÷ ceiling', pct(j, h), '', '', '', ''],
    ],
    goals: [
      {
        name: 'command throughput ≥ 25% of the hello-world ceiling',
        met: j >= h / 4,
        detail: `${pct(j, h)} (${perSecond(j)} vs ${perSecond(h)})`,
      },
    ],
    notes: [],
  };
}

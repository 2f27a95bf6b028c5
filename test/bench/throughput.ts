import type { BenchApps, Started } from './apps';
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

/** A joins round: the campaigns in turn, a different consumer per request, each with its own Idempotency-Key. */
function joinRequests(campaigns: string[], tokens: string[], count: number, round: string): RequestSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    method: 'POST',
    path: `/campaigns/${campaigns[i % campaigns.length]}/orders`,
    headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `${round}-${i}` },
    body: JOIN,
  }));
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
  if (good !== result.requests) throw new Error(`${what}: ${result.requests - good} of ${result.requests} answers were not ${ok}: ${JSON.stringify(result.statuses)}`);
}

/**
 * Command throughput: joins spread over many campaigns on the storefront (mailbox runner), rounds
 * alternating with the Nest + Fastify hello world (the ceiling) driven by the same client.
 */
export async function commandThroughput(apps: BenchApps, hello: Started, options: ThroughputOptions): Promise<Section> {
  const url = apps.url('mailbox');
  const campaigns: string[] = [];
  const quota = Math.ceil(((options.rounds + 1) * options.requests) / options.campaigns) + 10;
  for (let c = 0; c < options.campaigns; c++) campaigns.push(await openCampaign(apps, url, { title: `白菜团 ${c}`, quota, perCustomerLimit: quota }));
  const tokens = consumerTokens(apps, options.requests, 'buyer');
  const warm = Math.min(2000, options.requests);
  check(await runLoad({ url: hello.url, connections: options.connections, requests: helloRequests(tokens, warm, 'warm') }), 'hello warm-up', 201);
  check(await runLoad({ url, connections: options.connections, requests: joinRequests(campaigns, tokens, warm, 'warm') }), 'joins warm-up', 201);
  const joins: LoadResult[] = [];
  const ceiling: LoadResult[] = [];
  for (let r = 0; r < options.rounds; r++) {
    const h = await runLoad({ url: hello.url, connections: options.connections, requests: helloRequests(tokens, options.requests, `hello-${r}`) });
    check(h, 'hello', 201);
    ceiling.push(h);
    const j = await runLoad({ url, connections: options.connections, requests: joinRequests(campaigns, tokens, options.requests, `joins-${r}`) });
    check(j, 'joins', 201);
    joins.push(j);
    console.log(`  throughput round ${r + 1}: joins ${fmt(j.throughput)}/s, hello ${fmt(h.throughput)}/s`);
  }
  const row = (name: string, results: LoadResult[]) => [
    name,
    perSecond(medianOf(results, (x) => x.throughput)),
    ms(medianOf(results, (x) => x.p50)),
    ms(medianOf(results, (x) => x.p99)),
  ];
  const j = medianOf(joins, (x) => x.throughput);
  const h = medianOf(ceiling, (x) => x.throughput);
  return {
    title: '2. Command throughput over HTTP',
    method:
      `${fmt(options.requests)} joins per round spread over ${options.campaigns} open campaigns (a different consumer and Idempotency-Key each, ` +
      `1 kg, pay at pickup) from ${options.connections} keep-alive connections to the storefront (mailbox runner), alternating with rounds of ` +
      'the same requests to a Nest 11 + Fastify hello world (POST echoing the JSON body; no auth, validation, interceptors or stores) ' +
      `as the ceiling. Median of ${options.rounds} rounds each, after a warm-up round.`,
    table: [
      ['endpoint', 'throughput', 'p50', 'p99'],
      row('POST /campaigns/{id}/orders (joins)', joins),
      row('Nest + Fastify hello world (ceiling)', ceiling),
      ['joins ÷ ceiling', pct(j, h), '', ''],
    ],
    goals: [{ name: 'command throughput ≥ 25% of the hello-world ceiling', met: j >= h / 4, detail: `${pct(j, h)} (${perSecond(j)} vs ${perSecond(h)})` }],
    notes: [],
  };
}

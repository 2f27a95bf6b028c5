import { cpuMeter, type BenchApps } from './apps';
import { runLoad, type RequestSpec } from './load';
import { campaignAfter, openCampaign } from './market';
import type { Section } from './report';
import { fmt, medianOf, ms, percentile, perSecond, times } from './stats';

/** The flash sale of the issue: one campaign, quota 1,000, 10,000 join attempts from 200 connections. */
export interface FlashSaleOptions {
  quota: number;
  attempts: number;
  connections: number;
  /** Rounds with the mailbox runner. */
  rounds: number;
  /** Rounds with the plain runner (each takes minutes: it re-reads the whole campaign stream per attempt). */
  plainRounds: number;
}

/** One round of the flash sale on one runner. */
interface FlashRound {
  accepted: number;
  soldOut: number;
  /** Answers that are neither an order nor SOLD_OUT/LIMIT_EXCEEDED (e.g. a 500 after exhausted retries). */
  failed: number;
  /** Quantity held beyond the quota, by the answers and by the read model (must be 0). */
  oversold: number;
  throughput: number;
  p50: number;
  p99: number;
  /** p99 of the accepted joins and of the sold-out answers apart. */
  p99Accepted: number;
  p99SoldOut: number;
  /** CPU time of the storefront per attempt (ms). */
  cpuMs: number;
  failures: string[];
}

const JOIN = JSON.stringify({ quantity: 1, paymentMethod: 'pay_at_pickup' });

/** Tokens of `count` distinct consumers (one join attempt each), issued once for every round. */
export function consumerTokens(apps: BenchApps, count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => apps.token(`${prefix}-${String(i).padStart(5, '0')}`, ['consumer']));
}

/** The problem code of an error answer ('none' when it has none or is not JSON). */
function codeOf(body: string): string {
  try {
    return (JSON.parse(body) as { code?: string }).code ?? 'none';
  } catch {
    return 'not JSON';
  }
}

async function flashRound(apps: BenchApps, instance: string, tokens: string[], options: FlashSaleOptions, round: string): Promise<FlashRound> {
  const id = await openCampaign(apps, apps.url(instance), { title: `白菜秒杀 ${round}`, quota: options.quota, perCustomerLimit: 1 });
  const requests: RequestSpec[] = Array.from({ length: options.attempts }, (_, i) => ({
    method: 'POST',
    path: `/campaigns/${id}/orders`,
    headers: { authorization: `Bearer ${tokens[i % tokens.length]}`, 'idempotency-key': `${round}-${i}` },
    body: JOIN,
  }));
  let accepted = 0;
  let soldOut = 0;
  const acceptedMs: number[] = [];
  const soldOutMs: number[] = [];
  let last = 0n;
  const failures = new Map<string, number>();
  const cpu = cpuMeter([apps.instance(instance)]);
  const load = await runLoad({
    url: apps.url(instance),
    connections: options.connections,
    requests,
    onResponse: (_i, status, body, latencyMs) => {
      if (status === 201) {
        acceptedMs.push(latencyMs);
        const answer = JSON.parse(body) as { order: { quantity: number }; position: string };
        accepted += answer.order.quantity;
        const position = BigInt(answer.position);
        if (position > last) last = position;
        return;
      }
      const code = status === 0 ? 'connection' : codeOf(body);
      if (status === 409 && (code === 'SOLD_OUT' || code === 'LIMIT_EXCEEDED')) {
        soldOut++;
        soldOutMs.push(latencyMs);
      }
      else failures.set(`${status} ${code}`, (failures.get(`${status} ${code}`) ?? 0) + 1);
    },
  });
  const cpuMs = (1000 * (cpu().get(instance) ?? Number.NaN)) / options.attempts;
  const view = await campaignAfter(apps.url(instance), id, last.toString());
  if (view.held !== accepted) throw new Error(`campaign ${id}: the read model holds ${view.held}, the answers accepted ${accepted}`);
  return {
    accepted,
    soldOut,
    failed: options.attempts - accepted - soldOut,
    oversold: Math.max(0, accepted - options.quota, view.held - options.quota),
    throughput: load.throughput,
    p50: load.p50,
    p99: load.p99,
    p99Accepted: percentile(acceptedMs, 99),
    p99SoldOut: percentile(soldOutMs, 99),
    cpuMs,
    failures: [...failures].map(([what, n]) => `${n}× ${what}`),
  };
}

/**
 * The flash sale over HTTP on the storefront with the mailbox runner (instance `mailbox`) and the
 * plain read-decide-append-retry runner (instance `plain`, COMMAND_RUNNER=plain), rounds alternating
 * between the two on a fresh campaign each.
 */
export async function flashSale(apps: BenchApps, options: FlashSaleOptions): Promise<Section> {
  const tokens = consumerTokens(apps, options.attempts, 'flash');
  const results: Record<'mailbox' | 'plain', FlashRound[]> = { mailbox: [], plain: [] };
  // An unrecorded round per runner first, so that neither is measured while its JIT warms up: a whole
  // one for the mailbox, a short one for the plain runner (a whole plain round takes over a minute).
  const modes = options.plainRounds > 0 ? (['mailbox', 'plain'] as const) : (['mailbox'] as const);
  for (const mode of modes) {
    const warm = mode === 'mailbox' ? options : { ...options, attempts: Math.min(1000, options.attempts), quota: Math.min(100, options.quota) };
    await flashRound(apps, mode, tokens, warm, `warm-${mode}`);
  }
  for (let r = 0; r < Math.max(options.rounds, options.plainRounds); r++) {
    for (const mode of modes) {
      if (r >= (mode === 'mailbox' ? options.rounds : options.plainRounds)) continue;
      const round = await flashRound(apps, mode, tokens, options, `flash-${mode}-${r}`);
      results[mode].push(round);
      console.log(
        `  flash sale ${mode} round ${r + 1}: ${fmt(round.throughput)}/s, p99 ${ms(round.p99)} (accepted ${ms(round.p99Accepted)}, sold out ${ms(round.p99SoldOut)}), accepted ${round.accepted}, failed ${round.failed}`,
      );
    }
  }
  const row = (mode: 'mailbox' | 'plain') => {
    const rounds = results[mode];
    return [
      mode === 'mailbox' ? 'mailbox + group commit' : 'plain read-decide-append-retry',
      fmt(medianOf(rounds, (x) => x.accepted)),
      fmt(medianOf(rounds, (x) => x.soldOut)),
      fmt(medianOf(rounds, (x) => x.failed)),
      fmt(Math.max(...rounds.map((x) => x.oversold))),
      perSecond(medianOf(rounds, (x) => x.throughput)),
      ms(medianOf(rounds, (x) => x.p50)),
      ms(medianOf(rounds, (x) => x.p99)),
      ms(medianOf(rounds, (x) => x.p99Accepted)),
      ms(medianOf(rounds, (x) => x.p99SoldOut)),
      ms(medianOf(rounds, (x) => x.cpuMs)),
    ];
  };
  const mailbox = medianOf(results.mailbox, (x) => x.throughput);
  const plain = medianOf(results.plain, (x) => x.throughput);
  const p99 = medianOf(results.mailbox, (x) => x.p99);
  const oversold = Math.max(...[...results.mailbox, ...results.plain].map((x) => x.oversold));
  const failures = [...new Set([...results.mailbox, ...results.plain].flatMap((x) => x.failures))];
  return {
    title: '1. Flash sale over HTTP',
    method:
      `One campaign per round, quota ${fmt(options.quota)} kg, ${fmt(options.attempts)} join attempts (distinct consumers, 1 kg each, ` +
      `pay at pickup, each with its Idempotency-Key) from ${options.connections} keep-alive connections to a storefront process; ` +
      `worker and operations run beside it. Median of ${options.rounds} rounds with the mailbox runner and ${options.plainRounds} with the plain one (rounds alternating, ` +
      'after an unrecorded warm-up round of each: a whole one for the mailbox, a tenth for the plain runner; ' +
      'a plain round takes over a minute, hence fewer); oversold is the worst round (answers and read model). The plain runner is the ' +
      'same storefront started with COMMAND_RUNNER=plain. CPU per attempt: the storefront process’s CPU time (from /proc) over the round.',
    table: [
      ['runner', 'accepted', 'rejected (sold out)', 'failed', 'oversold', 'throughput', 'p50', 'p99', 'p99 of accepted', 'p99 of sold out', 'storefront CPU per attempt'],
      row('mailbox'),
      row('plain'),
      ['mailbox ÷ plain', '', '', '', '', times(mailbox, plain), '', '', '', '', ''],
    ],
    goals: [
      { name: 'flash sale: oversold = 0', met: oversold === 0, detail: `${oversold} oversold in the worst round` },
      { name: 'flash sale: mailbox ≥ 5× plain throughput', met: mailbox >= 5 * plain, detail: `${times(mailbox, plain)} (${perSecond(mailbox)} vs ${perSecond(plain)})` },
      { name: 'flash sale: mailbox p99 < 100 ms', met: p99 < 100, detail: ms(p99) },
    ],
    notes: failures.length > 0 ? [`Failed answers: ${failures.join(', ')}.`] : [],
  };
}

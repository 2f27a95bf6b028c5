import { request, type IncomingMessage } from 'node:http';
import type { BenchApps } from './apps';
import { callJson } from './load';
import type { Section } from './report';
import { fmt, ms, percentile } from './stats';

/** What the live-board benchmark runs: watchers of one lot, split over `processes` wholesale instances, and a bid rate. */
export interface LiveBoardOptions {
  watcherCounts: number[];
  bidsPerSecond: number;
  seconds: number;
}

interface Round {
  watchers: number;
  processes: number;
  bids: number;
  samples: number[];
  lost: number;
  refused: number;
  /** Streams the servers ended as `slow_client` (dropped for not reading) during the round. */
  dropped: number;
  /** Mean server-side time to write one event to all its watchers (live_fanout_seconds), in ms. */
  fanoutMs: number;
}

/** The live-board counters of one wholesale process's /metrics that the round compares before and after. */
interface LiveCounters {
  dropped: number;
  fanoutSum: number;
  fanoutCount: number;
}

async function liveCounters(url: string): Promise<LiveCounters> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern: RegExp): number => Number(pattern.exec(text)?.[1] ?? 0);
  return {
    dropped: value(/^live_streams_ended_total\{[^}]*reason="slow_client"[^}]*\} (\S+)$/m),
    fanoutSum: value(/^live_fanout_seconds_sum(?:\{[^}]*\})? (\S+)$/m),
    fanoutCount: value(/^live_fanout_seconds_count(?:\{[^}]*\})? (\S+)$/m),
  };
}

async function countersOf(apps: BenchApps, instances: string[]): Promise<LiveCounters> {
  const all = await Promise.all(instances.map((instance) => liveCounters(apps.url(instance))));
  return all.reduce((a, b) => ({
    dropped: a.dropped + b.dropped,
    fanoutSum: a.fanoutSum + b.fanoutSum,
    fanoutCount: a.fanoutCount + b.fanoutCount,
  }));
}

const MARKET = 'LC-MKT-01';

/** What one group of watchers saw: refused opens, and how many frames each stream that stayed open got. */
interface WatcherGroup {
  close(): void;
  refused: number;
  /** Streams the server ended before the benchmark closed them (dropped as slow clients). */
  endedEarly: number;
  /** Bid frames received per stream that stayed open to the end. */
  framesOfOpen(): number[];
}

/** Open `n` SSE watchers of `path` at `url`; each frame's bid price is reported with its arrival time. */
function openWatchers(
  url: string,
  path: string,
  token: string,
  n: number,
  onBid: (price: number, at: number) => void,
): Promise<WatcherGroup> {
  const responses: IncomingMessage[] = [];
  const frames = new Map<IncomingMessage, number>();
  const ended = new Set<IncomingMessage>();
  let closing = false;
  let refused = 0;
  const opened = Array.from(
    { length: n },
    () =>
      new Promise<void>((resolve) => {
        const req = request(
          `${url}${path}`,
          { headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` }, agent: false },
          (res) => {
            if (res.statusCode !== 200) {
              refused += 1;
              res.resume();
              resolve();
              return;
            }
            responses.push(res);
            frames.set(res, 0);
            res.on('close', () => {
              if (!closing) ended.add(res);
            });
            let pending = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              const at = performance.now();
              pending += chunk;
              for (let i = pending.indexOf('\n\n'); i >= 0; i = pending.indexOf('\n\n')) {
                const block = pending.slice(0, i);
                pending = pending.slice(i + 2);
                if (block.includes('event: snapshot')) resolve();
                const price = /event: bid\ndata: .*"pricePerUnitFen":(\d+)/.exec(block)?.[1];
                if (price) {
                  frames.set(res, (frames.get(res) ?? 0) + 1);
                  onBid(Number(price), at);
                }
              }
            });
          },
        );
        req.on('error', () => {
          refused += 1;
          resolve();
        });
        req.end();
      }),
  );
  return Promise.all(opened).then(() => ({
    close: () => {
      closing = true;
      responses.forEach((r) => r.destroy());
    },
    refused,
    get endedEarly() {
      return ended.size;
    },
    framesOfOpen: () => responses.filter((r) => !ended.has(r)).map((r) => frames.get(r) ?? 0),
  }));
}

/**
 * Bid-to-watcher latency of the live board: W watchers of one lot (split evenly over one or two wholesale processes,
 * each fanning out to its own) while two buyers bid against each other at a steady rate through the first process.
 * Each bid's latency is from sending the POST to each watcher's receipt of its frame; every watcher must get every bid.
 */
export async function liveBoard(apps: BenchApps, options: LiveBoardOptions): Promise<Section> {
  const operator = apps.token('operator1', ['operator']);
  const buyers = [apps.token('buyer1', ['buyer'], 'BUYER-LC-001'), apps.token('buyer2', ['buyer'], 'BUYER-LC-002')];
  const rounds: Round[] = [];
  for (const processes of [1, 2]) {
    if (processes === 2)
      await apps.start('wholesale', {
        instance: 'wholesale-b',
        env: { LIVE_STREAMS_PER_LOT: '100000', LIVE_STREAMS_MAX: '100000', LIVE_STREAMS_PER_USER: '10000' },
      });
    for (const watchers of options.watcherCounts) {
      const batches =
        (
          await callJson<{ items: Array<{ batchId: string; sku: string; warehouse: string }> }>(apps.url('wholesale'), {
            method: 'GET',
            path: '/market-batches',
            headers: { authorization: `Bearer ${operator}` },
          })
        ).body?.items ?? [];
      const pears = batches.find((b) => b.sku === 'SKU-PEAR-GX' && b.warehouse === MARKET);
      if (!pears) throw new Error('no pears at the market to list');
      const listed = await callJson<{ lotId: string }>(apps.url('wholesale'), {
        method: 'POST',
        path: '/lots',
        headers: { authorization: `Bearer ${operator}` },
        body: JSON.stringify({
          warehouse: MARKET,
          sku: pears.sku,
          batchId: pears.batchId,
          quantityBase: 5000,
          saleUnit: '斤',
          startPriceFen: 100,
          incrementFen: 1,
          closesAt: new Date(Date.now() + 3_600_000).toISOString(),
          extensionSeconds: 0,
        }),
      });
      const lotId = listed.body?.lotId;
      if (!lotId) throw new Error(`listing failed: ${listed.status}`);
      const sentAt = new Map<number, number>();
      const samples: number[] = [];
      const seen = new Map<number, number>();
      const onBid = (price: number, at: number) => {
        const sent = sentAt.get(price);
        if (sent !== undefined) samples.push(at - sent);
        seen.set(price, (seen.get(price) ?? 0) + 1);
      };
      const instances = processes === 1 ? ['wholesale'] : ['wholesale', 'wholesale-b'];
      const groups = await Promise.all(
        instances.map((instance, i) =>
          openWatchers(
            apps.url(instance),
            `/lots/${lotId}/live`,
            apps.token(`watcher${i}`, ['operator']),
            Math.ceil(watchers / instances.length),
            onBid,
          ),
        ),
      );
      const before = await countersOf(apps, instances);
      const bids = options.bidsPerSecond * options.seconds;
      const gap = 1000 / options.bidsPerSecond;
      const answers: Array<Promise<number | undefined>> = [];
      const start = performance.now();
      for (let i = 0; i < bids; i++) {
        const wait = start + i * gap - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        const price = 100 + i;
        sentAt.set(price, performance.now());
        // Bids are sent without waiting for the previous answer, so under load one may overtake another and the later,
        // lower one is refused (BID_TOO_LOW): only accepted bids make frames.
        answers.push(
          callJson(apps.url('wholesale'), {
            method: 'POST',
            path: `/lots/${lotId}/bids`,
            headers: { authorization: `Bearer ${buyers[i % 2]}` },
            body: JSON.stringify({ pricePerUnitFen: price }),
          }).then(
            (answer) => (answer.status === 201 ? price : undefined),
            () => undefined,
          ),
        );
      }
      // Every frame still on its way gets up to 15 s to arrive: a frame not in by then counts as lost.
      const accepted = (await Promise.all(answers)).filter((price): price is number => price !== undefined);
      const lastPrice = Math.max(...accepted);
      const stillOpen = () => groups.reduce((sum, g) => sum + g.framesOfOpen().length, 0);
      for (const end = performance.now() + 15_000; performance.now() < end && (seen.get(lastPrice) ?? 0) < stillOpen();)
        await new Promise((r) => setTimeout(r, 50));
      const lost = groups.reduce(
        (sum, g) => sum + g.framesOfOpen().reduce((missing, got) => missing + Math.max(0, accepted.length - got), 0),
        0,
      );
      for (const g of groups) g.close();
      const after = await countersOf(apps, instances);
      const fanouts = after.fanoutCount - before.fanoutCount;
      rounds.push({
        watchers,
        processes,
        bids: accepted.length,
        samples,
        lost,
        refused: groups.reduce((sum, g) => sum + g.refused, 0),
        dropped: Math.max(
          after.dropped - before.dropped,
          groups.reduce((sum, g) => sum + g.endedEarly, 0),
        ),
        fanoutMs: fanouts > 0 ? ((after.fanoutSum - before.fanoutSum) / fanouts) * 1000 : Number.NaN,
      });
      console.log(`   ${watchers} watchers on ${processes} process(es): p99 ${ms(percentile(samples, 99))}`);
    }
  }
  const row = (r: Round) => [
    fmt(r.watchers),
    String(r.processes),
    fmt(r.bids),
    ms(percentile(r.samples, 50)),
    ms(percentile(r.samples, 99)),
    ms(r.samples.reduce((a, b) => Math.max(a, b), 0)),
    fmt(r.lost),
    fmt(r.dropped),
    fmt(r.refused),
    ms(r.fanoutMs),
  ];
  return {
    title: 'Live board: bid-to-watcher latency',
    method:
      `Watchers of one lot (operators' streams, split evenly over the wholesale processes, each fanning out to its own) while two buyers outbid each other at ${options.bidsPerSecond} bids/s for ${options.seconds} s ` +
      'through the first process; latency from sending each bid to each watcher receiving its frame, in the benchmark process (which also parses every frame, on the same two cores as the servers). ' +
      "A frame a stream that stayed open had not received 15 s after the last bid counts as lost; streams the server dropped for not reading (slow_client) and its mean fan-out time come from the processes' /metrics.",
    table: [
      [
        'watchers',
        'processes',
        'bids accepted',
        'p50',
        'p99',
        'max',
        'frames lost on open streams',
        'streams dropped (slow client)',
        'refused',
        'server fan-out per event (mean)',
      ],
      ...rounds.map(row),
    ],
    goals: [
      {
        name: 'every watcher still connected gets every bid',
        met: rounds.every((r) => r.lost === 0),
        detail: rounds.map((r) => `${r.watchers}×${r.processes}: ${r.lost} lost, ${r.dropped} dropped`).join(', '),
      },
    ],
    notes: [
      'One and two processes are measured side by side in the same run.',
      "A lost frame with a dropped stream is the backpressure rule at work: the server ends a stream whose reader falls LIVE_MAX_BUFFER_BYTES behind, and a real EventSource reconnects with Last-Event-ID (the benchmark's watchers do not).",
    ],
  };
}

import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { percentile } from './stats';

/** One HTTP request of a load run. */
export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** JSON body, already serialised (so that building it is not timed). */
  body?: string;
}

const OPEN_WITH: RequestSpec = { method: 'GET', path: '/health' };

/** What a load run sent and how it went. */
export interface LoadOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:3001`. */
  url: string;
  /** Keep-alive connections, each with one request in flight (closed loop) — the concurrency. */
  connections: number;
  /** The requests, in order; request i is sent by whichever connection is free next. */
  requests: readonly RequestSpec[];
  /**
   * Open loop: request i is due at start + i / rate. Latency is then counted from when it was due,
   * not when it was sent, so that a slow server cannot hide its queueing (coordinated omission).
   */
  ratePerSecond?: number;
  /**
   * The connections are opened before the clock starts, each with one request (default GET /health),
   * so that the figures are of requests on open connections, as with wrk or autocannon, and not of
   * connection set-up: a server busy answering accepts a burst of new connections only gradually
   * (see BENCHMARKS.md). 'cold' opens them as the run starts instead.
   */
  open?: RequestSpec | 'cold';
  /** Called with every answer; keep it cheap (it runs on the load generator's clock). */
  onResponse?(index: number, status: number, body: string, latencyMs: number): void;
}

/** Outcome of a load run. */
export interface LoadResult {
  requests: number;
  seconds: number;
  /** Answers per second over the whole run. */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  /** Count per HTTP status (0: the connection failed). */
  statuses: Record<number, number>;
}

/**
 * A small HTTP load generator on `node:http` with keep-alive: `connections` lanes, each sending
 * the next request when its previous answer is complete (closed loop), or when it is due (open
 * loop). It runs in the benchmark process, so it shares the machine with the servers it drives:
 * every figure and its baseline are measured with this same client.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { url, connections, requests, ratePerSecond, onResponse, open = OPEN_WITH } = options;
  const origin = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });
  const latencies = new Float64Array(requests.length);
  const statuses: Record<number, number> = {};
  const lanes = Math.min(connections, requests.length);
  if (open !== 'cold') await Promise.all(Array.from({ length: lanes }, () => send(agent, origin, open)));
  let next = 0;
  const started = performance.now();
  const lane = async (): Promise<void> => {
    while (next < requests.length) {
      const i = next++;
      let from = performance.now();
      if (ratePerSecond !== undefined) {
        const due = started + (i * 1000) / ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        // From when it was due when sent late; from when it was sent when a timer fired a little early.
        from = Math.min(due, performance.now());
      }
      const { status, body } = await send(agent, origin, requests[i]);
      latencies[i] = performance.now() - from;
      statuses[status] = (statuses[status] ?? 0) + 1;
      onResponse?.(i, status, body, latencies[i]);
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const all = Array.from(latencies);
  return {
    requests: requests.length,
    seconds,
    throughput: requests.length / seconds,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    max: Math.max(...all),
    statuses,
  };
}

/** Send one request and read its whole answer; a failed connection answers status 0. */
function send(agent: Agent, origin: URL, spec: RequestSpec): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { ...spec.headers };
    if (spec.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(spec.body);
    }
    const req = request(
      { agent, hostname: origin.hostname, port: origin.port, method: spec.method, path: spec.path, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on('error', (err) => resolve({ status: 0, body: String(err) }));
      },
    );
    req.on('error', (err) => resolve({ status: 0, body: String(err) }));
    req.end(spec.body);
  });
}

/** Send one request as JSON and parse the answer (setup steps, not timed). */
export async function callJson<T = unknown>(url: string, spec: RequestSpec): Promise<{ status: number; body: T }> {
  const res = await fetch(`${url}${spec.path}`, {
    method: spec.method,
    headers: { ...(spec.body !== undefined && { 'content-type': 'application/json' }), ...spec.headers },
    body: spec.body,
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

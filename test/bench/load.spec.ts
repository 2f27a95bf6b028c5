import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runLoad, type RequestSpec } from './load';
import { median, percentile } from './stats';

/** A server that records each request's path, which connection carried it, and answers after `delayMs`. */
async function recordingServer(delayMs = 0) {
  const seen: Array<{ path: string; connection: number }> = [];
  let connections = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const connection = (req.socket as unknown as { id: number }).id;
    seen.push({ path: req.url ?? '', connection });
    req.resume();
    req.on('end', () =>
      setTimeout(
        () =>
          res.writeHead(req.url === '/health' ? 200 : 201, { 'content-type': 'application/json' }).end('{"ok":true}'),
        delayMs,
      ),
    );
  });
  server.on('connection', (socket) => {
    (socket as unknown as { id: number }).id = ++connections;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const join: RequestSpec = { method: 'POST', path: '/join', body: '{"quantity":1}' };

describe('runLoad (the benchmarks’ load client)', () => {
  it('opens every connection with a GET /health before the clock, then sends the requests on those same connections', async () => {
    const server = await recordingServer();
    try {
      const answered: number[] = [];
      const result = await runLoad({
        url: server.url,
        connections: 4,
        requests: Array(20).fill(join),
        onResponse: (i) => answered.push(i),
      });
      expect(server.seen.slice(0, 4).map((s) => s.path)).toEqual(Array(4).fill('/health'));
      expect(server.seen.slice(4).map((s) => s.path)).toEqual(Array(20).fill('/join'));
      expect(server.connections()).toBe(4);
      expect(new Set(server.seen.map((s) => s.connection))).toEqual(new Set([1, 2, 3, 4]));
      expect(result).toMatchObject({ requests: 20, statuses: { 201: 20 } });
      expect(answered.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    } finally {
      await server.close();
    }
  });

  it("opens them as the run starts with open: 'cold'", async () => {
    const server = await recordingServer();
    try {
      const result = await runLoad({ url: server.url, connections: 4, requests: Array(12).fill(join), open: 'cold' });
      expect(server.seen.map((s) => s.path)).toEqual(Array(12).fill('/join'));
      expect(server.connections()).toBeLessThanOrEqual(4);
      expect(result.statuses).toEqual({ 201: 12 });
    } finally {
      await server.close();
    }
  });

  it('counts open-loop latency from when a request was due, so queueing behind a slow answer is not hidden', async () => {
    const server = await recordingServer(30);
    try {
      // One connection, five requests all due within 5 ms: the last waits for four 30 ms answers first.
      const result = await runLoad({
        url: server.url,
        connections: 1,
        requests: Array(5).fill(join),
        ratePerSecond: 1000,
      });
      expect(result.max).toBeGreaterThanOrEqual(5 * 30 - 10);
    } finally {
      await server.close();
    }
  });
});

describe('stats', () => {
  it('takes percentiles by nearest rank and medians of odd and even counts', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile([], 99)).toBeNaN();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Role } from '@gx/domain';
import { loadConfig, TokenService, type AppName } from '@gx/platform';
import { exited, freePort, recentOutput } from '../support/processes';

/** The repository root: the benchmark runs from dist/test/bench, so walk up to package.json. */
export const REPO_ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/**
 * V8 flags of every process the benchmarks start: those the apps ship with (the npm start scripts and
 * the image's NODE_OPTIONS), so that the figures are of what runs in production. BENCH_NODE_FLAGS
 * replaces them, e.g. with nothing to measure what the larger young generation saves.
 */
const NODE_FLAGS = (process.env.BENCH_NODE_FLAGS ?? '--max-semi-space-size=64').split(' ').filter(Boolean);

/**
 * Start a built file of dist/ as a child process, keeping what it printed last. BENCH_APPS_DIST
 * names another build to start instead (e.g. a copy with a change under test, beside this tree's node_modules).
 */
function spawnBuilt(file: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  const main = join(process.env.BENCH_APPS_DIST ?? join(REPO_ROOT, 'dist'), file);
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [...NODE_FLAGS, ...nodeArgs, main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // recentOutput() of test/support/processes reads this property.
  Object.defineProperty(child, 'recentOutput', { get: () => output });
  // A benchmark that dies or is interrupted must not leave servers behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  return child;
}

/** A secret of the benchmark's own, so that it can issue tokens for any user without logging in. */
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';

/** A process the benchmark started: its URL and how to stop it. */
export interface Started {
  name: string;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Stop a child with SIGTERM (graceful close), then SIGKILL if it lingers. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited(child);
  clearTimeout(timer);
}

/** Poll `url` until it answers 200, or fail with what the child printed. */
async function waitHealthy(child: ChildProcess, url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode}:\n${recentOutput(child)}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline)
      throw new Error(`${what} did not become healthy in ${timeoutMs} ms:\n${recentOutput(child)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Apps of one benchmark run, each a child process started from dist/ as production runs it, all on
 * one fresh DATA_DIR (embedded SQLite) and free loopback ports.
 */
export class BenchApps {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'gx-bench-'));
  private readonly ports = new Map<string, number>();
  private readonly running = new Map<string, Started>();
  private readonly tokens: TokenService;

  private constructor(private readonly base: Record<string, string>) {
    this.tokens = new TokenService(loadConfig({ ...this.base, DATA_DIR: this.dataDir }));
  }

  /** The apps' shared environment; ports are chosen when each instance starts. */
  static create(extraEnv: Record<string, string> = {}): BenchApps {
    return new BenchApps({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      JWT_SECRET: SECRET,
      SEED_DEMO: 'true',
      // Request logs are off (warn): the figures measure the code path, not a log pipe into this process.
      LOG_LEVEL: 'warn',
      ...extraEnv,
    });
  }

  /** URL of a running instance (by default the instance named like its app). */
  url(instance: string): string {
    return this.instance(instance).url;
  }

  /** A running instance. */
  instance(name: string): Started {
    const started = this.running.get(name);
    if (!started) throw new Error(`${name} is not running`);
    return started;
  }

  /**
   * Start `app` as instance `instance` (default: the app's name; a running one of that name is
   * stopped first) on a free port with extra environment, and wait for its /health.
   */
  async start(app: AppName, options: { env?: Record<string, string>; instance?: string } = {}): Promise<Started> {
    const instance = options.instance ?? app;
    // BENCH_PROFILE=<instance>,… writes a CPU profile of those instances into BENCH_PROFILE_DIR when they stop.
    const profiled = (process.env.BENCH_PROFILE ?? '').split(',').includes(instance);
    const nodeArgs = profiled
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? join(REPO_ROOT, 'dist', 'bench-profiles')}`,
          `--cpu-prof-name=${instance}.cpuprofile`,
        ]
      : [];
    await this.running.get(instance)?.stop();
    const port = this.ports.get(instance) ?? (await freePort());
    this.ports.set(instance, port);
    const env = { ...this.base, DATA_DIR: this.dataDir, [`PORT_${app.toUpperCase()}`]: String(port), ...options.env };
    const child = spawnBuilt(join('apps', app, 'src', 'main.js'), env, nodeArgs);
    const started: Started = { name: instance, url: `http://127.0.0.1:${port}`, child, stop: () => stopChild(child) };
    this.running.set(instance, started);
    await waitHealthy(child, `${started.url}/health`, instance);
    return started;
  }

  /** A bearer token for any user, signed with the apps' secret (as POST /auth/login would issue). */
  token(username: string, roles: Role[], party?: string): string {
    return this.tokens.issue({ username, roles, ...(party !== undefined && { party }) }).accessToken;
  }

  /** Stop every app and remove the data directory. */
  async close(): Promise<void> {
    await Promise.all([...this.running.values()].map((s) => s.stop()));
    this.running.clear();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Start the Nest + Fastify hello world (the ceiling) as its own process. */
export async function startHello(): Promise<Started> {
  const port = await freePort();
  const child = spawnBuilt(join('test', 'bench', 'hello-app.js'), { PORT: String(port) });
  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(child, `${url}/hello`, 'hello world');
  return { name: 'hello', url, child, stop: () => stopChild(child) };
}

/** The EventStoreDB and MongoDB doubles, served by a process of their own. */
export async function startDoubles(): Promise<Started & { esdb: string; mongo: string }> {
  const child = spawnBuilt(join('test', 'bench', 'doubles-host.js'), {});
  const deadline = Date.now() + 30_000;
  for (;;) {
    const line = recentOutput(child)
      .split('\n')
      .find((l) => l.startsWith('{'));
    if (line) {
      const urls = JSON.parse(line) as { esdb: string; mongo: string };
      return { name: 'doubles', url: urls.mongo, child, stop: () => stopChild(child), ...urls };
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`the doubles did not start:\n${recentOutput(child)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** CPU seconds (user + system) a child has used so far, from /proc (Linux); NaN elsewhere. */
export function cpuSeconds(started: Started): number {
  try {
    const stat = readFileSync(`/proc/${started.child.pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Start counting the CPU time of some children; the returned function gives each one's seconds since. */
export function cpuMeter(children: Started[]): () => Map<string, number> {
  const before = new Map(children.map((c) => [c.name, cpuSeconds(c)]));
  return () => new Map(children.map((c) => [c.name, cpuSeconds(c) - (before.get(c.name) ?? Number.NaN)]));
}

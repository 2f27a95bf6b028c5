import type { AppName } from '@gx/platform';
import {
  bodyCases,
  OTHER_HOSTILE_IDS,
  pathCases,
  PROTOTYPE_NAMES,
  queryCases,
  roleCase,
  type Category,
  type HostileCase,
} from './support/hostile/inputs';
import { describeOperation, discoverOperations, type Operation } from './support/hostile/operations';
import { HostileRunner, inParallel, report, ROLES, type Outcome, type Role } from './support/hostile/runner';
import { startStack, type Stack } from './support/stack';

jest.setTimeout(300_000);

const APPS: AppName[] = ['storefront', 'wholesale', 'kitchen', 'operations'];
/** Requests in flight at once: enough to keep the apps busy, few enough that none waits long for a turn. */
const WIDTH = 6;

interface Health {
  status: string;
  checks: Record<
    string,
    { status: string; details?: Record<string, { lag?: number; state?: string; error?: unknown }> }
  >;
}

/**
 * Every operation each app documents, as every demo role, with hostile bodies, ids and query values:
 * whatever a client sends, the answer is never a 5xx or a hang, a 4xx is problem+json, a refused
 * request writes nothing, and every projection and process manager is healthy afterwards.
 */
describe('hostile input on every operation of every app', () => {
  let stack: Stack;
  let operations: Operation[];
  let outcomes: Outcome[] = [];
  const tokens: Partial<Record<Role, string>> = {};
  /** An operator the hostile run never acts as: its own calls (POST /auth/logout among them) end the sessions of the roles it uses. */
  let checker = '';

  beforeAll(async () => {
    // A wait for a position that can never come would show as a 30 s answer, far past the per-request timeout.
    stack = await startStack(['worker', ...APPS], { READ_WAIT_TIMEOUT_MS: '30000' });
    for (const role of ROLES) if (role !== 'anonymous') tokens[role] = await stack.login('storefront', role);
    checker = await stack.login('operations', 'operator2');
    // Signing out takes no input to be hostile about, and would end the sessions of the roles the run acts as.
    operations = (await discoverOperations(stack, APPS)).filter((o) => o.path !== '/auth/logout');
    const runner = new HostileRunner(stack, tokens);

    // Each role once on every operation; the roles that get past the guard then carry the hostile cases.
    const roleTasks = operations.flatMap((op) => ROLES.map((role) => () => runner.send(op, role, roleCase(op))));
    const asRoles = await inParallel(roleTasks, WIDTH);
    const admitted = new Map<Operation, Role[]>();
    for (const o of asRoles)
      if (o.status !== 401 && o.status !== 403) admitted.set(o.op, [...(admitted.get(o.op) ?? []), o.role]);

    const tasks = operations.flatMap((op, index) => {
      const roles = admitted.get(op) ?? ['operator1'];
      const cases: HostileCase[] = [...bodyCases(op, index), ...pathCases(op, index), ...queryCases(op)];
      return cases.map((hostile, i) => () => runner.send(op, roles[i % roles.length], hostile));
    });
    outcomes = [...asRoles, ...(await inParallel(tasks, WIDTH))];
  });

  afterAll(async () => {
    await stack?.close();
  });

  const offenders = (test: (o: Outcome) => boolean): string => report(outcomes.filter(test));

  it('discovers the operations of every app and hits each with every category that applies to it', () => {
    expect(new Set(operations.map((op) => op.app))).toEqual(new Set(APPS));
    const missing: string[] = [];
    for (const op of operations) {
      const seen = new Set(outcomes.filter((o) => o.op === op).map((o) => o.hostile.category));
      const roles = new Set(outcomes.filter((o) => o.op === op && o.hostile.category === 'role').map((o) => o.role));
      const expected: Category[] = [
        'role',
        ...(op.body
          ? ([
              'missing fields',
              'wrong types',
              'not an object',
              'nested arrays',
              'huge numbers',
              'prototype keys',
              'deeply nested',
              '5 MB body',
            ] as const)
          : []),
        ...(op.pathParams.length > 0 ? (['bad path id', 'raw path'] as const) : []),
        ...(op.queryParams.length > 0 ? (['bad query'] as const) : []),
      ];
      for (const category of expected) if (!seen.has(category)) missing.push(`${describeOperation(op)}: ${category}`);
      if (roles.size !== ROLES.length) missing.push(`${describeOperation(op)}: not every role`);
    }
    for (const category of ['bad path id', 'bad body id'] as const) {
      const used = new Set(outcomes.filter((o) => o.hostile.category === category).map((o) => o.hostile.id));
      for (const id of [...PROTOTYPE_NAMES, ...OTHER_HOSTILE_IDS])
        if (!used.has(id)) missing.push(`${category}: ${JSON.stringify(id.slice(0, 20))}`);
    }
    expect(missing).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(operations.length * ROLES.length);
  });

  it('never answers with a server error', () => {
    expect(offenders((o) => o.status >= 500)).toBe('');
  });

  it('always answers, within the per-request timeout', () => {
    expect(offenders((o) => o.status === 0)).toBe('');
  });

  it('answers every refusal as problem+json', () => {
    expect(offenders((o) => o.status >= 400 && !o.contentType.startsWith('application/problem+json'))).toBe('');
  });

  it('refuses a body with fields named like built-in properties, as any unknown field', () => {
    expect(offenders((o) => o.hostile.category === 'prototype keys' && o.status < 300)).toBe('');
  });

  it('does not quote a long input back in a refusal', () => {
    const long = 'x'.repeat(1000);
    const quoted = (o: Outcome) =>
      o.status >= 400 && o.length > 2000 && `${o.hostile.url}${o.hostile.body ?? ''}`.includes(long);
    expect(offenders(quoted)).toBe('');
  });

  it('writes no event for a refused request', () => {
    // The check sees writes at all: some hostile-looking input is valid, and what it wrote carries its correlation id.
    expect(outcomes.some((o) => o.status < 300 && o.written > 0)).toBe(true);
    expect(offenders((o) => (o.status === 0 || o.status >= 400) && o.written > 0)).toBe('');
  });

  it('leaves every projection and process manager healthy and caught up', async () => {
    const unhealthy = async (): Promise<string[]> => {
      const res = await stack.http('worker').get('/health');
      const body = res.body as Health;
      const problems = body.status === 'up' ? [] : [`worker /health: ${res.status} ${body.status}`];
      for (const check of ['projections', 'processManagers']) {
        for (const [name, d] of Object.entries(body.checks[check]?.details ?? {})) {
          if (d.lag !== 0 || d.state !== 'running' || d.error !== undefined)
            problems.push(`${check} ${name}: ${JSON.stringify(d)}`);
        }
      }
      const listed = await stack
        .http('operations')
        .get('/projections')
        .set('Authorization', `Bearer ${checker}`)
        .expect(200);
      for (const p of listed.body.items as Array<{ name: string; lag: number; error?: unknown }>) {
        if (p.lag !== 0 || p.error !== undefined) problems.push(`GET /projections ${p.name}: ${JSON.stringify(p)}`);
      }
      return problems;
    };
    // Process managers may still be acting on what the accepted requests wrote: wait, bounded, for them.
    const deadline = Date.now() + 30_000;
    let problems = await unhealthy();
    while (problems.length > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      problems = await unhealthy();
    }
    expect(problems).toEqual([]);
  });

  it('refuses ?after= beyond the head of the log at once with 400 naming after', async () => {
    const head = BigInt(await stack.events.headPosition());
    const res = await stack
      .http('operations')
      .get(`/warehouses?after=${head + 1000n}`)
      .set('Authorization', `Bearer ${checker}`)
      .timeout(10_000);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'after', message: expect.stringContaining('beyond the end of the log') }],
    });
  });
});

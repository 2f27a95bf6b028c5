import * as application from '@gx/application';
import { Declarations, declaredProjections, declaredWorkerTaskClasses } from '@gx/application';
import type { Projection } from '@gx/readstore';
import { startStack, type Stack } from './support/stack';

const exported: unknown[] = Object.values(application);

/** Exports of the application barrel that are projections (a name, a version and read models). */
const exportedProjections = (): Projection[] =>
  exported.filter(
    (v): v is Projection =>
      typeof v === 'object' &&
      v !== null &&
      typeof (v as Projection).name === 'string' &&
      typeof (v as Projection).version === 'number' &&
      Array.isArray((v as Projection).readModels),
  );

/** Exported classes that give the worker tasks (a `tasks()` method). */
type Class = abstract new (...args: never[]) => unknown;
const exportedWorkerTaskClasses = (): Class[] =>
  exported.filter(
    (v): v is Class =>
      typeof v === 'function' && typeof (v as { prototype?: { tasks?: unknown } }).prototype?.tasks === 'function',
  );

describe('discovery of projections and worker tasks', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(['worker', 'operations']);
  }, 120_000);
  afterAll(() => stack?.close());

  it('declares every projection and every worker-task class the application exports', () => {
    const declared = declaredProjections();
    expect(new Set(declared.map((p) => p.name)).size).toBe(declared.length);
    expect(
      exportedProjections()
        .map((p) => p.name)
        .sort(),
    ).toEqual(declared.map((p) => p.name));
    expect(new Set(exportedWorkerTaskClasses())).toEqual(new Set(declaredWorkerTaskClasses()));
  });

  it('finds every declared projection in the worker and the operations app, and every worker task in the worker', () => {
    const names = declaredProjections().map((p) => p.name);
    for (const app of ['worker', 'operations'] as const) {
      expect(
        stack
          .nest(app)
          .get(Declarations, { strict: false })
          .projections()
          .map((p) => p.name),
      ).toEqual(names);
    }
    const tasks = stack.nest('worker').get(Declarations, { strict: false }).workerTasks();
    expect(new Set(tasks.map((t) => t.constructor))).toEqual(new Set(declaredWorkerTaskClasses()));
  });

  it('runs every discovered projection and process manager in the worker', async () => {
    const checks = (await stack.http('worker').get('/health').expect(200)).body.checks;
    expect(Object.keys(checks.projections.details).sort()).toEqual(declaredProjections().map((p) => p.name));
    const managers = stack
      .nest('worker')
      .get(Declarations, { strict: false })
      .workerTasks()
      .flatMap((t) => t.tasks().processManagers ?? [])
      .map((m) => m.name);
    expect(managers.length).toBeGreaterThan(0);
    expect(Object.keys(checks.processManagers.details).sort()).toEqual([...managers].sort());
  });
});

import { Injectable, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Projection } from '@gx/readstore';
import type { WorkerTasks } from '../worker/worker-tasks';

/**
 * Projections and worker tasks are declared, not listed: a class carrying {@link DeclareProjection}
 * or {@link DeclareWorkerTasks}, registered as a provider of its area's Nest module, is found by
 * {@link Declarations} through Nest's discovery in every app whose modules include it.
 */

/** What a class declared with {@link DeclareProjection} provides: one projection, built without dependencies. */
export interface ProjectionSource {
  readonly projection: Projection;
}

/** What a class declared with {@link DeclareWorkerTasks} provides: its area's process managers and deadline handlers. */
export interface WorkerTaskSource {
  tasks(): WorkerTasks;
}

const projectionMark = DiscoveryService.createDecorator<true>();
const workerTasksMark = DiscoveryService.createDecorator<true>();
const projectionClasses = new Set<new () => ProjectionSource>();
const workerTaskClasses = new Set<Type<WorkerTaskSource>>();

/**
 * Declares a projection: the worker runs it, the operations app administers it (`/projections`) and
 * the integrity check compares it with the log. Register the class in its area's module.
 */
export function DeclareProjection(): (target: new () => ProjectionSource) => void {
  return (target) => {
    projectionClasses.add(target);
    projectionMark(true)(target);
    Injectable()(target);
  };
}

/** Declares an area's worker tasks (process managers, deadline handlers): the worker runs them. Register the class in its area's module. */
export function DeclareWorkerTasks(): (target: Type<WorkerTaskSource>) => void {
  return (target) => {
    workerTaskClasses.add(target);
    workerTasksMark(true)(target);
    Injectable()(target);
  };
}

const byName = (a: Projection, b: Projection): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Every class carrying {@link DeclareProjection} among the modules loaded in this process (the
 * `@gx/application` barrel loads all of them), in name order; for code outside a Nest app (tests,
 * the bench). Inside an app use {@link Declarations}, which sees what the app's modules register.
 */
export function declaredProjections(): Projection[] {
  return [...projectionClasses].map((c) => new c().projection).sort(byName);
}

/** Every class carrying {@link DeclareWorkerTasks} among the modules loaded in this process. */
export function declaredWorkerTaskClasses(): Array<Type<WorkerTaskSource>> {
  return [...workerTaskClasses];
}

/** The projections and worker tasks the modules of this app declare, found by Nest's discovery (available from `onModuleInit`). */
@Injectable()
export class Declarations {
  private found?: { projections: Projection[]; workerTasks: WorkerTaskSource[] };

  constructor(private readonly discovery: DiscoveryService) {}

  /** Every declared projection the app's modules register, in name order. */
  projections(): Projection[] {
    return this.discover().projections;
  }

  /** The worker-task providers the app's modules register (one per area). */
  workerTasks(): WorkerTaskSource[] {
    return this.discover().workerTasks;
  }

  private discover(): { projections: Projection[]; workerTasks: WorkerTaskSource[] } {
    if (!this.found) {
      const instances = <T>(key: string): T[] =>
        this.discovery.getProviders({ metadataKey: key }).map((w) => w.instance as T);
      const projections = instances<ProjectionSource>(projectionMark.KEY).map((s) => s.projection);
      const names = new Set<string>();
      for (const p of projections) {
        if (names.has(p.name)) throw new Error(`two declared projections are called ${p.name}`);
        names.add(p.name);
      }
      const workerTasks = instances<WorkerTaskSource>(workerTasksMark.KEY);
      if (new Set(workerTasks.map((t) => t.constructor)).size !== workerTasks.length)
        throw new Error('a worker-task class is registered in two modules');
      this.found = { projections: projections.sort(byName), workerTasks };
    }
    return this.found;
  }
}

import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '@gx/platform';
import { DeclareWorkerTasks, type WorkerTaskSource } from '../kernel/declarations';
import type { WorkerTasks } from '../worker/worker-tasks';
import { CountAdjustments, countAdjustmentsProcessManager } from './count-adjustments';

/** What the counting context runs in the worker. */
@DeclareWorkerTasks()
export class CountingWorkerTasks implements WorkerTaskSource {
  constructor(
    private readonly adjustments: CountAdjustments,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  tasks(): WorkerTasks {
    return { processManagers: [countAdjustmentsProcessManager(this.adjustments, this.clock)] };
  }
}

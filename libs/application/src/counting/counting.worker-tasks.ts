import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '@gx/platform';
import { DeclareWorkerTasks, type WorkerTaskSource } from '../kernel/declarations';
import { StockCommands } from '../stock/stock.commands';
import type { WorkerTasks } from '../worker/worker-tasks';
import { countAdjustmentsProcessManager } from './count-adjustments';
import { CountCommands } from './count.commands';

/** What the counting context runs in the worker. */
@DeclareWorkerTasks()
export class CountingWorkerTasks implements WorkerTaskSource {
  constructor(
    private readonly stock: StockCommands,
    private readonly counts: CountCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  tasks(): WorkerTasks {
    return { processManagers: [countAdjustmentsProcessManager({ stock: this.stock, counts: this.counts, clock: this.clock })] };
  }
}

import { Module } from '@nestjs/common';
import { CountingModule } from '../counting/counting.module';
import { CountingWorkerTasks } from '../counting/count-adjustments';
import { BackgroundHost } from './background-host';
import { WORKER_TASKS, type WorkerTasks } from './worker-tasks';

/**
 * The worker's process managers and deadline handlers. Each context contributes a provider whose
 * `tasks()` lists them; add it to `imports` and to the factory below.
 */
@Module({
  imports: [CountingModule],
  providers: [
    { provide: WORKER_TASKS, inject: [CountingWorkerTasks], useFactory: (counting: CountingWorkerTasks): WorkerTasks[] => [counting.tasks()] },
    BackgroundHost,
  ],
})
export class WorkerTasksModule {}

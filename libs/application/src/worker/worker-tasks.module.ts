import { Module } from '@nestjs/common';
import { AllAreasModule } from '../projections/areas.module';
import { BackgroundHost } from './background-host';
import { LeaseHealth } from './lease-health';

/**
 * The worker's process managers and deadline handlers: every class declared with
 * `@DeclareWorkerTasks()` (an `<area>.worker-tasks.ts`) in the areas' modules, found by discovery.
 */
@Module({ imports: [AllAreasModule], providers: [BackgroundHost, LeaseHealth] })
export class WorkerTasksModule {}

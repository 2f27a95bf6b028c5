import { Module } from '@nestjs/common';
import { IdentityModule, KernelModule, ProjectionHostModule, WorkerTasksModule } from '@gx/application';
import { PlatformModule } from '@gx/platform';

/** The worker: projections, process managers and deadlines; serves only /health and /metrics. */
@Module({
  imports: [
    PlatformModule.forRoot({ app: 'worker', login: false }),
    KernelModule.forRoot(),
    IdentityModule,
    ProjectionHostModule,
    WorkerTasksModule,
  ],
})
export class WorkerModule {}

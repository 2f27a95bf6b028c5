import { Module } from '@nestjs/common';
import { DemoModule } from '../demo/demo.module';
import { AllAreasModule } from './areas.module';
import { ProjectionAdmin } from './projection-admin';
import { ProjectionHost } from './projection-host';
import { StuckSubscribers } from './stuck-subscribers';

/** Projection and process manager status, rebuild requests, and the way out for stuck ones (any app). */
@Module({
  imports: [AllAreasModule],
  providers: [ProjectionAdmin, StuckSubscribers],
  exports: [ProjectionAdmin, StuckSubscribers],
})
export class ProjectionAdminModule {}

/** The worker's projection host (and the demo seeder it runs first). */
@Module({ imports: [DemoModule, AllAreasModule], providers: [ProjectionHost] })
export class ProjectionHostModule {}

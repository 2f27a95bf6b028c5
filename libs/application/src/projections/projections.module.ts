import { Module } from '@nestjs/common';
import { DemoModule } from '../demo/demo.module';
import { ProjectionAdmin } from './projection-admin';
import { ProjectionHost } from './projection-host';

/** Projection status and rebuild requests (any app). */
@Module({ providers: [ProjectionAdmin], exports: [ProjectionAdmin] })
export class ProjectionAdminModule {}

/** The worker's projection host (and the demo seeder it runs first). */
@Module({ imports: [DemoModule], providers: [ProjectionHost] })
export class ProjectionHostModule {}

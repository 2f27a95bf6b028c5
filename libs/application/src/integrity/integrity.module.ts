import { Module } from '@nestjs/common';
import { AllAreasModule } from '../projections/areas.module';
import { IntegrityService } from './integrity.service';

/** `GET /integrity` support: read models against a fresh fold of the log. */
@Module({ imports: [AllAreasModule], providers: [IntegrityService], exports: [IntegrityService] })
export class IntegrityModule {}

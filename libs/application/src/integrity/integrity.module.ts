import { Module } from '@nestjs/common';
import { IntegrityService } from './integrity.service';

/** `GET /integrity` support: read models against a fresh fold of the log. */
@Module({ providers: [IntegrityService], exports: [IntegrityService] })
export class IntegrityModule {}

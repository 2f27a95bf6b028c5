import 'reflect-metadata';
import { bootstrap } from '@gx/platform';
import { WorkerModule } from './worker.module';

void bootstrap(WorkerModule, { app: 'worker' });

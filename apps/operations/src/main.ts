import 'reflect-metadata';
import { bootstrap } from '@gx/platform';
import { OperationsModule } from './operations.module';

void bootstrap(OperationsModule, { app: 'operations' });

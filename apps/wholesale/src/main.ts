import 'reflect-metadata';
import { bootstrap } from '@gx/platform';
import { WholesaleModule } from './wholesale.module';

void bootstrap(WholesaleModule, { app: 'wholesale' });

import 'reflect-metadata';
import { bootstrap } from '@gx/platform';
import { KitchenModule } from './kitchen.module';

void bootstrap(KitchenModule, { app: 'kitchen' });

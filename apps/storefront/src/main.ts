import 'reflect-metadata';
import { bootstrap } from '@gx/platform';
import { StorefrontModule } from './storefront.module';

void bootstrap(StorefrontModule, { app: 'storefront' });

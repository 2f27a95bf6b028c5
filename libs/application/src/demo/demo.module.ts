import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { StockModule } from '../stock/stock.module';
import { DemoSeeder } from './demo-seeder';

/** The embedded demo's seeder (used only when SEED_DEMO is on). */
@Module({ imports: [CatalogModule, StockModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}

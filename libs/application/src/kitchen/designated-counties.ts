import { Injectable, Module } from '@nestjs/common';
import {
  designatedCountyDecider,
  designatedCountyStream,
  isDomainError,
  own,
  shanghaiIso,
  type BatchPick,
  type BatchSource,
} from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';
import { ReadModels } from '@gx/readstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { publicView, ReadGate } from '../kernel/read-gate';
import { StockCommands } from '../stock/stock.commands';
import { KITCHEN, kitchenProjection, type DesignatedCountyDoc } from './kitchen.projection';

/** A county's designation after a command, and the log position to read after. */
export interface CountyDesignation {
  county: string;
  designated: boolean;
  position: string;
}

/** Designated poverty-alleviation counties (脱贫县) in master data: operators mark and unmark them. */
@Injectable()
export class DesignatedCounties {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readModels: ReadModels,
    private readonly gate: ReadGate,
  ) {}

  async designate(county: string, note: string | undefined, ctx: CommandContext): Promise<CountyDesignation> {
    const command = {
      type: 'DesignateCounty' as const,
      county,
      ...(note ? { note } : {}),
      by: ctx.actor,
      now: ctx.now,
    };
    const out = await this.runner.execute(designatedCountyDecider, designatedCountyStream(county), command, ctx);
    return { county, designated: out.state.designated, position: out.position };
  }

  async withdraw(county: string, ctx: CommandContext): Promise<CountyDesignation> {
    const command = { type: 'WithdrawCountyDesignation' as const, county, by: ctx.actor, now: ctx.now };
    const out = await this.runner.execute(designatedCountyDecider, designatedCountyStream(county), command, ctx);
    return { county, designated: out.state.designated, position: out.position };
  }

  /** Counties ever designated, designated ones first. */
  async list(after?: string): Promise<Array<Omit<DesignatedCountyDoc, '_id'>>> {
    await this.gate.after(kitchenProjection.name, after);
    const docs = await this.readModels.find<DesignatedCountyDoc>(
      KITCHEN.designatedCounties,
      {},
      {
        sort: [
          ['designated', -1],
          ['_id', 1],
        ],
        limit: 1000,
      },
    );
    return docs.map((d) => {
      const view = publicView(d);
      return view.since === undefined ? view : { ...view, since: shanghaiIso(view.since) };
    });
  }
}

/**
 * The facts of the batches a kitchen line was issued from: producer and county from master data,
 * village, harvest date and grade from the batch, and the county's designation at this moment.
 */
@Injectable()
export class BatchSources {
  constructor(
    private readonly stock: StockCommands,
    private readonly catalog: CatalogCommands,
    private readonly runner: CommandRunner,
  ) {}

  async of(at: { sku: string; warehouse: string }, picks: BatchPick[]): Promise<BatchSource[]> {
    const { batches } = await this.stock.state(at);
    const sources: BatchSource[] = [];
    for (const pick of picks) {
      const batch = own(batches, pick.batchId);
      if (!batch) continue;
      const producer = await this.catalog
        .producer(batch.producer, 'producer')
        .catch((e: unknown) => (isDomainError(e) ? undefined : Promise.reject(e)));
      const county = producer?.county ?? '';
      const designated =
        county !== '' &&
        (await this.runner.load(designatedCountyDecider, designatedCountyStream(county))).state.designated;
      sources.push({
        batchId: pick.batchId,
        quantityBase: pick.quantity,
        producer: batch.producer,
        producerName: producer?.name ?? batch.producer,
        county,
        village: batch.origin.village,
        harvestDate: batch.harvestDate,
        grade: batch.grade,
        designated,
      });
    }
    return sources;
  }
}

/** Designated counties alone, for the operations app (the kitchen context imports it too). */
@Module({ providers: [DesignatedCounties], exports: [DesignatedCounties] })
export class DesignatedCountiesModule {}

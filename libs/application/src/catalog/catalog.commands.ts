import { Injectable } from '@nestjs/common';
import {
  DomainError,
  pickupPointDecider,
  pickupPointStream,
  producerDecider,
  producerStream,
  skuDecider,
  skuStream,
  warehouseDecider,
  warehouseStream,
  type PickupPointData,
  type ProducerData,
  type SkuData,
  type WarehouseData,
} from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';

/** Result of a registration: the code and the log position to read after. */
export interface Registered {
  code: string;
  position: string;
}

/** Registers master data; reads it back from the write side when another command needs it. */
@Injectable()
export class CatalogCommands {
  constructor(private readonly runner: CommandRunner) {}

  async registerWarehouse(data: WarehouseData, ctx: CommandContext): Promise<Registered> {
    const out = await this.runner.execute(warehouseDecider, warehouseStream(data.code), { type: 'RegisterWarehouse', data }, ctx);
    return { code: data.code, position: out.position };
  }

  async registerSku(data: SkuData, ctx: CommandContext): Promise<Registered> {
    const out = await this.runner.execute(skuDecider, skuStream(data.code), { type: 'RegisterSku', data }, ctx);
    return { code: data.code, position: out.position };
  }

  async registerProducer(data: ProducerData, ctx: CommandContext): Promise<Registered> {
    const out = await this.runner.execute(producerDecider, producerStream(data.code), { type: 'RegisterProducer', data }, ctx);
    return { code: data.code, position: out.position };
  }

  async registerPickupPoint(data: PickupPointData, ctx: CommandContext): Promise<Registered> {
    await this.warehouse(data.warehouse, 'warehouse');
    const out = await this.runner.execute(
      pickupPointDecider,
      pickupPointStream(data.code),
      { type: 'RegisterPickupPoint', data },
      ctx,
    );
    return { code: data.code, position: out.position };
  }

  /** The warehouse registered under `code`, or UNKNOWN_WAREHOUSE naming `field`. */
  async warehouse(code: string, field: string): Promise<WarehouseData> {
    const { state } = await this.runner.load(warehouseDecider, warehouseStream(code));
    if (!state.exists) throw new DomainError('UNKNOWN_WAREHOUSE', `no warehouse ${code}`, field);
    return state.data;
  }

  /** The SKU registered under `code`, or UNKNOWN_SKU naming `field`. */
  async sku(code: string, field: string): Promise<SkuData> {
    const { state } = await this.runner.load(skuDecider, skuStream(code));
    if (!state.exists) throw new DomainError('UNKNOWN_SKU', `no SKU ${code}`, field);
    return state.data;
  }

  /** The producer registered under `code`, or UNKNOWN_PRODUCER naming `field`. */
  async producer(code: string, field: string): Promise<ProducerData> {
    const { state } = await this.runner.load(producerDecider, producerStream(code));
    if (!state.exists) throw new DomainError('UNKNOWN_PRODUCER', `no producer ${code}`, field);
    return state.data;
  }
}

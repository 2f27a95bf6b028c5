import { Injectable } from '@nestjs/common';
import {
  DomainError,
  kitchenContactSubject,
  kitchenDecider,
  kitchenStream,
  pickupPointDecider,
  pickupPointStream,
  producerDecider,
  producerStream,
  skuDecider,
  skuStream,
  warehouseDecider,
  warehouseStream,
  type KitchenData,
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
    const out = await this.runner.execute(
      warehouseDecider,
      warehouseStream(data.code),
      { type: 'RegisterWarehouse', data },
      ctx,
    );
    return { code: data.code, position: out.position };
  }

  async registerSku(data: SkuData, ctx: CommandContext): Promise<Registered> {
    const out = await this.runner.execute(skuDecider, skuStream(data.code), { type: 'RegisterSku', data }, ctx);
    return { code: data.code, position: out.position };
  }

  async registerProducer(data: ProducerData, ctx: CommandContext): Promise<Registered> {
    const out = await this.runner.execute(
      producerDecider,
      producerStream(data.code),
      { type: 'RegisterProducer', data },
      ctx,
    );
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

  /** Edit a pickup point's name, address, hours or coordinates (NOT_FOUND for an unknown code); its warehouse stays. */
  async updatePickupPoint(
    code: string,
    changes: Partial<Omit<PickupPointData, 'code' | 'warehouse'>>,
    ctx: CommandContext,
  ): Promise<{ data: PickupPointData; position: string }> {
    await this.pickupPoint(code, 'code', 'NOT_FOUND');
    const out = await this.runner.execute(
      pickupPointDecider,
      pickupPointStream(code),
      { type: 'UpdatePickupPoint', code, changes },
      ctx,
    );
    if (!out.state.exists) throw new Error(`pickup point ${code} vanished`);
    return { data: out.state.data, position: out.position };
  }

  async registerKitchen(data: KitchenData, ctx: CommandContext): Promise<Registered> {
    const out = await this.runner.execute(
      kitchenDecider,
      kitchenStream(data.code),
      { type: 'RegisterKitchen', data },
      ctx,
    );
    return { code: data.code, position: out.position };
  }

  /** Edit a kitchen's name, kind, address or contact (NOT_FOUND for an unknown code). */
  async updateKitchen(
    code: string,
    changes: Partial<Omit<KitchenData, 'code'>>,
    ctx: CommandContext,
  ): Promise<{ data: KitchenData; position: string }> {
    await this.kitchen(code, 'code', 'NOT_FOUND');
    const out = await this.runner.execute(
      kitchenDecider,
      kitchenStream(code),
      { type: 'UpdateKitchen', code, changes },
      ctx,
    );
    if (!out.state.exists) throw new Error(`kitchen ${code} vanished`);
    return { data: out.state.data, position: out.position };
  }

  /** The subject whose key seals the contact person of kitchen `code` now (of a kitchen not yet registered: the first). */
  async kitchenContactSubject(code: string): Promise<string> {
    return kitchenContactSubject(code, (await this.runner.load(kitchenDecider, kitchenStream(code))).state);
  }

  /**
   * Record the erasure of the kitchen's contact person (audited, on the kitchen's stream): the subject whose key the
   * caller then destroys, or the one erased before when it was erased already (appending nothing). NOT_FOUND for an unknown kitchen.
   */
  async eraseKitchenContact(
    code: string,
    reason: string,
    ctx: CommandContext,
  ): Promise<{ subject: string; data: KitchenData; position: string }> {
    const before = (await this.runner.load(kitchenDecider, kitchenStream(code))).state;
    const out = await this.runner.execute(
      kitchenDecider,
      kitchenStream(code),
      { type: 'EraseKitchenContact', code, reason },
      ctx,
    );
    if (!out.state.exists) throw new Error(`kitchen ${code} vanished`);
    const erased = out.events.find((e) => e.type === 'PersonalDataErased');
    // Erased before: the generation that erasure closed is the one before the current.
    const subject =
      erased?.type === 'PersonalDataErased'
        ? erased.data.subject
        : kitchenContactSubject(code, { ...before, contactErasures: Math.max(0, (before.contactErasures ?? 1) - 1) });
    return { subject, data: out.state.data, position: out.position };
  }

  /** The kitchen registered under `code` (its stream, so one registered a moment ago counts), or UNKNOWN_KITCHEN naming `field`. */
  async kitchen(
    code: string,
    field: string,
    refusal: 'UNKNOWN_KITCHEN' | 'NOT_FOUND' = 'UNKNOWN_KITCHEN',
  ): Promise<KitchenData> {
    const found = await this.findKitchen(code);
    if (!found) throw new DomainError(refusal, `no kitchen ${code}`, field);
    return found;
  }

  /** The kitchen registered under `code`, or null. */
  async findKitchen(code: string): Promise<KitchenData | null> {
    const { state } = await this.runner.load(kitchenDecider, kitchenStream(code));
    return state.exists ? state.data : null;
  }

  /** The pickup point registered under `code`, or null. */
  async findPickupPoint(code: string): Promise<PickupPointData | null> {
    const { state } = await this.runner.load(pickupPointDecider, pickupPointStream(code));
    return state.exists ? state.data : null;
  }

  /** The pickup point registered under `code`, or `refusal` naming `field`. */
  async pickupPoint(
    code: string,
    field: string,
    refusal: 'UNKNOWN_PARTY' | 'NOT_FOUND' = 'NOT_FOUND',
  ): Promise<PickupPointData> {
    const found = await this.findPickupPoint(code);
    if (!found) throw new DomainError(refusal, `no pickup point ${code}`, field);
    return found;
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

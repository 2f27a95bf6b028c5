import { Command, CommandHandler } from '@nestjs/cqrs';
import { ResultOf, CatalogCommands, commandContextOf } from '@gx/application';
import type { RequestContext } from '@gx/platform';
import { requireCoordinatePair } from './parties.commands';
import { CreatePickupPointDto, CreateProducerDto, CreateSkuDto, CreateWarehouseDto } from './catalog.dto';

/** Register a warehouse */
export class CatalogCreateWarehouseCommand extends Command<ResultOf<CatalogCreateWarehouseHandler>> {
  constructor(
    readonly body: CreateWarehouseDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CatalogCreateWarehouseCommand)
export class CatalogCreateWarehouseHandler {
  constructor(private readonly commands: CatalogCommands) {}

  async execute({ body, ctx }: { body: CreateWarehouseDto; ctx: RequestContext }) {
    const { position } = await this.commands.registerWarehouse(body, commandContextOf(ctx, 'register-warehouse'));
    return { ...body, position };
  }
}

/** Register a SKU */
export class CatalogCreateSkuCommand extends Command<ResultOf<CatalogCreateSkuHandler>> {
  constructor(
    readonly body: CreateSkuDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CatalogCreateSkuCommand)
export class CatalogCreateSkuHandler {
  constructor(private readonly commands: CatalogCommands) {}

  async execute({ body, ctx }: { body: CreateSkuDto; ctx: RequestContext }) {
    const { costFen, costPerBase, ...sku } = body;
    const { position } = await this.commands.registerSku(
      { ...sku, cost: { fen: costFen, per: costPerBase } },
      commandContextOf(ctx, 'register-sku'),
    );
    return { ...body, position };
  }
}

/** Register a producer */
export class CatalogCreateProducerCommand extends Command<ResultOf<CatalogCreateProducerHandler>> {
  constructor(
    readonly body: CreateProducerDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CatalogCreateProducerCommand)
export class CatalogCreateProducerHandler {
  constructor(private readonly commands: CatalogCommands) {}

  async execute({ body, ctx }: { body: CreateProducerDto; ctx: RequestContext }) {
    const { position } = await this.commands.registerProducer(body, commandContextOf(ctx, 'register-producer'));
    return { ...body, position };
  }
}

/** Register a pickup point */
export class CatalogCreatePickupPointCommand extends Command<ResultOf<CatalogCreatePickupPointHandler>> {
  constructor(
    readonly body: CreatePickupPointDto,
    readonly ctx: RequestContext,
  ) {
    super();
  }
}

@CommandHandler(CatalogCreatePickupPointCommand)
export class CatalogCreatePickupPointHandler {
  constructor(private readonly commands: CatalogCommands) {}

  async execute({ body, ctx }: { body: CreatePickupPointDto; ctx: RequestContext }) {
    requireCoordinatePair(body);
    const { position } = await this.commands.registerPickupPoint(body, commandContextOf(ctx, 'register-pickup-point'));
    return { ...body, position };
  }
}

/** The handlers of the commands of catalog.controller.ts, registered in the app module. */
export const CATALOG_COMMAND_HANDLERS = [
  CatalogCreateWarehouseHandler,
  CatalogCreateSkuHandler,
  CatalogCreateProducerHandler,
  CatalogCreatePickupPointHandler,
];

import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, CATALOG, CatalogCommands, CatalogQueries, commandContextOf } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import { PickupPointCreatedView, PickupPointListView, ProducerCreatedView, ProducerListView, SkuCreatedView, SkuListView, SkuView, WarehouseCreatedView, WarehouseListView } from './operations.views';
import { requireCoordinatePair } from './parties.controller';
import { CreatePickupPointDto, CreateProducerDto, CreateSkuDto, CreateWarehouseDto } from './catalog.dto';

/** Master data: warehouses, SKUs, producers and pickup points (operators only). */
@ApiTags('catalog')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class CatalogController {
  constructor(
    private readonly commands: CatalogCommands,
    private readonly queries: CatalogQueries,
  ) {}

  @Post('warehouses')
  @HttpCode(201)
  @ApiOp({ summary: 'Register a warehouse', description: 'Once under its code (ALREADY_EXISTS after). The answer is the warehouse as the list shows it.', answer: WarehouseCreatedView, status: 201, errors: ['ALREADY_EXISTS'] })
  async createWarehouse(@Body() body: CreateWarehouseDto, @Ctx() ctx: RequestContext) {
    const { position } = await this.commands.registerWarehouse(body, commandContextOf(ctx, 'register-warehouse'));
    return { ...body, position };
  }

  @Get('warehouses')
  @ApiOp({ summary: 'List warehouses', answer: WarehouseListView })
  async listWarehouses(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.warehouses, {}, query.after) };
  }

  @Post('skus')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a SKU',
    description: 'Once under its code. Quantities of a SKU are in its base unit (g or piece); sale units are whole multiples of it; its cost is `costFen` fen per `costPerBase` base units.',
    answer: SkuCreatedView,
    status: 201,
    errors: ['ALREADY_EXISTS', 'INVALID_STATE'],
  })
  async createSku(@Body() body: CreateSkuDto, @Ctx() ctx: RequestContext) {
    const { costFen, costPerBase, ...sku } = body;
    const { position } = await this.commands.registerSku({ ...sku, cost: { fen: costFen, per: costPerBase } }, commandContextOf(ctx, 'register-sku'));
    return { ...body, position };
  }

  @Get('skus')
  @ApiOp({ summary: 'List SKUs', answer: SkuListView })
  async listSkus(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.skus, {}, query.after) };
  }

  @Get('skus/:code')
  @ApiOp({ summary: 'One SKU', answer: SkuView, params: { code: 'SKU code' }, errors: ['NOT_FOUND'] })
  async getSku(@Param('code') code: string, @Query() query: AfterQueryDto) {
    const sku = await this.queries.get(CATALOG.skus, code, query.after);
    if (!sku) throw new NotFoundException(`no SKU ${code}`);
    return sku;
  }

  @Post('producers')
  @HttpCode(201)
  @ApiOp({ summary: 'Register a producer', description: 'A cooperative or 为农服务中心 stock is received from; once under its code.', answer: ProducerCreatedView, status: 201, errors: ['ALREADY_EXISTS'] })
  async createProducer(@Body() body: CreateProducerDto, @Ctx() ctx: RequestContext) {
    const { position } = await this.commands.registerProducer(body, commandContextOf(ctx, 'register-producer'));
    return { ...body, position };
  }

  @Get('producers')
  @ApiOp({ summary: 'List producers', answer: ProducerListView })
  async listProducers(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.producers, {}, query.after) };
  }

  @Post('pickup-points')
  @HttpCode(201)
  @ApiOp({ summary: 'Register a pickup point', description: 'Its goods are held at a registered warehouse (UNKNOWN_WAREHOUSE otherwise); address and coordinates (lat and lng together) are optional.', answer: PickupPointCreatedView, status: 201, errors: ['ALREADY_EXISTS', 'UNKNOWN_WAREHOUSE', 'NOT_FOUND'] })
  async createPickupPoint(@Body() body: CreatePickupPointDto, @Ctx() ctx: RequestContext) {
    requireCoordinatePair(body);
    const { position } = await this.commands.registerPickupPoint(body, commandContextOf(ctx, 'register-pickup-point'));
    return { ...body, position };
  }

  @Get('pickup-points')
  @ApiOp({ summary: 'List pickup points', answer: PickupPointListView })
  async listPickupPoints(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.pickupPoints, {}, query.after) };
  }
}

import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto, CATALOG, CatalogCommands, CatalogQueries, commandContextOf } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
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
  createWarehouse(@Body() body: CreateWarehouseDto, @Ctx() ctx: RequestContext) {
    return this.commands.registerWarehouse(body, commandContextOf(ctx, 'register-warehouse'));
  }

  @Get('warehouses')
  async listWarehouses(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.warehouses, {}, query.after) };
  }

  @Post('skus')
  @HttpCode(201)
  createSku(@Body() body: CreateSkuDto, @Ctx() ctx: RequestContext) {
    return this.commands.registerSku(body, commandContextOf(ctx, 'register-sku'));
  }

  @Get('skus')
  async listSkus(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.skus, {}, query.after) };
  }

  @Get('skus/:code')
  async getSku(@Param('code') code: string, @Query() query: AfterQueryDto) {
    const sku = await this.queries.get(CATALOG.skus, code, query.after);
    if (!sku) throw new NotFoundException(`no SKU ${code}`);
    return sku;
  }

  @Post('producers')
  @HttpCode(201)
  createProducer(@Body() body: CreateProducerDto, @Ctx() ctx: RequestContext) {
    return this.commands.registerProducer(body, commandContextOf(ctx, 'register-producer'));
  }

  @Get('producers')
  async listProducers(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.producers, {}, query.after) };
  }

  @Post('pickup-points')
  @HttpCode(201)
  createPickupPoint(@Body() body: CreatePickupPointDto, @Ctx() ctx: RequestContext) {
    return this.commands.registerPickupPoint(body, commandContextOf(ctx, 'register-pickup-point'));
  }

  @Get('pickup-points')
  async listPickupPoints(@Query() query: AfterQueryDto) {
    return { items: await this.queries.list(CATALOG.pickupPoints, {}, query.after) };
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AfterQueryDto } from '@gx/application';
import { ApiOp, Ctx, Roles, type RequestContext } from '@gx/platform';
import {
  PickupPointCreatedView,
  PickupPointListView,
  ProducerCreatedView,
  ProducerListView,
  SkuCreatedView,
  SkuListView,
  SkuView,
  WarehouseCreatedView,
  WarehouseListView,
} from './operations.views';
import { CreatePickupPointDto, CreateProducerDto, CreateSkuDto, CreateWarehouseDto } from './catalog.dto';
import {
  CatalogCreateWarehouseCommand,
  CatalogCreateSkuCommand,
  CatalogCreateProducerCommand,
  CatalogCreatePickupPointCommand,
} from './catalog.commands';
import {
  CatalogListWarehousesQuery,
  CatalogListSkusQuery,
  CatalogGetSkuQuery,
  CatalogListProducersQuery,
  CatalogListPickupPointsQuery,
} from './catalog.queries';

/** Master data: warehouses, SKUs, producers and pickup points (operators only). */
@ApiTags('catalog')
@ApiBearerAuth()
@Roles('operator')
@Controller()
export class CatalogController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post('warehouses')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a warehouse',
    description: 'Once under its code (ALREADY_EXISTS after). The answer is the warehouse as the list shows it.',
    answer: WarehouseCreatedView,
    status: 201,
    errors: ['ALREADY_EXISTS'],
  })
  createWarehouse(@Body() body: CreateWarehouseDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CatalogCreateWarehouseCommand(body, ctx));
  }

  @Get('warehouses')
  @ApiOp({ summary: 'List warehouses', answer: WarehouseListView })
  listWarehouses(@Query() query: AfterQueryDto) {
    return this.queryBus.execute(new CatalogListWarehousesQuery(query));
  }

  @Post('skus')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a SKU',
    description:
      'Once under its code. Quantities of a SKU are in its base unit (g or piece); sale units are whole multiples of it; its cost is `costFen` fen per `costPerBase` base units.',
    answer: SkuCreatedView,
    status: 201,
    errors: ['ALREADY_EXISTS', 'INVALID_STATE'],
  })
  createSku(@Body() body: CreateSkuDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CatalogCreateSkuCommand(body, ctx));
  }

  @Get('skus')
  @ApiOp({ summary: 'List SKUs', answer: SkuListView })
  listSkus(@Query() query: AfterQueryDto) {
    return this.queryBus.execute(new CatalogListSkusQuery(query));
  }

  @Get('skus/:code')
  @ApiOp({ summary: 'One SKU', answer: SkuView, params: { code: 'SKU code' }, errors: ['NOT_FOUND'] })
  getSku(@Param('code') code: string, @Query() query: AfterQueryDto) {
    return this.queryBus.execute(new CatalogGetSkuQuery(code, query));
  }

  @Post('producers')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a producer',
    description: 'A cooperative or 为农服务中心 stock is received from; once under its code.',
    answer: ProducerCreatedView,
    status: 201,
    errors: ['ALREADY_EXISTS'],
  })
  createProducer(@Body() body: CreateProducerDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CatalogCreateProducerCommand(body, ctx));
  }

  @Get('producers')
  @ApiOp({ summary: 'List producers', answer: ProducerListView })
  listProducers(@Query() query: AfterQueryDto) {
    return this.queryBus.execute(new CatalogListProducersQuery(query));
  }

  @Post('pickup-points')
  @HttpCode(201)
  @ApiOp({
    summary: 'Register a pickup point',
    description:
      'Its goods are held at a registered warehouse (UNKNOWN_WAREHOUSE otherwise); address and coordinates (lat and lng together) are optional.',
    answer: PickupPointCreatedView,
    status: 201,
    errors: ['ALREADY_EXISTS', 'UNKNOWN_WAREHOUSE', 'NOT_FOUND'],
  })
  createPickupPoint(@Body() body: CreatePickupPointDto, @Ctx() ctx: RequestContext) {
    return this.commandBus.execute(new CatalogCreatePickupPointCommand(body, ctx));
  }

  @Get('pickup-points')
  @ApiOp({ summary: 'List pickup points', answer: PickupPointListView })
  listPickupPoints(@Query() query: AfterQueryDto) {
    return this.queryBus.execute(new CatalogListPickupPointsQuery(query));
  }
}

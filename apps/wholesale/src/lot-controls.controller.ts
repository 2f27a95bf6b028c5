import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { AfterQueryDto, BASE_UNIT_PROPERTY, IsPlainText, SaleUnitView, type BaseUnit } from '@gx/application';
import { Ctx, Roles, type RequestContext } from '@gx/platform';
import { LotControlsWithdrawCommand, LotControlsCloseCommand } from './lot-controls.commands';
import { LotControlsMarketBatchesQuery, LotControlsPricesQuery } from './lot-controls.queries';

export class WithdrawLotDto {
  @ApiProperty({ example: '质检复核，暂停拍卖', description: 'why the lot is taken off the market (kept in the log)' })
  @IsPlainText(200)
  reason: string;
}

export class MarketPricesQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ example: 'SKU-PEAR-GX', description: 'only this SKU' })
  @IsOptional()
  @Matches(/^[A-Z0-9][A-Z0-9-]{1,39}$/, { message: 'sku must be a SKU code' })
  sku?: string;
  @ApiPropertyOptional({
    example: '2026-11-01',
    description:
      'only lots that closed at or after this time: an ISO 8601 time with its offset, or a date (YYYY-MM-DD), meaning the start of that day in Beijing',
  })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message: 'from must be a date (YYYY-MM-DD) or an ISO 8601 time with its offset',
  })
  from?: string;
}

/** Where a lot stands after an operator's control. */
export class LotControlView {
  @ApiProperty({ example: 'L-1a2b3c4d5e6f' }) lotId: string;
  @ApiProperty({
    enum: ['listed', 'sold', 'unsold', 'withdrawn'],
    description: 'listed only when the lot could not be closed yet',
  })
  status: string;
  @ApiPropertyOptional({
    example: 3700,
    description: 'sold: the clearing price, fen per sale unit (the lot’s saleUnit)',
  })
  pricePerUnitFen?: number;
  @ApiPropertyOptional({ example: '买家**01', description: 'sold: the winner as buyers see it' }) winner?: string;
  @ApiProperty({ description: "log position of the lot's last event (read after it with ?after=)" }) position: string;
}

/** One clearing price of the market. */
export class MarketPriceView {
  @ApiProperty({ example: 'L-1a2b3c4d5e6f' }) lotId: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) sku: string;
  @ApiProperty({ example: '冠县鸭梨' }) skuName: string;
  @ApiProperty({ example: '特级' }) grade: string;
  @ApiProperty({ example: '冠县东古城镇前屯村' }) origin: string;
  @ApiProperty({ type: SaleUnitView, description: 'the trading unit the price is per' }) saleUnit: SaleUnitView;
  @ApiProperty({ example: 100, description: 'how many sale units the lot had' }) units: number;
  @ApiProperty({ example: 3700, description: 'clearing price, fen per sale unit' }) pricePerUnitFen: number;
  @ApiProperty({ example: '2026-11-28T11:00:00+08:00', description: 'Beijing time with its offset' }) closedAt: string;
}

export class OriginView {
  @ApiProperty({ example: '冠县东古城镇前屯村' }) village: string;
  @ApiPropertyOptional({ example: '3号地' }) plot?: string;
}

export class InspectionView {
  @ApiProperty({ enum: ['pass', 'fail', 'pending'] }) result: string;
  @ApiPropertyOptional({ example: 'NC-2026-1120-07' }) testId?: string;
}

/** A batch at a market warehouse that a lot can be listed from. */
export class MarketBatchView {
  @ApiProperty({ example: 'LC-MKT-01' }) warehouse: string;
  @ApiProperty({ example: '聊城农产品批发市场' }) warehouseName: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) sku: string;
  @ApiProperty({ example: '冠县鸭梨' }) skuName: string;
  @ApiProperty({ type: [SaleUnitView], description: 'the units a lot of this SKU may trade in' })
  saleUnits: SaleUnitView[];
  @ApiProperty({ example: 'B-20261125-1a2b3c4d5e6f' }) batchId: string;
  @ApiProperty({ example: 'COOP-GX-PEAR' }) producer: string;
  @ApiProperty({ type: OriginView }) origin: OriginView;
  @ApiProperty({ example: '特级' }) grade: string;
  @ApiProperty({ example: '2026-11-20' }) harvestDate: string;
  @ApiProperty({ example: '2027-01-19' }) expiryDate: string;
  @ApiProperty({ type: InspectionView }) inspection: InspectionView;
  @ApiProperty({ example: 500000, description: 'free stock of the batch in base units (see baseUnit)' })
  freeBase: number;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
}

export class MarketBatchesView {
  @ApiProperty({ type: [MarketBatchView] }) items: MarketBatchView[];
}

export class MarketPricesView {
  @ApiProperty({ type: [MarketPriceView] }) items: MarketPriceView[];
}

/** Operators' controls of a lot (withdraw, close now) and the market's clearing prices (行情). */
@ApiTags('lots')
@ApiBearerAuth()
@Controller()
export class LotControlsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Get('market-batches')
  @Roles('operator')
  @ApiOperation({
    summary: 'Batches lots can be listed from',
    description: 'Sellable batches (inspected as passed, not expired) with free stock at every market warehouse.',
  })
  @ApiOkResponse({ type: MarketBatchesView })
  marketBatches(@Ctx() ctx: RequestContext): Promise<MarketBatchesView> {
    return this.queryBus.execute(new LotControlsMarketBatchesQuery(ctx));
  }

  @Post('lots/:id/withdraw')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Withdraw a lot before its first bid',
    description:
      'Takes a scheduled or open lot without bids off the market; its stock goes back to the market warehouse. Repeating it changes nothing.',
  })
  @ApiParam({ name: 'id', description: 'lot id' })
  @ApiOkResponse({ type: LotControlView })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such lot' })
  @ApiResponse({
    status: 409,
    description: 'INVALID_STATE: the lot has bids (close it instead); ALREADY_DECIDED: the lot has closed',
  })
  withdraw(@Param('id') id: string, @Body() body: WithdrawLotDto, @Ctx() ctx: RequestContext): Promise<LotControlView> {
    return this.commandBus.execute(new LotControlsWithdrawCommand(id, body, ctx));
  }

  @Post('lots/:id/close')
  @Roles('operator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Close a lot now',
    description:
      'Closes the lot at once the way its deadline would (sold to the leader when the reserve is met, else unsold), recording the operator. ' +
      "It is the deadline's own command: whichever of the two comes second changes nothing, and closing a closed lot answers its outcome.",
  })
  @ApiParam({ name: 'id', description: 'lot id' })
  @ApiOkResponse({ type: LotControlView })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: no such lot' })
  close(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<LotControlView> {
    return this.commandBus.execute(new LotControlsCloseCommand(id, ctx));
  }

  @Get('market-prices')
  @Roles('buyer', 'operator')
  @ApiOperation({
    summary: 'Clearing prices (行情)',
    description: "Every sold lot's price per trading unit at its close, oldest first, with SKU, grade and origin.",
  })
  @ApiOkResponse({ type: MarketPricesView })
  prices(@Query() query: MarketPricesQueryDto): Promise<MarketPricesView> {
    return this.queryBus.execute(new LotControlsPricesQuery(query));
  }
}

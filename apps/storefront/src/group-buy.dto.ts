import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { AfterQueryDto, IsCalendarDate, IsIdentifierText, IsObjectArray, IsPlainText } from '@gx/application';
import {
  CAMPAIGN_STATUSES,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  type CampaignStatus,
  type OrderStatus,
  type PaymentMethod,
} from '@gx/domain';

/** Warehouse, SKU and pickup point codes. */
const CODE_PATTERN = /^[A-Z0-9][A-Z0-9-]{1,39}$/;
const CODE_MESSAGE = 'must be a code of capital letters, digits and dashes';
/** The largest whole quantity or price accepted (one million sale units, ¥10 million). */
const MAX_QUANTITY = 1_000_000;
const MAX_PRICE_FEN = 1_000_000_000;

/** A campaign as an operator or the leader of its pickup point creates it. */
export class CreateCampaignDto {
  @ApiPropertyOptional({ example: '冠县鸭梨 整箱 5kg 社区团购' }) @IsOptional() @IsPlainText(100) title?: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) @Matches(CODE_PATTERN, { message: `sku ${CODE_MESSAGE}` }) sku: string;
  @ApiProperty({
    example: 'LC-HUB-DCF',
    description: 'supplying warehouse: the quota is reserved here when the campaign is published',
  })
  @Matches(CODE_PATTERN, { message: `warehouse ${CODE_MESSAGE}` })
  warehouse: string;
  @ApiProperty({ example: 'PP-DCF-01', description: 'a leader may only name the pickup point they run' })
  @Matches(CODE_PATTERN, { message: `pickupPoint ${CODE_MESSAGE}` })
  pickupPoint: string;
  @ApiPropertyOptional({
    example: '箱(5kg)',
    description:
      "one of the SKU's sale units, or its base unit (g, piece); default: its first sale unit. Every quantity of the campaign is in whole sale units",
  })
  @IsOptional()
  @IsIdentifierText(30)
  saleUnit?: string;
  @ApiProperty({ example: 3990, description: 'price in fen per sale unit' })
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_FEN)
  unitPriceFen: number;
  @ApiProperty({ example: 20, description: '成团量: sale units committed at cut-off for the campaign to succeed' })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  minQuantity: number;
  @ApiProperty({ example: 100, description: 'most sale units sold (reserved from stock on publication)' })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quota: number;
  @ApiProperty({ example: 5, description: 'most sale units one customer may hold' })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  perCustomerLimit: number;
  @ApiPropertyOptional({ example: '2026-11-28T00:00:00Z', description: 'default: now' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'opensAt must be an ISO 8601 time' })
  opensAt?: string;
  @ApiProperty({
    example: '2026-12-01T12:00:00+08:00',
    description: '截单: joins stop, the campaign succeeds or fails',
  })
  @IsISO8601({ strict: true }, { message: 'cutoffAt must be an ISO 8601 time' })
  cutoffAt: string;
  @ApiProperty({ example: '2026-12-02', description: 'business date (Asia/Shanghai) of pickup' })
  @IsCalendarDate()
  pickupDate: string;
}

/** Joining a campaign. */
export class JoinCampaignDto {
  @ApiProperty({ example: 2, description: 'whole sale units of the campaign' })
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quantity: number;
  @ApiProperty({
    enum: PAYMENT_METHODS,
    description: 'stripe: pay online within the payment window; pay_at_pickup: pay the leader at hand-over',
  })
  @IsIn(PAYMENT_METHODS)
  paymentMethod: PaymentMethod;
}

export class CampaignListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ example: 'PP-DCF-01', description: 'only campaigns of this pickup point' })
  @IsOptional()
  @Matches(CODE_PATTERN, { message: `pickupPoint ${CODE_MESSAGE}` })
  pickupPoint?: string;
  @ApiPropertyOptional({
    enum: CAMPAIGN_STATUSES,
    description: 'only campaigns in this status (drafts only for their managers)',
  })
  @IsOptional()
  @IsIn(CAMPAIGN_STATUSES)
  status?: CampaignStatus;
}

export class OrderListQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({ enum: ORDER_STATUSES, description: 'only orders in this status' })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;
}

export class PickupPointOrdersQueryDto extends OrderListQueryDto {
  @ApiPropertyOptional({ example: 'GB-1a2b3c4d5e6f', description: 'only orders of this campaign' })
  @IsOptional()
  @Matches(/^GB-[0-9a-f]{12}$/, { message: 'campaignId must be a campaign id' })
  campaignId?: string;
}

/** What arrived of one batch of a transfer, in base units. */
export class ReceivedBatchDto {
  @ApiProperty({ example: 'B-20261127-1a2b3c4d5e6f' }) @IsIdentifierText(64) batchId: string;
  @ApiProperty({
    example: 2000,
    description: 'base units (grams or pieces: the SKU’s baseUnit) that arrived of this batch',
  })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  quantityBase: number;
}

/** A receipt of goods at a pickup point. */
export class PickupReceiptDto {
  @ApiPropertyOptional({
    type: [ReceivedBatchDto],
    description: 'received per batch; absent: everything sent arrived. The rest is recorded as lost in transit',
  })
  @IsOptional()
  @IsObjectArray(() => ReceivedBatchDto)
  received?: ReceivedBatchDto[];
}

export class UncollectedQueryDto extends AfterQueryDto {
  @ApiPropertyOptional({
    example: '2026-12-03',
    description: 'business date (Asia/Shanghai): campaigns whose pickup date is before it (default: today in Beijing)',
  })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

/** Present (not undefined): `null` is validated like any other value, and refused. */
const Given = () => ValidateIf((_object, value) => value !== undefined);

/**
 * New terms of a draft campaign: only the terms sent change; the result is validated like a new
 * campaign (quota ≥ minimum and per-customer limit, cut-off after opening and in the future, pickup
 * date not before the cut-off date). The SKU, sale unit and supplying warehouse cannot change.
 */
export class EditCampaignDto {
  @ApiPropertyOptional({ example: '冠县鸭梨 整箱 5kg 周末团' }) @Given() @IsPlainText(100) title?: string;
  @ApiPropertyOptional({
    example: 'PP-DCF-01',
    description: 'another pickup point (a leader may only name one they run)',
  })
  @Given()
  @Matches(CODE_PATTERN, { message: `pickupPoint ${CODE_MESSAGE}` })
  pickupPoint?: string;
  @ApiPropertyOptional({ example: 3590, description: 'price in fen per sale unit' })
  @Given()
  @IsInt()
  @Min(1)
  @Max(MAX_PRICE_FEN)
  unitPriceFen?: number;
  @ApiPropertyOptional({ example: 10, description: '成团量 in whole sale units' })
  @Given()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  minQuantity?: number;
  @ApiPropertyOptional({ example: 80, description: 'whole sale units reserved on publication' })
  @Given()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  quota?: number;
  @ApiPropertyOptional({ example: 4, description: 'most sale units one customer may hold' })
  @Given()
  @IsInt()
  @Min(1)
  @Max(MAX_QUANTITY)
  perCustomerLimit?: number;
  @ApiPropertyOptional({ example: '2026-11-28T00:00:00+08:00' })
  @Given()
  @IsISO8601({ strict: true }, { message: 'opensAt must be an ISO 8601 time' })
  opensAt?: string;
  @ApiPropertyOptional({ example: '2026-12-01T12:00:00+08:00' })
  @Given()
  @IsISO8601({ strict: true }, { message: 'cutoffAt must be an ISO 8601 time' })
  cutoffAt?: string;
  @ApiPropertyOptional({ example: '2026-12-02', description: 'business date (Asia/Shanghai) of pickup' })
  @Given()
  @IsCalendarDate()
  pickupDate?: string;
}

/** Why a campaign is cancelled: shown to every consumer whose order is cancelled with it. */
export class CancelCampaignDto {
  @ApiProperty({ example: '产地连续降雨，鸭梨延迟采摘', description: 'shown to consumers on their cancelled orders' })
  @IsPlainText(200)
  reason: string;
}

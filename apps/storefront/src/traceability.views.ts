import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BASE_UNIT_PROPERTY, SaleUnitView } from '@gx/application';
import {
  CAMPAIGN_STATUSES,
  INSPECTION_RESULTS,
  ORDER_STATUSES,
  PAYMENT_METHODS,
  type CampaignStatus,
  type InspectionResult,
  type OrderStatus,
  type PaymentMethod,
  type BaseUnit,
} from '@gx/domain';

/** A producer as the public sees it. */
export class PublicProducerView {
  @ApiProperty({ example: 'COOP-GX-PEAR' }) code: string;
  @ApiProperty({ example: '冠县鸭梨种植专业合作社', nullable: true, type: String }) name: string | null;
  @ApiProperty({ example: '冠县', nullable: true, type: String }) county: string | null;
}

export class OriginView {
  @ApiProperty({ example: '冠县东古城镇前屯村' }) village: string;
  @ApiPropertyOptional({ example: '3号地' }) plot?: string;
}

export class InspectionView {
  @ApiProperty({ enum: INSPECTION_RESULTS }) result: InspectionResult;
  @ApiPropertyOptional({ example: 'NC-2026-1120-07', description: 'pesticide-residue test id' }) testId?: string;
}

export class TraceHopView {
  @ApiProperty({ example: 'LC-HUB-DCF' }) warehouse: string;
  @ApiProperty({ example: '东昌府区供销综合集配中心', nullable: true, type: String }) name: string | null;
  @ApiProperty({
    example: 'county_hub',
    nullable: true,
    type: String,
    description: 'county_hub, township_station, village_point or market',
  })
  kind: string | null;
  @ApiProperty({
    example: '2026-11-20T10:00:00+08:00',
    description: 'when the batch arrived there (Beijing time with its offset)',
  })
  at: string;
  @ApiProperty({
    enum: ['received', 'transferred'],
    description: 'received from the producer, or transferred in from the previous hop',
  })
  arrival: 'received' | 'transferred';
}

export class TracedBatchView {
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' }) batchId: string;
  @ApiProperty({ example: 5000, description: 'of this batch in the order, in base units (see the page’s baseUnit)' })
  quantityBase: number;
  @ApiProperty({ type: PublicProducerView }) producer: PublicProducerView;
  @ApiProperty({ type: OriginView }) origin: OriginView;
  @ApiProperty({ example: '2026-11-20', description: 'business date' }) harvestDate: string;
  @ApiProperty({ example: '一级' }) grade: string;
  @ApiProperty({ type: InspectionView }) inspection: InspectionView;
  @ApiProperty({ type: [TraceHopView], description: 'warehouses it passed through to the pickup point, oldest first' })
  hops: TraceHopView[];
}

/** The public traceability page of an order (扫码溯源): nothing about who bought it. */
export class OrderTraceView {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) sku: string;
  @ApiProperty({ example: '冠县鸭梨', nullable: true, type: String }) skuName: string | null;
  @ApiProperty({ description: 'the regional brand 聊·胜一筹' }) regionalBrand: boolean;
  @ApiProperty({ example: '冠县鸭梨 整箱 5kg 社区团购', nullable: true, type: String }) campaignTitle: string | null;
  @ApiProperty({ example: 2, description: 'whole sale units' }) quantity: number;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty({ ...BASE_UNIT_PROPERTY, nullable: true }) baseUnit: BaseUnit | null;
  @ApiProperty({
    example: '2026-12-02T11:00:00+08:00',
    description: 'when the goods were handed over (Beijing time with its offset)',
  })
  issuedAt: string;
  @ApiProperty({ type: [TracedBatchView] }) batches: TracedBatchView[];
}

/** Where a campaign's goods come from. */
export class CampaignOriginView {
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f' }) campaignId: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) sku: string;
  @ApiProperty({ example: '冠县鸭梨', nullable: true, type: String }) skuName: string | null;
  @ApiProperty({ description: 'the regional brand 聊·胜一筹' }) regionalBrand: boolean;
  @ApiProperty({
    type: [PublicProducerView],
    description: 'producers of the sellable batches at the supplying warehouse, first expiry first',
  })
  producers: PublicProducerView[];
  @ApiProperty({ type: [OriginView] }) origins: OriginView[];
}

/** One frame of a campaign's live stream (the `data` of every event). */
export class CampaignProgressView {
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f' }) campaignId: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: CampaignStatus;
  @ApiProperty({ example: 100, description: 'sale units' }) quota: number;
  @ApiProperty({ example: 40, description: 'sale units held by live orders' }) held: number;
  @ApiProperty({ example: 60, description: 'sale units left' }) remaining: number;
  @ApiProperty({ example: 30, description: 'sale units paid online or held for payment at pickup' }) committed: number;
  @ApiProperty({ example: 20, description: '成团量 in sale units' }) minimum: number;
  @ApiProperty({ example: 100 }) percent: number;
  @ApiProperty() reached: boolean;
  @ApiProperty({ type: SaleUnitView, description: 'the unit of every quantity above' }) saleUnit: SaleUnitView;
}

export class PickupPlaceView {
  @ApiProperty({ example: 'PP-DCF-01' }) code: string;
  @ApiProperty({ example: '道口铺社区自提点' }) name: string;
  @ApiProperty({ example: '08:00-20:00' }) hours: string;
  @ApiPropertyOptional({
    example: '山东省聊城市东昌府区道口铺街道幸福路18号供销社便民店',
    description: 'street address (absent on points registered before addresses were kept)',
  })
  address?: string;
  @ApiPropertyOptional({ example: 36.5012, description: 'WGS-84 latitude' }) lat?: number;
  @ApiPropertyOptional({ example: 115.9287, description: 'WGS-84 longitude' }) lng?: number;
}

export class OrderPaymentView {
  @ApiProperty({ enum: PAYMENT_METHODS }) method: PaymentMethod;
  @ApiProperty({
    example: 'due_at_pickup',
    description: 'awaiting, paid, due_at_pickup, collected, refund_pending, refunded, refund_failed or none',
  })
  status: string;
}

export class HandOverView {
  @ApiProperty({ example: 'leader1' }) by: string;
  @ApiProperty() at: string;
  @ApiProperty({ example: 1000 }) collectedFen: number;
  @ApiProperty({ example: 50 }) commissionFen: number;
}

/** An order as the leader of its pickup point sees it before handing it over (no pickup code, no traceability link). */
export class PickupOrderView {
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f-0a1b2c3d4e' }) orderId: string;
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f' }) campaignId: string;
  @ApiProperty({ example: 'consumer1' }) customer: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: OrderStatus;
  @ApiProperty({ example: 'SKU-TOMATO-SX' }) sku: string;
  @ApiProperty({ example: 2, description: 'whole sale units' }) quantity: number;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty({ example: 1000 }) amountFen: number;
  @ApiProperty({ example: 'PP-DCF-01' }) pickupPoint: string;
  @ApiProperty({ type: OrderPaymentView }) payment: OrderPaymentView;
  @ApiPropertyOptional({ type: HandOverView, description: 'once handed over' }) handedOver?: HandOverView;
  @ApiProperty({ nullable: true, type: String }) campaignTitle: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2026-12-03' }) pickupDate: string | null;
  @ApiProperty({ nullable: true, type: PickupPlaceView }) pickupPlace: PickupPlaceView | null;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BASE_UNIT_PROPERTY, BatchQuantityView, SaleUnitView } from '@gx/application';
import { CAMPAIGN_STATUSES, ORDER_STATUSES, PAYMENT_METHODS, type BaseUnit } from '@gx/domain';

const BUSINESS_TIME = 'Beijing time with its offset (+08:00)';

export class CampaignProgressView {
  @ApiProperty({ example: 20, description: 'sale units needed at cut-off (成团量)' }) minimum: number;
  @ApiProperty({ example: 12, description: 'sale units paid or to be paid at pickup' }) committed: number;
  @ApiProperty({ example: 60 }) percent: number;
  @ApiProperty() reached: boolean;
}

export class CodeReasonView {
  @ApiProperty({ example: 'INSUFFICIENT_STOCK' }) code: string;
  @ApiProperty({ example: '0 箱(5kg) available, 100 asked' }) reason: string;
}

export class CampaignFulfilmentView {
  @ApiProperty({ enum: ['pending', 'done', 'blocked'] }) status: string;
  @ApiPropertyOptional({ description: 'base units allocated to the sold orders' }) allocatedBase?: number;
  @ApiPropertyOptional({ description: 'base units of unsold quota given back to stock' }) releasedBase?: number;
  @ApiPropertyOptional() transferId?: string;
  @ApiPropertyOptional() step?: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() reason?: string;
}

export class IssueBlockedView {
  @ApiProperty() orderId: string;
  @ApiProperty() code: string;
  @ApiProperty() reason: string;
}

/** A campaign's books at its pickup point (succeeded campaigns); goods in base units. */
export class PickupBooksView {
  @ApiProperty({ enum: ['awaiting_goods', 'ready', 'blocked', 'done'] }) status: string;
  @ApiPropertyOptional() transferId?: string;
  @ApiPropertyOptional({ description: BUSINESS_TIME }) receivedAt?: string;
  @ApiPropertyOptional({ description: 'base units that arrived' }) receivedBase?: number;
  @ApiPropertyOptional({ description: 'base units lost in transit' }) lostBase?: number;
  @ApiPropertyOptional({ description: 'base units held for the orders when the goods arrived' }) heldBase?: number;
  @ApiPropertyOptional({ description: 'base units still held' }) stillHeldBase?: number;
  @ApiProperty({ type: [String], description: 'orders the goods serve, not picked up yet' }) awaiting: string[];
  @ApiProperty({ type: [String], description: 'orders the goods that arrived cannot serve' }) unserved: string[];
  @ApiProperty({ description: 'orders handed over' }) handedOver: number;
  @ApiProperty({ description: 'base units issued to the orders handed over' }) issuedBase: number;
  @ApiPropertyOptional({ type: CodeReasonView }) refused?: CodeReasonView;
  @ApiProperty({ type: [IssueBlockedView] }) issueBlocked: IssueBlockedView[];
}

/**
 * A campaign, the same in every answer (POST, GET, list): its quantities (quota, minimum, limit, held,
 * remaining, paid, payAtPickup, soldQuantity) in whole sale units of `saleUnit`; goods at the pickup point in base units.
 */
/** What a cancellation did (the campaign itself is answered as every campaign command answers it). */
export class CampaignCancellationView {
  @ApiProperty({ description: 'it had been published: its orders were cancelled and its quota goes back to stock' })
  wasPublished: boolean;
  @ApiProperty({ example: 12, description: 'live orders cancelled with the campaign' }) orders: number;
  @ApiProperty({ example: 7, description: 'online payments being refunded (see each order’s payment.status)' })
  refunds: number;
  @ApiProperty({ example: '产地连续降雨，鸭梨延迟采摘' }) reason: string;
  @ApiProperty({ example: 'operator1' }) by: string;
  @ApiProperty({ example: '2026-11-29T10:00:00+08:00', description: BUSINESS_TIME }) at: string;
}

/** Who last edited a draft's terms, and when. */
export class CampaignEditedView {
  @ApiProperty({ example: 'leader1' }) by: string;
  @ApiProperty() at: string;
}

export class CampaignView {
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f' }) campaignId: string;
  @ApiProperty({ example: '冠县鸭梨 整箱 5kg 社区团购' }) title: string;
  @ApiProperty({ example: 'SKU-PEAR-GX' }) sku: string;
  @ApiProperty({ example: '冠县鸭梨' }) skuName: string;
  @ApiProperty({ description: 'supplying warehouse' }) warehouse: string;
  @ApiProperty() pickupPoint: string;
  @ApiProperty() pickupWarehouse: string;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ example: 3990, description: 'fen per sale unit' }) unitPriceFen: number;
  @ApiProperty({ example: 20 }) minQuantity: number;
  @ApiProperty({ example: 100 }) quota: number;
  @ApiProperty({ example: 5 }) perCustomerLimit: number;
  @ApiProperty({ example: '2026-11-28T08:00:00+08:00', description: BUSINESS_TIME }) opensAt: string;
  @ApiProperty({ example: '2026-12-01T12:00:00+08:00', description: BUSINESS_TIME }) cutoffAt: string;
  @ApiProperty({ example: '2026-12-02', description: 'business date (Asia/Shanghai)' }) pickupDate: string;
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: string;
  @ApiProperty({ description: 'sale units held by live orders' }) held: number;
  @ApiProperty({ description: 'sale units still to be sold' }) remaining: number;
  @ApiProperty({ description: 'sale units paid online' }) paid: number;
  @ApiProperty({ description: 'sale units to be paid at pickup' }) payAtPickup: number;
  @ApiProperty({ description: 'live orders' }) orders: number;
  @ApiProperty({ type: CampaignProgressView }) progress: CampaignProgressView;
  @ApiPropertyOptional() publishedAt?: string;
  @ApiPropertyOptional({ type: CampaignEditedView, description: 'the last edit of the draft’s terms' })
  edited?: CampaignEditedView;
  @ApiPropertyOptional({
    type: CodeReasonView,
    description: 'why the last publication was refused (reason in sale units)',
  })
  publishRejection?: CodeReasonView;
  @ApiPropertyOptional({
    type: CampaignCancellationView,
    description: 'a cancelled campaign: why, by whom, and what it did',
  })
  cancellation?: CampaignCancellationView;
  @ApiPropertyOptional() closedAt?: string;
  @ApiPropertyOptional({
    example: 'operator1',
    description: 'the operator who ran the cut-off before its time (absent when the deadline ran it)',
  })
  closedBy?: string;
  @ApiPropertyOptional({ description: 'sale units sold at cut-off' }) soldQuantity?: number;
  @ApiPropertyOptional({ type: CampaignFulfilmentView }) fulfilment?: CampaignFulfilmentView;
  @ApiPropertyOptional({ type: PickupBooksView }) pickup?: PickupBooksView;
  @ApiProperty() updatedAt: string;
}

export class CampaignChangedView extends CampaignView {
  @ApiProperty({ example: '1042', description: 'log position; pass as ?after= to read your own write' })
  position: string;
}

export class CampaignListView {
  @ApiProperty({ type: [CampaignView] }) items: CampaignView[];
}

export class OrderRefundView {
  @ApiProperty() refundId: string;
  @ApiProperty() intentId: string;
  @ApiProperty() amountFen: number;
  @ApiProperty() status: string;
  @ApiProperty() reason: string;
  @ApiProperty() at: string;
}

/** How an order is paid. */
export class OrderPaymentView {
  @ApiProperty({ enum: PAYMENT_METHODS }) method: string;
  @ApiProperty({
    enum: ['awaiting', 'paid', 'due_at_pickup', 'collected', 'refund_pending', 'refunded', 'refund_failed', 'none'],
  })
  status: string;
  @ApiPropertyOptional({ description: 'fen to pay (answers of commands)' }) amountFen?: number;
  @ApiPropertyOptional({ description: 'the Stripe payment intent (online orders)' }) intentId?: string;
  @ApiPropertyOptional({ description: 'for Stripe.js, to the order’s owner while unpaid' }) clientSecret?: string;
  @ApiPropertyOptional({ description: 'the intent’s status at Stripe' }) intentStatus?: string;
  @ApiPropertyOptional({ enum: ['cny'] }) currency?: string;
  @ApiPropertyOptional() paidAt?: string;
  @ApiPropertyOptional({ type: [OrderRefundView] }) refunds?: OrderRefundView[];
  @ApiPropertyOptional() refundReason?: string;
}

export class PickupPlaceView {
  @ApiProperty({ example: 'PP-DCF-01' }) code: string;
  @ApiProperty({ example: '大成府社区团购点' }) name: string;
  @ApiProperty({ example: '08:00-20:00', description: 'opening hours, Asia/Shanghai' }) hours: string;
  @ApiPropertyOptional({
    example: '山东省聊城市东昌府区道口铺街道幸福路18号供销社便民店',
    description: 'street address (absent on points registered before addresses were kept)',
  })
  address?: string;
  @ApiPropertyOptional({ example: 36.5012, description: 'WGS-84 latitude' }) lat?: number;
  @ApiPropertyOptional({ example: 115.9287, description: 'WGS-84 longitude' }) lng?: number;
}

export class OrderHistoryView {
  @ApiProperty() status: string;
  @ApiProperty() at: string;
  @ApiPropertyOptional() note?: string;
}

export class HandedOverView {
  @ApiProperty() by: string;
  @ApiProperty() at: string;
  @ApiProperty() collectedFen: number;
  @ApiProperty() commissionFen: number;
}

export class OrderSupplyView {
  @ApiProperty({ type: [BatchQuantityView], description: 'batches and base units of each (see the SKU’s baseUnit)' })
  batches: BatchQuantityView[];
  @ApiProperty({
    example: '2026-12-02T10:00:00+08:00',
    description: 'when the goods were handed over, Beijing time with its offset',
  })
  issuedAt: string;
}

/** A group-buy order: quantity in whole sale units of `saleUnit`, money in fen. */
/** Why an order was cancelled: by its customer, because its campaign missed its minimum, or because the campaign was cancelled. */
export class OrderCancellationView {
  @ApiProperty({ enum: ['customer', 'campaign_failed', 'campaign_cancelled'] }) cause: string;
  @ApiProperty({
    example: 'the campaign was cancelled: 产地连续降雨',
    description: 'with the operator’s reason when the campaign was cancelled',
  })
  reason: string;
  @ApiProperty({ description: 'ISO time' }) at: string;
}

/** The goods that reached the pickup point cannot cover the order (short in transit). */
export class OrderUnservableView {
  @ApiProperty() reason: string;
  @ApiProperty({ description: 'ISO time' }) at: string;
}

export class OrderView {
  @ApiProperty({ example: 'GB-1a2b3c4d5e6f-O-0a1b2c3d4e5f' }) orderId: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() customer: string;
  @ApiProperty({ example: 2 }) quantity: number;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty({ example: 3990 }) unitPriceFen: number;
  @ApiProperty({ example: 7980 }) amountFen: number;
  @ApiProperty({ enum: PAYMENT_METHODS }) paymentMethod: string;
  @ApiProperty() sku: string;
  @ApiProperty() pickupPoint: string;
  @ApiPropertyOptional({ description: 'shown to the order’s owner only' }) pickupCode?: string;
  @ApiPropertyOptional({ description: 'when an unpaid online order expires' }) expiresAt?: string;
  @ApiProperty({ enum: ORDER_STATUSES }) status: string;
  @ApiProperty() placedAt: string;
  @ApiProperty({ type: OrderPaymentView }) payment: OrderPaymentView;
  @ApiPropertyOptional({ type: HandedOverView }) handedOver?: HandedOverView;
  @ApiPropertyOptional({ type: OrderCancellationView, description: 'a cancelled order: why' })
  cancellation?: OrderCancellationView;
  @ApiPropertyOptional({
    type: OrderUnservableView,
    description: 'the goods at the pickup point cannot cover this order',
  })
  unservable?: OrderUnservableView;
  @ApiPropertyOptional({ type: [OrderHistoryView] }) history?: OrderHistoryView[];
  @ApiPropertyOptional({ nullable: true, type: String }) campaignTitle?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'business date (Asia/Shanghai)' }) pickupDate?:
    string | null;
  @ApiPropertyOptional({ nullable: true, type: PickupPlaceView }) pickupPlace?: PickupPlaceView | null;
  @ApiPropertyOptional({
    type: OrderSupplyView,
    description: 'the batches the order was issued from, once handed over',
  })
  supply?: OrderSupplyView;
  @ApiPropertyOptional({
    description:
      'the key of the order’s public traceability page (GET /trace/{token}); its owner only, once handed over',
  })
  traceToken?: string;
  @ApiPropertyOptional() updatedAt?: string;
}

export class PlacedOrderView extends OrderView {
  @ApiProperty({ example: '1042', description: 'log position; pass as ?after= to read your own write' })
  position: string;
}

export class OrderListView {
  @ApiProperty({ type: [OrderView] }) items: OrderView[];
}

export class RefundDueView {
  @ApiProperty() amountFen: number;
  @ApiProperty({ enum: ['pending'] }) status: string;
}

export class CancelledOrderView {
  @ApiProperty() orderId: string;
  @ApiProperty({ enum: ['cancelled'] }) status: string;
  @ApiProperty({ type: RefundDueView, nullable: true, description: 'a paid order is refunded' })
  refund: RefundDueView | null;
  @ApiProperty() position: string;
}

export class HandOverView {
  @ApiProperty() orderId: string;
  @ApiProperty() campaignId: string;
  @ApiProperty() customer: string;
  @ApiProperty() pickupPoint: string;
  @ApiProperty({ description: 'whole sale units of saleUnit' }) quantity: number;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty() amountFen: number;
  @ApiProperty({ enum: PAYMENT_METHODS }) paymentMethod: string;
  @ApiProperty() leader: string;
  @ApiProperty({ description: 'fen collected at hand-over (pay-at-pickup orders)' }) collectedFen: number;
  @ApiProperty() commissionBps: number;
  @ApiProperty() commissionFen: number;
  @ApiProperty() at: string;
  @ApiProperty({ enum: ['completed'] }) status: string;
  @ApiProperty() position: string;
}

export class LeaderCommissionView {
  @ApiProperty() completedOrders: number;
  @ApiProperty() commissionFen: number;
}

export class CommissionView {
  @ApiProperty() pickupPoint: string;
  @ApiProperty({ example: '2026-12', description: 'business month (Asia/Shanghai)' }) month: string;
  @ApiProperty() completedOrders: number;
  @ApiProperty() salesFen: number;
  @ApiProperty({ description: 'collected at hand-over for orders paid at pickup' }) collectedFen: number;
  @ApiProperty() commissionFen: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/LeaderCommissionView' },
    description: 'by leader username',
  })
  byLeader: Record<string, LeaderCommissionView>;
  @ApiProperty() updatedAt: string;
}

export class CommissionListView {
  @ApiProperty({ type: [CommissionView] }) items: CommissionView[];
}

export class PickupPointView {
  @ApiProperty({ example: 'PP-DCF-01' }) code: string;
  @ApiProperty({ example: '大成府社区团购点' }) name: string;
  @ApiProperty({ description: 'warehouse holding the goods for pickup' }) warehouse: string;
  @ApiProperty({ example: '08:00-20:00', description: 'opening hours, Asia/Shanghai' }) hours: string;
  @ApiPropertyOptional({
    example: '山东省聊城市东昌府区道口铺街道幸福路18号供销社便民店',
    description: 'street address (absent on points registered before addresses were kept)',
  })
  address?: string;
  @ApiPropertyOptional({ example: 36.5012, description: 'WGS-84 latitude' }) lat?: number;
  @ApiPropertyOptional({ example: 115.9287, description: 'WGS-84 longitude' }) lng?: number;
  @ApiPropertyOptional() registeredAt?: string;
  @ApiPropertyOptional({ description: 'when it was last edited' }) updatedAt?: string;
}

export class PickupPointListView {
  @ApiProperty({ type: [PickupPointView] }) items: PickupPointView[];
}

/** A transfer received at a pickup point: what arrived and what was lost, in base units. */
export class PickupReceiptView {
  @ApiProperty() transferId: string;
  @ApiProperty() pickupPoint: string;
  @ApiProperty() warehouse: string;
  @ApiPropertyOptional({ description: 'the campaign the goods were sent for' }) campaignId?: string;
  @ApiProperty() sku: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ enum: ['received'] }) status: string;
  @ApiProperty({ example: 25000, description: 'base units sent' }) quantityBase: number;
  @ApiProperty({ example: 24500, description: 'base units that arrived' }) receivedBase: number;
  @ApiProperty({ type: [BatchQuantityView], description: 'lost in transit, per batch' }) lost: BatchQuantityView[];
  @ApiProperty() position: string;
}

export class UncollectedView {
  @ApiProperty() campaignId: string;
  @ApiProperty() title: string;
  @ApiProperty() sku: string;
  @ApiProperty({ description: 'business date (Asia/Shanghai)' }) pickupDate: string;
  @ApiProperty() pickupWarehouse: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: PickupBooksView }) pickup: PickupBooksView;
}

export class UncollectedListView {
  @ApiProperty({ type: [UncollectedView] }) items: UncollectedView[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BASE_UNIT_PROPERTY, BatchQuantityView, SaleUnitView } from '@gx/application';
import { DELIVERY_STATUSES, type BaseUnit } from '@gx/domain';

const BASE = 'base units (see baseUnit)';
const POSITION = 'log position; pass as ?after= to read your own write';

export class ContractLineView {
  @ApiProperty({ example: 'SKU-CABBAGE' }) sku: string;
  @ApiProperty({ example: '大白菜' }) name: string;
  @ApiProperty() category: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: SaleUnitView, description: 'the unit the price is for' }) saleUnit: SaleUnitView;
  @ApiProperty({ example: 260, description: 'fen per saleUnit' }) unitPriceFen: number;
  @ApiPropertyOptional({ description: `contracted total over the period, ${BASE}` }) limitBase?: number;
  @ApiProperty({ description: `drawn by deliveries, ${BASE}` }) drawnBase: number;
  @ApiProperty({ nullable: true, type: Number, description: `left of the contracted total, ${BASE} (null: no total)` })
  remainingBase: number | null;
}

export class ContractView {
  @ApiProperty({ example: 'CT-1a2b3c4d5e6f' }) contractId: string;
  @ApiProperty() kitchen: string;
  @ApiPropertyOptional({
    example: '聊城一中食堂',
    description: 'the kitchen’s name (absent for a kitchen that was never registered)',
  })
  kitchenName?: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'first day (Asia/Shanghai)' }) from: string;
  @ApiProperty({ description: 'last day (Asia/Shanghai)' }) to: string;
  @ApiProperty({ type: [ContractLineView] }) lines: ContractLineView[];
  @ApiProperty() createdBy: string;
  @ApiProperty() createdAt: string;
}

export class ContractCreatedView extends ContractView {
  @ApiProperty({ description: POSITION }) position: string;
}

export class ContractListView {
  @ApiProperty({ type: [ContractView] }) items: ContractView[];
}

export class StandingLineView {
  @ApiProperty() sku: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ example: 30000, description: BASE }) quantityBase: number;
}

export class NextDeliveryView {
  @ApiProperty({ example: '2026-12-02', description: 'delivery date (Asia/Shanghai)' }) date: string;
  @ApiProperty({ example: '2026-12-01T16:00:00+08:00', description: 'cut-off, Beijing time with its offset' })
  cutoffAt: string;
}

export class UpcomingDateView {
  @ApiProperty({ description: 'delivery date (Asia/Shanghai)' }) date: string;
  @ApiProperty({ description: 'cut-off, Beijing time with its offset' }) cutoffAt: string;
  @ApiProperty({ description: 'false once the cut-off has passed' }) open: boolean;
  @ApiProperty({ enum: ['scheduled', 'changed', 'skipped', 'paused'] }) status: string;
  @ApiProperty({ type: [StandingLineView] }) lines: StandingLineView[];
}

export class StandingOrderView {
  @ApiProperty({ example: 'SO-1a2b3c4d5e6f' }) standingOrderId: string;
  @ApiProperty() kitchen: string;
  @ApiPropertyOptional({
    example: '聊城一中食堂',
    description: 'the kitchen’s name (absent for a kitchen that was never registered)',
  })
  kitchenName?: string;
  @ApiProperty() contractId: string;
  @ApiProperty() warehouse: string;
  @ApiProperty() address: string;
  @ApiProperty({ type: [StandingLineView] }) lines: StandingLineView[];
  @ApiProperty({ type: Object, description: '{ kind: "weekdays", weekdays } or { kind: "rrule", rrule }' })
  schedule: object;
  @ApiProperty() startDate: string;
  @ApiProperty() endDate: string;
  @ApiProperty({ type: Object, description: '{ daysBefore, time } (Asia/Shanghai)' }) cutoff: object;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty({ type: [String] }) skipped: string[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/StandingLineView' } },
    description: 'lines of changed dates, by date',
  })
  changes: Record<string, StandingLineView[]>;
  @ApiProperty({ type: [Object], description: '{ from, until } date ranges' }) pauses: object[];
  @ApiProperty({ description: 'the last date deliveries were generated for' }) cursor: string;
  @ApiProperty({ type: NextDeliveryView, nullable: true }) next: NextDeliveryView | null;
  @ApiProperty({ type: Object, nullable: true }) lastDelivery: object | null;
  @ApiProperty({ type: [String] }) lapsed: string[];
  @ApiProperty() placedBy: string;
  @ApiProperty() placedAt: string;
  @ApiPropertyOptional({ type: [UpcomingDateView], description: 'the coming delivery dates (GET of one order)' })
  upcoming?: UpcomingDateView[];
}

export class StandingOrderListView {
  @ApiProperty({ type: [StandingOrderView] }) items: StandingOrderView[];
}

export class StandingOrderChangedView {
  @ApiProperty() standingOrderId: string;
  @ApiProperty({ enum: ['active', 'ended'] }) status: string;
  @ApiProperty({ type: NextDeliveryView, nullable: true }) next: NextDeliveryView | null;
  @ApiPropertyOptional({ description: 'first delivery date (placing)' }) startDate?: string;
  @ApiPropertyOptional({ description: 'last delivery date (placing)' }) endDate?: string;
  @ApiProperty({ description: POSITION }) position: string;
}

export class SubstituteView {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: `available at the warehouse when proposed, ${BASE}` }) availableBase: number;
  @ApiProperty({ description: `proposed quantity, ${BASE}` }) quantityBase: number;
  @ApiProperty() onContract: boolean;
  @ApiPropertyOptional({ type: SaleUnitView }) saleUnit?: SaleUnitView;
  @ApiPropertyOptional({ description: 'fen per saleUnit (on the contract)' }) unitPriceFen?: number;
}

export class ShortageView {
  @ApiProperty({ description: BASE }) quantityBase: number;
  @ApiProperty({ enum: ['stock', 'contract'] }) reason: string;
  @ApiProperty({ type: SubstituteView, nullable: true }) substitute: SubstituteView | null;
  @ApiProperty({ enum: ['open', 'substituted', 'dismissed', 'shipped_short'] }) status: string;
  @ApiPropertyOptional() resolvedBy?: string;
  @ApiPropertyOptional() note?: string;
}

export class LineIssueView {
  @ApiProperty({ enum: ['issued', 'blocked'] }) status: string;
  @ApiPropertyOptional({ type: [BatchQuantityView] }) picks?: BatchQuantityView[];
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() reason?: string;
}

/** A batch that supplied a line: its producer, origin and whether its county was designated when issued. */
export class BatchSourceView {
  @ApiProperty() batchId: string;
  @ApiProperty({ description: BASE }) quantityBase: number;
  @ApiProperty() producer: string;
  @ApiProperty() producerName: string;
  @ApiProperty() county: string;
  @ApiProperty() village: string;
  @ApiProperty({ description: 'harvest date (Asia/Shanghai)' }) harvestDate: string;
  @ApiProperty() grade: string;
  @ApiProperty({ description: 'the county was a designated poverty-alleviation county when the batch was issued' })
  designated: boolean;
}

/** A delivery line: ordered vs granted vs reserved vs dispatched vs received, all in base units. */
export class DeliveryLineView {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: SaleUnitView, description: 'the unit the contract price is for' }) saleUnit: SaleUnitView;
  @ApiProperty({ example: 260, description: 'fen per saleUnit' }) unitPriceFen: number;
  @ApiProperty({ example: 20000, description: BASE }) orderedBase: number;
  @ApiPropertyOptional({ description: 'the SKU whose shortage this line makes up' }) substituteFor?: string;
  @ApiPropertyOptional({ enum: ['accepted', 'refused'], description: 'the purchaser’s answer to a substitute line' })
  kitchenDecision?: string;
  @ApiPropertyOptional({ type: [BatchSourceView], description: 'the batches the line was issued from' })
  sources?: BatchSourceView[];
  @ApiPropertyOptional({ description: BASE }) grantedBase?: number;
  @ApiPropertyOptional({ description: BASE }) reservedBase?: number;
  @ApiPropertyOptional({ type: ShortageView }) shortage?: ShortageView;
  @ApiPropertyOptional({ description: BASE }) dispatchedBase?: number;
  @ApiPropertyOptional({ type: LineIssueView }) issue?: LineIssueView;
  @ApiPropertyOptional({ description: BASE }) receivedBase?: number;
  @ApiPropertyOptional({ description: BASE }) damagedBase?: number;
  @ApiPropertyOptional({ description: `refused for quality, ${BASE}` }) qualityBase?: number;
  @ApiPropertyOptional({ description: `dispatched but neither received nor damaged, ${BASE}` }) missingBase?: number;
}

export class ClaimView {
  @ApiProperty() sku: string;
  @ApiProperty({ enum: ['shortage', 'damage', 'quality', 'substitute_refused'] }) kind: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: BASE }) quantityBase: number;
  @ApiProperty({ description: 'fen, at the line’s contract price' }) amountFen: number;
  @ApiPropertyOptional() deliveryId?: string;
  @ApiPropertyOptional() date?: string;
}

export class DeliveryView {
  @ApiProperty({ example: 'DL-1a2b3c4d5e6f' }) deliveryId: string;
  @ApiProperty() standingOrderId: string;
  @ApiProperty() contractId: string;
  @ApiProperty() kitchen: string;
  @ApiPropertyOptional({
    example: '聊城一中食堂',
    description: 'the kitchen’s name (absent for a kitchen that was never registered)',
  })
  kitchenName?: string;
  @ApiProperty() warehouse: string;
  @ApiProperty() address: string;
  @ApiProperty({ description: 'delivery date (Asia/Shanghai)' }) date: string;
  @ApiProperty({ description: 'business month of the date (YYYY-MM)' }) month: string;
  @ApiProperty({ description: 'cut-off, Beijing time with its offset' }) cutoffAt: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty({ description: 'shortage flags nobody answered yet' }) openShortages: number;
  @ApiProperty({ type: [DeliveryLineView] }) lines: DeliveryLineView[];
  @ApiProperty({ type: [ClaimView] }) claims: ClaimView[];
  @ApiProperty({ description: 'fen: value dispatched at contract prices' }) grossFen: number;
  @ApiProperty() claimsTotalFen: number;
  @ApiProperty({ description: 'fen owed for the delivery: gross − claims' }) amountFen: number;
  @ApiProperty() createdAt: string;
  @ApiPropertyOptional() dispatchedAt?: string;
  @ApiPropertyOptional() dispatchedBy?: string;
  @ApiPropertyOptional() receivedAt?: string;
  @ApiPropertyOptional() receivedBy?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() cancelledAt?: string;
  @ApiPropertyOptional() cancelledBy?: string;
  @ApiPropertyOptional() cancelReason?: string;
}

export class DeliveryListView {
  @ApiProperty({ type: [DeliveryView] }) items: DeliveryView[];
}

export class DeliveryChangedView {
  @ApiProperty() deliveryId: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiPropertyOptional({ description: 'fen (dispatch and receipt)' }) grossFen?: number;
  @ApiPropertyOptional({ description: 'fen (receipt)' }) claimsTotalFen?: number;
  @ApiPropertyOptional({ description: 'fen owed (receipt)' }) amountFen?: number;
  @ApiPropertyOptional({ type: [ClaimView] }) claims?: ClaimView[];
  @ApiProperty({ description: POSITION }) position: string;
}

/** The 832 figure: the part of an amount bought from designated poverty-alleviation counties. */
export class DesignatedShareView {
  @ApiProperty({ example: 4_200, description: 'fen of the amount from designated counties' }) designatedFen: number;
  @ApiProperty({
    example: 0.42,
    nullable: true,
    type: Number,
    description: 'designatedFen ÷ amount; null when nothing was bought',
  })
  share: number | null;
  @ApiProperty({ example: 0.1, description: 'the least share budget-funded canteens must report' }) target: number;
  @ApiProperty({ example: true }) meetsTarget: boolean;
}

export class StatementLineView {
  @ApiProperty() sku: string;
  @ApiProperty() name: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty() unitPriceFen: number;
  @ApiProperty() orderedBase: number;
  @ApiProperty() dispatchedBase: number;
  @ApiProperty() receivedBase: number;
  @ApiProperty() damagedBase: number;
  @ApiProperty() missingBase: number;
  @ApiProperty({ description: `refused for quality, ${BASE}` }) qualityBase: number;
  @ApiPropertyOptional() substituteFor?: string;
  @ApiPropertyOptional({ enum: ['accepted', 'refused'] }) kitchenDecision?: string;
  @ApiProperty({ description: 'fen of the line bought from designated counties' }) designatedFen: number;
}

export class StatementDeliveryView {
  @ApiProperty() deliveryId: string;
  @ApiProperty() date: string;
  @ApiProperty() standingOrderId: string;
  @ApiProperty({ type: [StatementLineView] }) lines: StatementLineView[];
  @ApiProperty() grossFen: number;
  @ApiProperty() claimsTotalFen: number;
  @ApiProperty() amountFen: number;
}

export class PendingDeliveryView {
  @ApiProperty() deliveryId: string;
  @ApiProperty() date: string;
  @ApiProperty() status: string;
}

export class StatementTotalsView {
  @ApiProperty() deliveries: number;
  @ApiProperty() grossFen: number;
  @ApiProperty() claimsFen: number;
  @ApiProperty() amountFen: number;
}

export class StatementPaymentView {
  @ApiProperty() reference: string;
  @ApiProperty() amountFen: number;
  @ApiProperty({ enum: ['bank_transfer'] }) method: string;
  @ApiProperty() paidOn: string;
  @ApiProperty() recordedBy: string;
  @ApiProperty() recordedAt: string;
}

export class StatementView {
  @ApiProperty() kitchen: string;
  @ApiPropertyOptional({
    example: '聊城一中食堂',
    description: 'the kitchen’s name (absent for a kitchen that was never registered)',
  })
  kitchenName?: string;
  @ApiProperty({ example: '2026-12', description: 'business month (Asia/Shanghai delivery dates)' }) month: string;
  @ApiProperty({ enum: ['open', 'unpaid', 'partially_paid', 'paid'] }) status: string;
  @ApiProperty({ type: [StatementDeliveryView], description: 'received deliveries (billed)' })
  deliveries: StatementDeliveryView[];
  @ApiProperty({ type: [PendingDeliveryView], description: 'not yet received (not billed)' })
  pending: PendingDeliveryView[];
  @ApiProperty({ type: [ClaimView] }) claims: ClaimView[];
  @ApiProperty({ type: StatementTotalsView }) totals: StatementTotalsView;
  @ApiProperty({ type: [StatementPaymentView] }) payments: StatementPaymentView[];
  @ApiProperty() paidFen: number;
  @ApiProperty() unpaidFen: number;
  @ApiProperty({ description: 'paid beyond the amount' }) creditFen: number;
  @ApiProperty({
    type: DesignatedShareView,
    description: 'the 832 figure: the part of the amount bought from designated counties',
  })
  designated: DesignatedShareView;
}

export class StatementPaidView {
  @ApiProperty() kitchen: string;
  @ApiProperty() month: string;
  @ApiProperty({ description: 'fen paid against the statement so far' }) paidFen: number;
  @ApiProperty({ description: POSITION }) position: string;
}

/** What an operator's run of a cut-off did. */
export class CutoffRunView {
  @ApiProperty({ example: 'SO-1a2b3c4d5e6f' }) standingOrderId: string;
  @ApiProperty({ example: '2026-12-04', description: 'the delivery date whose cut-off ran' }) date: string;
  @ApiProperty({ example: 'SO-1a2b3c4d5e6f-20261204', nullable: true, type: String }) deliveryId: string | null;
  @ApiProperty({
    enum: ['generated', 'lapsed', 'already_handled'],
    description: 'lapsed: the date itself had passed, nothing is delivered',
  })
  outcome: 'generated' | 'lapsed' | 'already_handled';
  @ApiProperty({ type: NextDeliveryView, nullable: true, description: 'the next pending date and its cut-off' })
  next: NextDeliveryView | null;
  @ApiProperty({ description: POSITION }) position: string;
}

export class SpendingMonthView extends DesignatedShareView {
  @ApiProperty({ example: '2026-12' }) month: string;
  @ApiProperty({ example: 12 }) deliveries: number;
  @ApiProperty({ example: 10_000, description: 'fen billed (received deliveries, after claims)' }) amountFen: number;
}

export class SpendingSkuView {
  @ApiProperty({ example: 'SKU-CABBAGE' }) sku: string;
  @ApiProperty({ example: '大白菜' }) name: string;
  @ApiProperty({ example: 8_340, description: 'fen billed over the period' }) amountFen: number;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ example: 29_000, description: 'base units accepted over the period' }) receivedBase: number;
  @ApiProperty({ type: SaleUnitView, description: 'the unit the contract prices the SKU in' }) saleUnit: SaleUnitView;
}

export class SpendingTotalView extends DesignatedShareView {
  @ApiProperty({ example: 10_000, description: 'fen billed over the period' }) amountFen: number;
}

/** A kitchen's spending by month and by SKU, with the designated-county share. */
export class SpendingView {
  @ApiProperty({ example: 'KITCHEN-LC-01' }) kitchen: string;
  @ApiPropertyOptional({
    example: '聊城一中食堂',
    description: 'the kitchen’s name (absent for a kitchen that was never registered)',
  })
  kitchenName?: string;
  @ApiProperty({ example: '2026-07' }) from: string;
  @ApiProperty({ example: '2026-12' }) to: string;
  @ApiProperty({ type: [SpendingMonthView] }) months: SpendingMonthView[];
  @ApiProperty({ type: [SpendingSkuView] }) bySku: SpendingSkuView[];
  @ApiProperty({ type: SpendingTotalView }) total: SpendingTotalView;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BASE_UNIT_PROPERTY, BatchQuantityView, SaleUnitView } from '@gx/application';
import { type BaseUnit } from '@gx/domain';

const BASE = 'base units (see baseUnit)';
const POSITION = 'log position; pass as ?after= to read your own write';

export class WarehouseView {
  @ApiProperty({ example: 'LC-HUB-DCF' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty() county: string;
  @ApiPropertyOptional() registeredAt?: string;
}
export class WarehouseCreatedView extends WarehouseView {
  @ApiProperty({ description: POSITION }) position: string;
}
export class WarehouseListView {
  @ApiProperty({ type: [WarehouseView] }) items: WarehouseView[];
}

export class SkuView {
  @ApiProperty({ example: 'SKU-PEAR-GX' }) code: string;
  @ApiProperty() name: string;
  @ApiProperty() category: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: [SaleUnitView] }) saleUnits: SaleUnitView[];
  @ApiProperty() shelfLifeDays: number;
  @ApiProperty({ enum: ['ambient', 'chilled', 'frozen'] }) storage: string;
  @ApiProperty({ description: 'the regional brand 聊·胜一筹' }) regionalBrand: boolean;
  @ApiProperty({ example: 600, description: 'cost: fen per costPerBase base units' }) costFen: number;
  @ApiProperty({ example: 1000 }) costPerBase: number;
  @ApiPropertyOptional() defaultOrigin?: string;
  @ApiPropertyOptional() registeredAt?: string;
}
export class SkuCreatedView extends SkuView {
  @ApiProperty({ description: POSITION }) position: string;
}
export class SkuListView {
  @ApiProperty({ type: [SkuView] }) items: SkuView[];
}

export class ProducerView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() kind: string;
  @ApiProperty() county: string;
  @ApiPropertyOptional() registeredAt?: string;
}
export class ProducerCreatedView extends ProducerView {
  @ApiProperty({ description: POSITION }) position: string;
}
export class ProducerListView {
  @ApiProperty({ type: [ProducerView] }) items: ProducerView[];
}

export class PickupPointView {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() warehouse: string;
  @ApiProperty({ description: 'opening hours, Asia/Shanghai' }) hours: string;
  @ApiPropertyOptional({ description: 'street address (absent on points registered before addresses were kept)' })
  address?: string;
  @ApiPropertyOptional({ description: 'WGS-84 latitude' }) lat?: number;
  @ApiPropertyOptional({ description: 'WGS-84 longitude' }) lng?: number;
  @ApiPropertyOptional() registeredAt?: string;
  @ApiPropertyOptional({ description: 'when it was last edited' }) updatedAt?: string;
}
export class PickupPointCreatedView extends PickupPointView {
  @ApiProperty({ description: POSITION }) position: string;
}
export class PickupPointListView {
  @ApiProperty({ type: [PickupPointView] }) items: PickupPointView[];
}

export class ReceiptView {
  @ApiProperty({ example: 'B-20261120-1a2b3c4d5e6f' }) batchId: string;
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: BASE }) quantityBase: number;
  @ApiProperty({ description: 'business date (Asia/Shanghai)' }) expiryDate: string;
  @ApiProperty({ description: POSITION }) position: string;
}

export class InspectionView {
  @ApiProperty({ enum: ['pass', 'fail', 'pending'] }) result: string;
  @ApiPropertyOptional() testId?: string;
}

export class BatchView {
  @ApiProperty() batchId: string;
  @ApiProperty() producer: string;
  @ApiProperty({ type: Object, description: '{ village, plot? }' }) origin: object;
  @ApiProperty() harvestDate: string;
  @ApiProperty() expiryDate: string;
  @ApiProperty() grade: string;
  @ApiProperty({ type: InspectionView }) inspection: InspectionView;
  @ApiProperty({ description: 'fen per costPerBase base units' }) costFen: number;
  @ApiProperty() costPerBase: number;
  @ApiProperty({ description: BASE }) onHandBase: number;
  @ApiProperty({ description: BASE }) allocatedBase: number;
  @ApiProperty() receivedAt: string;
  @ApiPropertyOptional({ description: `on hand and not allocated, ${BASE}` }) freeBase?: number;
  @ApiPropertyOptional({ description: 'sellable today (inspection passed, not expired)' }) sellable?: boolean;
}

export class HoldView {
  @ApiProperty() holder: string;
  @ApiProperty({ enum: ['order', 'campaign', 'lot', 'delivery', 'other'] }) holderKind: string;
  @ApiProperty({ description: `reserved, ${BASE}` }) quantityBase: number;
  @ApiProperty({ type: [BatchQuantityView], description: 'allocated per batch' }) picks: BatchQuantityView[];
  @ApiProperty() since: string;
}

export class StockLevelView {
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: BASE }) onHandBase: number;
  @ApiProperty({ description: `reserved, not yet allocated, ${BASE}` }) reservedBase: number;
  @ApiProperty({ description: `allocated to holders, still on hand, ${BASE}` }) allocatedBase: number;
  @ApiProperty({ description: `free and sellable today, ${BASE}` }) availableBase: number;
  @ApiProperty({ description: `on hand but not sellable today, ${BASE}` }) unsellableBase: number;
  @ApiProperty({ type: [BatchView] }) batches: BatchView[];
  @ApiProperty({ type: [HoldView] }) reservations: HoldView[];
  @ApiProperty() updatedAt: string;
}
export class StockLevelListView {
  @ApiProperty({ type: [StockLevelView] }) items: StockLevelView[];
}

export class HistoryBatchView {
  @ApiProperty() batchId: string;
  @ApiProperty() onHandBase: number;
  @ApiProperty() allocatedBase: number;
  @ApiProperty() expiryDate: string;
}
export class HistoryPositionView {
  @ApiProperty() onHandBase: number;
  @ApiProperty() reservedBase: number;
  @ApiProperty() allocatedBase: number;
  @ApiProperty() availableBase: number;
  @ApiProperty({ type: [HistoryBatchView] }) batches: HistoryBatchView[];
  @ApiProperty({ type: [HoldView] }) reservations: HoldView[];
}
export class HistoryEntryView {
  @ApiProperty() position: string;
  @ApiProperty() revision: number;
  @ApiProperty() at: string;
  @ApiProperty({ example: 'StockReceived', description: 'the kind of movement' }) type: string;
  @ApiProperty() actor: string;
  @ApiProperty() correlationId: string;
  @ApiProperty({ description: BASE }) onHandDeltaBase: number;
  @ApiProperty({ description: BASE }) reservedDeltaBase: number;
  @ApiProperty({ description: BASE }) allocatedDeltaBase: number;
  @ApiProperty({ description: `on hand after it, ${BASE}` }) onHandBase: number;
  @ApiPropertyOptional() batchId?: string;
  @ApiPropertyOptional() holder?: string;
  @ApiPropertyOptional() transferId?: string;
  @ApiPropertyOptional() reason?: string;
}
export class StockHistoryView {
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: String, nullable: true, description: 'Beijing time with its offset; null: now' }) asOf:
    string | null;
  @ApiProperty({ type: HistoryPositionView }) position: HistoryPositionView;
  @ApiProperty({ type: [HistoryEntryView] }) entries: HistoryEntryView[];
}

export class WriteOffView {
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty() batchId: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: BASE }) quantityBase: number;
  @ApiProperty() reason: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ description: 'value written off at the batch’s cost, fen' }) valueFen: number;
  @ApiProperty({ description: POSITION }) position: string;
}

export class InspectionClearedView {
  @ApiProperty() batchId: string;
  @ApiProperty({ type: InspectionView }) inspection: InspectionView;
  @ApiProperty({ description: POSITION }) position: string;
}

export class MovementView {
  @ApiProperty() position: string;
  @ApiProperty() at: string;
  @ApiProperty() actor: string;
  @ApiProperty() warehouse: string;
  @ApiProperty({ example: 'StockTransferredOut', description: 'the kind of movement' }) type: string;
  @ApiProperty({ description: `change of on-hand at the warehouse, ${BASE}` }) quantityBase: number;
  @ApiPropertyOptional({ description: BASE }) allocatedBase?: number;
  @ApiPropertyOptional({ description: `lost in transit, ${BASE}` }) lostBase?: number;
  @ApiPropertyOptional({ type: InspectionView }) inspection?: InspectionView;
  @ApiPropertyOptional() holder?: string;
  @ApiPropertyOptional() transferId?: string;
  @ApiPropertyOptional() to?: string;
  @ApiPropertyOptional() from?: string;
  @ApiPropertyOptional() reason?: string;
}
export class BatchTraceView {
  @ApiProperty() batchId: string;
  @ApiProperty() sku: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty() producer: string;
  @ApiProperty({ type: Object, description: '{ village, plot? }' }) origin: object;
  @ApiProperty() harvestDate: string;
  @ApiProperty() expiryDate: string;
  @ApiProperty() grade: string;
  @ApiProperty({ type: InspectionView, description: 'the latest inspection' }) inspection: InspectionView;
  @ApiProperty({ type: [MovementView] }) movements: MovementView[];
}

export class ExpiringBatchView extends BatchView {
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty() expired: boolean;
  @ApiProperty({ description: 'days to expiry (negative: expired), Beijing dates' }) daysLeft: number;
}
export class ExpiringListView {
  @ApiProperty({ type: [ExpiringBatchView] }) items: ExpiringBatchView[];
}

export class StuckHoldView extends HoldView {
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: BASE }) allocatedBase: number;
  @ApiProperty() ageHours: number;
}
export class StuckHoldListView {
  @ApiProperty({ type: [StuckHoldView] }) items: StuckHoldView[];
}

export class TransferView {
  @ApiProperty({ example: 'T-1a2b3c4d5e6f' }) transferId: string;
  @ApiProperty() sku: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiPropertyOptional({ description: 'the hold the goods were sent for (a campaign…)' }) holder?: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: `sent, ${BASE}` }) quantityBase: number;
  @ApiProperty({ type: [BatchQuantityView], description: 'sent per batch' }) picks: BatchQuantityView[];
  @ApiProperty({ enum: ['in_transit', 'received'] }) status: string;
  @ApiProperty() sentAt: string;
  @ApiPropertyOptional() receivedAt?: string;
  @ApiPropertyOptional({ description: `arrived, ${BASE}` }) receivedBase?: number;
  @ApiPropertyOptional({ type: [BatchQuantityView], description: 'lost in transit per batch' })
  lost?: BatchQuantityView[];
}
export class TransferMovedView extends TransferView {
  @ApiProperty({ description: POSITION }) position: string;
}
export class TransferListView {
  @ApiProperty({ type: [TransferView] }) items: TransferView[];
}

export class HoldMovedView {
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty() holder: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiPropertyOptional({ enum: ['order', 'other'] }) holderKind?: string;
  @ApiPropertyOptional({ description: `reserved, ${BASE}` }) quantityBase?: number;
  @ApiPropertyOptional({ description: `released, ${BASE}` }) releasedBase?: number;
  @ApiPropertyOptional({ description: `allocated, ${BASE}` }) allocatedBase?: number;
  @ApiPropertyOptional({ description: `issued, ${BASE}` }) issuedBase?: number;
  @ApiPropertyOptional({ type: [BatchQuantityView], description: 'per batch' }) picks?: BatchQuantityView[];
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: POSITION }) position: string;
}

export class CountChangedView {
  @ApiProperty() countId: string;
  @ApiPropertyOptional() status?: string;
  @ApiPropertyOptional({ type: [String] }) skus?: string[];
  @ApiPropertyOptional({ description: 'lines recorded' }) recorded?: number;
  @ApiPropertyOptional({ type: [String] }) approvers?: string[];
  @ApiProperty({ description: POSITION }) position: string;
}

export class CountApprovalView {
  @ApiProperty() by: string;
  @ApiProperty() at: string;
}

export class CountAdjustmentView {
  @ApiProperty({
    enum: ['none', 'pending', 'posted', 'blocked'],
    description: 'none needed, waiting for the ledger, posted, or refused by it',
  })
  status: string;
  @ApiProperty({ description: `change of on-hand posted (counted − book), ${BASE}` }) deltaBase: number;
  @ApiProperty({ description: 'value of the change at the batch’s cost, fen (signed)' }) valueFen: number;
  @ApiPropertyOptional({ description: 'why the ledger refused it (blocked)' }) code?: string;
  @ApiPropertyOptional() reason?: string;
}

export class CountLineView {
  @ApiProperty() sku: string;
  @ApiProperty() batchId: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ description: `found, ${BASE}` }) countedBase: number;
  @ApiPropertyOptional({ description: `on the book when the line was counted, ${BASE}; once submitted` })
  bookBase?: number;
  @ApiPropertyOptional({ description: `counted − book, ${BASE}; once submitted` }) varianceBase?: number;
  @ApiPropertyOptional({ description: 'the variance at the batch’s cost, fen (signed); once submitted' })
  varianceValueFen?: number;
  @ApiPropertyOptional({ description: 'the batch’s cost: fen per costPerBase base units; once submitted' })
  costFen?: number;
  @ApiPropertyOptional() costPerBase?: number;
  @ApiProperty() countedBy: string;
  @ApiProperty() countedAt: string;
  @ApiPropertyOptional({ type: CountAdjustmentView, description: 'once approved' }) adjustment?: CountAdjustmentView;
}

export class CountTotalsView {
  @ApiProperty({ description: 'lines counted' }) lines: number;
  @ApiPropertyOptional({
    ...BASE_UNIT_PROPERTY,
    description: 'only when every SKU of the count has this base unit (quantities of grams and pieces do not add up)',
  })
  baseUnit?: BaseUnit;
  @ApiPropertyOptional({ description: `with baseUnit, ${BASE}` }) countedBase?: number;
  @ApiPropertyOptional({ description: `with baseUnit, once submitted, ${BASE}` }) bookBase?: number;
  @ApiPropertyOptional({ description: `with baseUnit, once submitted, ${BASE}` }) varianceBase?: number;
  @ApiPropertyOptional({ description: 'gains at cost, fen; once submitted' }) gainValueFen?: number;
  @ApiPropertyOptional({ description: 'losses at cost, fen (positive); once submitted' }) lossValueFen?: number;
  @ApiPropertyOptional({ description: 'gains − losses, fen; once submitted' }) netValueFen?: number;
  @ApiPropertyOptional({
    description: 'gains + losses, fen (what the second-approval threshold compares); once submitted',
  })
  absoluteValueFen?: number;
}

export class CountAdjustmentTallyView {
  @ApiProperty() pending: number;
  @ApiProperty() posted: number;
  @ApiProperty() blocked: number;
}

export class CountSummaryView {
  @ApiProperty() countId: string;
  @ApiProperty() warehouse: string;
  @ApiProperty({ type: [String] }) skus: string[];
  @ApiProperty({ enum: ['open', 'submitted', 'approval_pending', 'approved', 'cancelled'] }) status: string;
  @ApiProperty() openedBy: string;
  @ApiProperty() openedAt: string;
  @ApiPropertyOptional() submittedBy?: string;
  @ApiPropertyOptional() submittedAt?: string;
  @ApiProperty({ type: [CountApprovalView] }) approvals: CountApprovalView[];
  @ApiPropertyOptional() approvedAt?: string;
  @ApiPropertyOptional() cancelledBy?: string;
  @ApiPropertyOptional() cancelledAt?: string;
  @ApiPropertyOptional() cancelReason?: string;
  @ApiProperty({ type: CountTotalsView, description: 'blind while open: lines and counted only' })
  totals: CountTotalsView;
  @ApiProperty({ type: CountAdjustmentTallyView, description: 'approved adjustments pending, posted and blocked' })
  adjustments: CountAdjustmentTallyView;
  @ApiProperty() updatedAt: string;
}
export class CountView extends CountSummaryView {
  @ApiProperty({
    type: [CountLineView],
    description: 'counted lines; book, variance, cost and values once submitted (blind while open)',
  })
  lines: CountLineView[];
}
export class CountListView {
  @ApiProperty({ type: [CountSummaryView], description: 'newest first, without lines' }) items: CountSummaryView[];
}

export class QuantityValueView {
  @ApiPropertyOptional({ description: `${BASE}; absent in totals over SKUs of different base units` })
  quantityBase?: number;
  @ApiProperty({ description: 'at cost, fen' }) valueFen: number;
}

export class VarianceFiguresView {
  @ApiProperty({ type: QuantityValueView }) received: QuantityValueView;
  @ApiProperty({
    type: QuantityValueView,
    description: 'arrived by transfer (counts as received for the shrinkage rate)',
  })
  transferredIn: QuantityValueView;
  @ApiProperty({ type: QuantityValueView, description: 'sent here but never arrived' })
  lostInTransit: QuantityValueView;
  @ApiProperty({ type: QuantityValueView }) writtenOff: QuantityValueView;
  @ApiProperty({ type: QuantityValueView }) countGain: QuantityValueView;
  @ApiProperty({ type: QuantityValueView, description: 'what counts found missing (positive)' })
  countLoss: QuantityValueView;
  @ApiProperty({ type: QuantityValueView, description: 'net of adjustments for other reasons (signed)' })
  otherAdjustments: QuantityValueView;
  @ApiProperty({ description: 'written off + lost in transit + count loss − count gain, fen' })
  shrinkageValueFen: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'shrinkageValueFen / value received and transferred in; null when nothing came in',
  })
  shrinkageRate: number | null;
}

export class VarianceRowView extends VarianceFiguresView {
  @ApiProperty() warehouse: string;
  @ApiProperty() sku: string;
  @ApiProperty({ example: '2026-12', description: 'business month (Asia/Shanghai)' }) month: string;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty() updatedAt: string;
}

export class VarianceTotalsView extends VarianceFiguresView {
  @ApiPropertyOptional({
    ...BASE_UNIT_PROPERTY,
    description: 'only when every row has this base unit; otherwise figures carry valueFen only',
  })
  baseUnit?: BaseUnit;
}

export class VarianceReportView {
  @ApiProperty({ type: [VarianceRowView], description: 'per warehouse, SKU and business month' })
  rows: VarianceRowView[];
  @ApiProperty({ type: VarianceTotalsView, description: 'the sums of the rows' }) totals: VarianceTotalsView;
}

export class IntegrityProjectionView {
  @ApiProperty() projection: string;
  @ApiProperty({ type: String, nullable: true }) upTo: string | null;
  @ApiProperty({ type: Number, nullable: true }) documents: number | null;
  @ApiProperty({ type: Number, nullable: true }) disagreements: number | null;
  @ApiProperty() lagging: boolean;
}
export class IntegrityView {
  @ApiProperty() checkedAt: string;
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: [IntegrityProjectionView] }) projections: IntegrityProjectionView[];
  @ApiProperty() disagreementCount: number;
  @ApiProperty({ type: [Object], description: 'the first disagreements: collection, id, stored vs expected' })
  disagreements: object[];
}

export class SubscriberStatusView {
  @ApiProperty({ enum: ['projection', 'process-manager'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: 'running' }) state: string;
  @ApiProperty({ description: 'a worker holds the lease and runs it' }) running: boolean;
  @ApiPropertyOptional() owner?: string;
  @ApiPropertyOptional() leaseExpiresAt?: string;
  @ApiPropertyOptional() generation?: number;
  @ApiProperty({ type: String, nullable: true }) checkpoint: string | null;
  @ApiProperty() head: string;
  @ApiProperty({ description: 'head − checkpoint, in log positions' }) lag: number;
  @ApiPropertyOptional({ type: Object, description: 'the event it is stuck on' }) failing?: object;
  @ApiProperty({ type: [Object] }) parked: object[];
  @ApiPropertyOptional() version?: number;
  @ApiPropertyOptional({ type: Object }) lastRebuild?: object;
}
export class SubscriberListView {
  @ApiProperty({ type: [SubscriberStatusView] }) items: SubscriberStatusView[];
}

export class RebuildRequestView {
  @ApiProperty() name: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty({ enum: ['requested', 'running', 'done', 'failed'] }) state: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiPropertyOptional() error?: string;
}

export class SubscriberActionView {
  @ApiProperty({ enum: ['projection', 'process-manager'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Object, description: 'the event retried or parked: position, eventId, type, streamId, error' })
  event: object;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ description: POSITION }) position: string;
}

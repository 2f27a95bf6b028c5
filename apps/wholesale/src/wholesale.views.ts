import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { BASE_UNIT_PROPERTY, BatchQuantityView, SaleUnitView, type BaseUnit } from '@gx/application';
import { ProblemView } from '@gx/platform';

const POSITION = 'log position; pass as ?after= to read your own write';
const PER_UNIT = 'fen per sale unit (the lot’s `saleUnit`)';
const BUSINESS_TIME = 'Beijing time with its offset (+08:00)';

export class PublicBidView {
  @ApiProperty({ example: '买家**02', description: 'masked bidder' }) alias: string;
  @ApiProperty({ example: 3100, description: PER_UNIT }) pricePerUnitFen: number;
  @ApiProperty({ description: 'placed by the bidder’s proxy' }) proxy: boolean;
  @ApiProperty({ example: '2026-11-28T10:15:00+08:00', description: BUSINESS_TIME }) at: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators: the bidder’s buyer id' }) buyerId?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators: the bidder’s name' }) buyerName?:
    string | null;
}

export class LotOutcomeView {
  @ApiProperty({ description: BUSINESS_TIME }) closedAt: string;
  @ApiPropertyOptional({ description: 'masked winner' }) winner?: string;
  @ApiPropertyOptional({ description: `the clearing price, ${PER_UNIT}` }) pricePerUnitFen?: number;
  @ApiPropertyOptional({ description: 'fen: the clearing price times units' }) amountFen?: number;
  @ApiPropertyOptional({ enum: ['no_bids', 'reserve_not_met'] }) reason?: string;
  @ApiPropertyOptional({ type: Object, description: 'a withdrawn lot: { reason }' }) withdrawn?: { reason: string };
  @ApiPropertyOptional({ description: 'operators: who closed the lot early or withdrew it' }) by?: string;
  @ApiPropertyOptional({ description: 'operators and the winner' }) saleId?: string;
  @ApiPropertyOptional({ description: 'operators' }) buyerId?: string;
}

export class OwnStandingView {
  @ApiProperty() alias: string;
  @ApiProperty({ enum: ['leading', 'outbid', 'won', 'lost'] }) standing: string;
  @ApiPropertyOptional({ description: `your hidden maximum, ${PER_UNIT}` }) maxPricePerUnitFen?: number;
  @ApiPropertyOptional({ description: `the last price bid for you, ${PER_UNIT}` }) lastPricePerUnitFen?: number;
}

/** One bidder of a lot, for operators. */
export class LotBidderView {
  @ApiProperty({ example: '买家**01' }) alias: string;
  @ApiProperty() buyerId: string;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
}

/** A lot: its quantity in base units (`quantityBase`, see `baseUnit`) and in `units` of `saleUnit`; prices in fen per sale unit. */
export class LotView {
  @ApiProperty({ example: 'LOT-1a2b3c4d5e6f' }) lotId: string;
  @ApiProperty() sku: string;
  @ApiProperty() skuName: string;
  @ApiProperty() warehouse: string;
  @ApiProperty({
    type: Object,
    description:
      'the batch: batchId, producer (its code), producerName (GET /lots/{id} only, when the catalog has the producer), origin, harvestDate, expiryDate, grade, inspection',
  })
  batch: object;
  @ApiProperty({ example: 500000, description: 'the lot in base units (see baseUnit)' }) quantityBase: number;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: SaleUnitView, description: 'the trading unit: prices are per it, `units` count it' })
  saleUnit: SaleUnitView;
  @ApiProperty({ example: 100, description: 'whole sale units in the lot' }) units: number;
  @ApiProperty({ example: 3000, description: PER_UNIT }) startPriceFen: number;
  @ApiPropertyOptional({ description: `${PER_UNIT} (operators only)` }) reservePriceFen?: number;
  @ApiProperty({ example: 100, description: PER_UNIT }) incrementFen: number;
  @ApiProperty({ example: '2026-11-28T09:00:00+08:00', description: BUSINESS_TIME }) opensAt: string;
  @ApiProperty({
    example: '2026-11-28T11:00:00+08:00',
    description: `extended by late bids (anti-sniping); ${BUSINESS_TIME}`,
  })
  closesAt: string;
  @ApiProperty({ description: `the close as listed; ${BUSINESS_TIME}` }) originalClosesAt: string;
  @ApiProperty() extensionSeconds: number;
  @ApiProperty() extensions: number;
  @ApiPropertyOptional() notes?: string;
  @ApiPropertyOptional({ type: [String] }) photos?: string[];
  @ApiProperty({ enum: ['scheduled', 'open', 'closing', 'sold', 'unsold'], description: 'the phase now' })
  status: string;
  @ApiProperty({ type: Number, nullable: true, description: `the price now (null before the first bid), ${PER_UNIT}` })
  currentPriceFen: number | null;
  @ApiProperty({ description: `the lowest acceptable bid, ${PER_UNIT}` }) minimumBidFen: number;
  @ApiProperty() reserveMet: boolean;
  @ApiProperty() hasReserve: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'masked leader' }) leader: string | null;
  @ApiProperty() bidCount: number;
  @ApiProperty({ type: [PublicBidView] }) recentBids: PublicBidView[];
  @ApiPropertyOptional({ type: LotOutcomeView }) outcome?: LotOutcomeView;
  @ApiPropertyOptional({ type: OwnStandingView, description: 'a buyer who bid: its own standing' })
  you?: OwnStandingView;
  @ApiPropertyOptional({ description: 'operators' }) listedBy?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators' }) leaderBuyerId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators: the leader’s name' }) leaderName?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators: the winner’s name' }) winnerName?:
    string | null;
  @ApiPropertyOptional({ type: [LotBidderView], description: 'operators: every bidder of the lot by alias' })
  bidders?: LotBidderView[];
  @ApiProperty({ description: BUSINESS_TIME }) listedAt: string;
  @ApiProperty() updatedAt: string;
}

/** A lot as listed: its terms (the fields of a lot that do not move with bidding). */
export class LotListedView {
  @ApiProperty() lotId: string;
  @ApiProperty() sku: string;
  @ApiProperty() skuName: string;
  @ApiProperty() warehouse: string;
  @ApiProperty({
    type: Object,
    description: 'the batch: batchId, producer, origin, harvestDate, expiryDate, grade, inspection',
  })
  batch: object;
  @ApiProperty({ example: 500000, description: 'the lot in base units (see baseUnit)' }) quantityBase: number;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ type: SaleUnitView, description: 'the trading unit: prices are per it, `units` count it' })
  saleUnit: SaleUnitView;
  @ApiProperty({ example: 100, description: 'whole sale units in the lot' }) units: number;
  @ApiProperty({ example: 3000, description: PER_UNIT }) startPriceFen: number;
  @ApiProperty({ example: 3600, description: `${PER_UNIT}; 0: no reserve` }) reservePriceFen: number;
  @ApiProperty({ example: 100, description: PER_UNIT }) incrementFen: number;
  @ApiProperty({ description: BUSINESS_TIME }) opensAt: string;
  @ApiProperty({ description: BUSINESS_TIME }) closesAt: string;
  @ApiProperty() extensionSeconds: number;
  @ApiPropertyOptional() notes?: string;
  @ApiPropertyOptional({ type: [String] }) photos?: string[];
  @ApiProperty() listedBy: string;
  @ApiProperty({ description: BUSINESS_TIME }) listedAt: string;
  @ApiProperty({ description: POSITION }) position: string;
}

export class LotListView {
  @ApiProperty({ type: [LotView] }) items: LotView[];
}

export class BidView {
  @ApiProperty() lotId: string;
  @ApiProperty() bidId: string;
  @ApiProperty({
    enum: ['leading', 'outbid'],
    description: 'outbid: placed, but the leader’s proxy answered it at once',
  })
  status: string;
  @ApiProperty({ description: `the price now, ${PER_UNIT}` }) pricePerUnitFen: number;
  @ApiPropertyOptional({ description: `the price bid (outbid), ${PER_UNIT}` }) yourPricePerUnitFen?: number;
  @ApiPropertyOptional({ description: 'masked leader (outbid)' }) leader?: string;
  @ApiProperty({ description: `your maximum, ${PER_UNIT}` }) maxPricePerUnitFen: number;
  @ApiProperty({ description: `possibly extended by this bid; ${BUSINESS_TIME}` }) closesAt: string;
  @ApiProperty({ description: 'fen of credit held by the bid (units × maximum; 0 when outbid)' }) creditHeldFen: number;
  @ApiProperty({ description: POSITION }) position: string;
}

/** A bid refused as unacceptable (422): the problem document, and with BID_TOO_LOW the server's minimum. */
export class BidRefusedView extends ProblemView {
  @ApiPropertyOptional({
    example: 510,
    description: `BID_TOO_LOW: the lowest bid the lot accepts now (its current price plus the increment, or the start price), ${PER_UNIT}; a board that missed a bid shows less`,
  })
  minimumBidFen?: number;
}

/** The 422 answer of `POST /lots/{id}/bids`, documented with its schema (it replaces the generic one of ApiOp). */
export const ApiBidRefused = (): MethodDecorator =>
  applyDecorators(
    ApiExtraModels(BidRefusedView),
    ApiResponse({
      status: 422,
      description: 'BID_TOO_LOW answers `minimumBidFen`, the lowest bid the lot accepts now',
      content: { 'application/problem+json': { schema: { $ref: getSchemaPath(BidRefusedView) } } },
    }),
  );

export class BuyerRegisteredView {
  @ApiProperty() username: string;
  @ApiProperty() buyerId: string;
  @ApiProperty({ description: POSITION }) position: string;
}

export class CreditSetView {
  @ApiProperty() buyerId: string;
  @ApiProperty({ example: 20000000, description: 'fen' }) creditLimitFen: number;
  @ApiProperty({ description: POSITION }) position: string;
}

/** Credit held by one live bid. */
export class CreditHoldView {
  @ApiProperty() bidId: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ description: 'fen' }) amountFen: number;
}

/** A won lot the buyer owes for. */
export class CreditSaleView {
  @ApiProperty() saleId: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ description: 'fen' }) amountFen: number;
  @ApiProperty({ description: 'fen' }) paidFen: number;
}

export class BuyerView {
  @ApiProperty() buyerId: string;
  @ApiProperty() approved: boolean;
  @ApiProperty({ example: 20000000, description: 'fen' }) creditLimitFen: number;
  @ApiProperty({ description: 'fen held by live bids (per lot the largest hold, summed)' }) exposureFen: number;
  @ApiProperty({ description: 'fen of won lots not yet paid' }) receivablesFen: number;
  @ApiProperty({ description: 'fen of credit still available' }) availableFen: number;
  @ApiProperty({ type: [CreditHoldView] }) holds: CreditHoldView[];
  @ApiProperty({ type: [CreditSaleView] }) sales: CreditSaleView[];
  @ApiProperty() updatedAt: string;
}

/** A settlement recorded on a sale. */
export class SalePaymentView {
  @ApiProperty() paymentId: string;
  @ApiProperty({ description: 'fen' }) amountFen: number;
  @ApiProperty({ enum: ['bank_transfer', 'cash', 'credit_offset'] }) method: string;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty({ description: 'the operator' }) by: string;
  @ApiProperty({ description: BUSINESS_TIME }) at: string;
}

/** The signed-in buyer's own account (GET /buyers/me). */
export class BuyerMeView {
  @ApiProperty({ example: 'BUYER-LC-001' }) buyerId: string;
  @ApiProperty({ example: '聊城鲜果批发行' }) name: string;
  @ApiProperty({ description: 'credit approved by an operator' }) approved: boolean;
  @ApiProperty({ description: 'credit limit, fen' }) creditLimitFen: number;
  @ApiProperty({ description: 'fen held by live bids' }) exposureFen: number;
  @ApiProperty({ description: 'fen of won lots not yet paid' }) receivablesFen: number;
  @ApiProperty({ description: 'fen of credit still available (may be negative after a cut)' }) availableFen: number;
}

export class SaleView {
  @ApiProperty() saleId: string;
  @ApiProperty() lotId: string;
  @ApiProperty() buyerId: string;
  @ApiProperty() sku: string;
  @ApiProperty() warehouse: string;
  @ApiProperty({ example: 500000, description: 'base units sold (see baseUnit)' }) quantityBase: number;
  @ApiProperty(BASE_UNIT_PROPERTY) baseUnit: BaseUnit;
  @ApiProperty({ example: 100, description: 'whole sale units sold' }) units: number;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty({ example: 3700, description: 'the clearing price, fen per sale unit' }) pricePerUnitFen: number;
  @ApiProperty({ example: 370000, description: 'fen: the price times units' }) amountFen: number;
  @ApiProperty({ description: `payment due by; ${BUSINESS_TIME}` }) dueAt: string;
  @ApiProperty({ description: BUSINESS_TIME }) openedAt: string;
  @ApiProperty({ enum: ['payment_due', 'settled'] }) status: string;
  @ApiProperty({ description: 'fen' }) paidFen: number;
  @ApiProperty({ description: 'fen' }) outstandingFen: number;
  @ApiProperty({
    type: [BatchQuantityView],
    nullable: true,
    description: 'issued per batch, base units (null until issued)',
  })
  issued: BatchQuantityView[] | null;
  @ApiPropertyOptional({ description: BUSINESS_TIME }) issuedAt?: string;
  @ApiProperty({ type: [SalePaymentView] }) payments: SalePaymentView[];
  @ApiPropertyOptional({ description: BUSINESS_TIME }) settledAt?: string;
  @ApiProperty() updatedAt: string;
}

export class SaleListView {
  @ApiProperty({ type: [SaleView] }) items: SaleView[];
}

export class SettledView {
  @ApiProperty() saleId: string;
  @ApiProperty() paymentId: string;
  @ApiProperty({ enum: ['payment_due', 'settled'] }) status: string;
  @ApiProperty({ description: 'fen paid so far' }) paidFen: number;
  @ApiProperty({ description: 'fen still due' }) outstandingFen: number;
  @ApiProperty({ description: POSITION }) position: string;
}

/** The viewer's own position on a live board: its alias once it has bid, and its maximum while it leads. */
export class BoardYouView {
  @ApiProperty({ example: '买家**01' }) alias: string;
  @ApiProperty() leading: boolean;
  @ApiPropertyOptional({ description: `your hidden maximum while you lead, ${PER_UNIT}` }) maxPricePerUnitFen?: number;
}

/** A lot on a live board: the data of a `snapshot` or `listed` frame, and each lot of a `market` frame. */
export class BoardLotView {
  @ApiProperty() lotId: string;
  @ApiProperty({ enum: ['listed', 'sold', 'unsold', 'withdrawn'] }) status: string;
  @ApiProperty() sku: string;
  @ApiProperty() skuName: string;
  @ApiProperty() grade: string;
  @ApiProperty({ description: 'the batch’s origin village' }) origin: string;
  @ApiProperty({ description: PER_UNIT }) incrementFen: number;
  @ApiProperty() extensionSeconds: number;
  @ApiProperty({ description: 'whole sale units in the lot' }) units: number;
  @ApiProperty({ type: SaleUnitView }) saleUnit: SaleUnitView;
  @ApiProperty({ description: BUSINESS_TIME }) opensAt: string;
  @ApiProperty({ description: BUSINESS_TIME }) closesAt: string;
  @ApiProperty({ type: Number, nullable: true, description: PER_UNIT }) currentPriceFen: number | null;
  @ApiProperty({ description: `the lowest acceptable bid, ${PER_UNIT}` }) minimumBidFen: number;
  @ApiProperty({ type: String, nullable: true, description: 'masked leader' }) leader: string | null;
  @ApiProperty() bidCount: number;
  @ApiProperty() reserveMet: boolean;
  @ApiProperty({ description: 'the server’s clock (ISO UTC), for countdowns' }) serverTime: string;
  @ApiPropertyOptional({ type: BoardYouView }) you?: BoardYouView;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators' }) leaderBuyerId?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators' }) leaderName?: string | null;
}

/** The data of a `market` frame: every scheduled or open lot. */
export class MarketFrameView {
  @ApiProperty({ description: 'the server’s clock (ISO UTC)' }) serverTime: string;
  @ApiProperty({ type: [BoardLotView] }) lots: BoardLotView[];
}

/** The data of a `bid` frame: a price change. */
export class BidFrameView {
  @ApiProperty({ enum: ['bid'] }) type: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ description: 'masked bidder' }) bidder: string;
  @ApiProperty({ description: PER_UNIT }) pricePerUnitFen: number;
  @ApiProperty() proxy: boolean;
  @ApiProperty({ description: BUSINESS_TIME }) at: string;
  @ApiProperty({ description: 'your own bid' }) mine: boolean;
  @ApiPropertyOptional({ description: 'operators' }) buyerId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators' }) buyerName?: string | null;
}

/** The data of an `extended` frame: a late bid moved the close (anti-sniping). */
export class ExtendedFrameView {
  @ApiProperty({ enum: ['extended'] }) type: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ description: BUSINESS_TIME }) closesAt: string;
  @ApiProperty({ description: BUSINESS_TIME }) previousClosesAt: string;
  @ApiProperty({ description: BUSINESS_TIME }) at: string;
}

/** The data of an `outbid` frame, sent only to the buyer whose bid stopped leading. */
export class OutbidFrameView {
  @ApiProperty({ enum: ['outbid'] }) type: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ description: `the price now, ${PER_UNIT}` }) pricePerUnitFen: number;
  @ApiProperty({ description: BUSINESS_TIME }) at: string;
}

/** The data of a `closed` frame: the lot's outcome. */
export class ClosedFrameView {
  @ApiProperty({ enum: ['closed'] }) type: string;
  @ApiProperty() lotId: string;
  @ApiProperty({ enum: ['sold', 'unsold', 'withdrawn'] }) outcome: string;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: `sold: the clearing price; unsold: the highest bid; ${PER_UNIT}`,
  })
  pricePerUnitFen: number | null;
  @ApiPropertyOptional({ description: 'masked winner' }) winner?: string;
  @ApiPropertyOptional({ enum: ['no_bids', 'reserve_not_met'] }) reason?: string;
  @ApiProperty({ description: BUSINESS_TIME }) at: string;
  @ApiProperty({ description: 'you won it' }) mine: boolean;
  @ApiPropertyOptional({ description: 'operators' }) buyerId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'operators' }) buyerName?: string | null;
}

/** The data of a `clock` frame. */
export class ClockFrameView {
  @ApiProperty({ description: 'the server’s clock (ISO UTC)' }) serverTime: string;
}

/** Every frame schema of the live streams (documented as extra models; the stream itself is text). */
export const LIVE_FRAME_VIEWS = [
  BoardLotView,
  MarketFrameView,
  BidFrameView,
  ExtendedFrameView,
  OutbidFrameView,
  ClosedFrameView,
  ClockFrameView,
];

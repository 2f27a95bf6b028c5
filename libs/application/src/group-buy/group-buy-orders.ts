import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  campaignIdOfOrder,
  DomainError,
  goodsReadiness,
  isDomainError,
  orderDecider,
  orderStream,
  type CampaignTerms,
  type JoinedData,
  type OrderCommand,
  type OrderDoc,
  type OrderEvent,
  type OrderState,
  type PaymentMethod,
  type SaleUnit,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { CONFIG, type AppConfig, type AuthUser } from '@gx/platform';
import { ReadModels } from '@gx/readstore';
import { CampaignCommands } from './campaign.commands';
import { GroupBuyPayments, type PaymentDetails } from './group-buy-payments';
import { isGroupBuyOrderId, newPickupCode, orderIdFor } from './group-buy.ids';
import { GROUP_BUY } from './group-buy.projection';

/** An order as placed: the facts of its join, its status, and how to pay it. */
/** How an order is paid, as its answers give it: the payment's status, and while unpaid online, the intent to pay. */
export type OrderPayment =
  | {
      method: 'stripe';
      status: 'awaiting';
      amountFen: number;
      intentId?: string;
      clientSecret?: string;
      intentStatus?: string;
      currency?: 'cny';
    }
  | { method: 'pay_at_pickup'; status: 'due_at_pickup'; amountFen: number };

/**
 * A placed order in the shape of `GET /orders/{id}` (without its history and pickup place): quantity in
 * whole sale units beside `saleUnit: { unit, base }`. An online order carries the intent to pay (no
 * `intentId`/`clientSecret` when the gateway could not be reached: GET the order to retry).
 */
export type PlacedOrder = Omit<JoinedData, 'joinedAt' | 'saleUnit'> & {
  saleUnit: SaleUnit;
  status: 'awaiting_payment' | 'reserved';
  placedAt: string;
  campaignTitle: string;
  pickupDate: string;
  payment: OrderPayment;
  position: string;
};

/** The campaign an order id belongs to, or NOT_FOUND for an id that is not a group-buy order. */
export function campaignOf(orderId: string): string {
  const campaignId = isGroupBuyOrderId(orderId) ? campaignIdOfOrder(orderId) : null;
  if (campaignId === null) throw new DomainError('NOT_FOUND', `no order ${orderId}`, 'orderId');
  return campaignId;
}

/** Joining, cancelling and handing over group-buy orders. */
@Injectable()
export class GroupBuyOrders {
  private readonly logger = new Logger('GroupBuyOrders');

  constructor(
    private readonly runner: CommandRunner,
    private readonly campaigns: CampaignCommands,
    private readonly payments: GroupBuyPayments,
    private readonly readModels: ReadModels,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Join a campaign: the order holds quota on the campaign's stream at once (SOLD_OUT, LIMIT_EXCEEDED,
   * NOT_OPEN, CUTOFF_PASSED otherwise). Its id derives from the command id, so a retry under the same
   * Idempotency-Key is the same order; an online order then gets its payment intent (same key, same intent).
   */
  async join(
    campaignId: string,
    input: { quantity: number; paymentMethod: PaymentMethod },
    customer: string,
    ctx: CommandContext,
  ): Promise<PlacedOrder> {
    if (input.paymentMethod === 'stripe' && !this.payments.online) {
      throw new DomainError(
        'PAYMENT_METHOD_UNAVAILABLE',
        'online payment is not configured here; choose pay_at_pickup',
        'paymentMethod',
      );
    }
    const orderId = orderIdFor(campaignId, ctx.commandId);
    const out = await this.campaigns.execute(
      campaignId,
      {
        type: 'JoinCampaign',
        orderId,
        customer,
        quantity: input.quantity,
        paymentMethod: input.paymentMethod,
        pickupCode: newPickupCode(),
        paymentWindowSeconds: this.config.paymentWindowSeconds,
        now: ctx.now,
      },
      ctx,
    );
    const joined = out.events.find((e) => e.type === 'CampaignJoined');
    if (joined?.type !== 'CampaignJoined') throw new Error(`join of ${orderId} appended no CampaignJoined`);
    const terms = out.state.terms as CampaignTerms;
    const { joinedAt, saleUnit: _unit, ...facts } = joined.data;
    const order = {
      ...facts,
      saleUnit: terms.saleUnit,
      status: facts.paymentMethod === 'stripe' ? ('awaiting_payment' as const) : ('reserved' as const),
      placedAt: joinedAt,
      campaignTitle: terms.title,
      pickupDate: terms.pickupDate,
    };
    if (facts.paymentMethod === 'pay_at_pickup')
      return {
        ...order,
        payment: { method: 'pay_at_pickup', status: 'due_at_pickup', amountFen: facts.amountFen },
        position: out.position,
      };
    const intent = await this.intentOrNull(joined.data);
    const payment: OrderPayment = intent
      ? {
          method: 'stripe',
          status: 'awaiting',
          amountFen: facts.amountFen,
          intentId: intent.intentId,
          clientSecret: intent.clientSecret,
          intentStatus: intent.status,
          currency: intent.currency,
        }
      : { method: 'stripe', status: 'awaiting', amountFen: facts.amountFen };
    return { ...order, payment, position: out.position };
  }

  /** Payment details of an order still waiting for its online payment (the same intent as at the join). */
  async paymentOf(doc: OrderDoc): Promise<PaymentDetails | null> {
    if (doc.paymentMethod !== 'stripe' || doc.status !== 'awaiting_payment') return null;
    return this.intentOrNull(doc);
  }

  /** The customer cancels their order before the cut-off; a paid order is refunded (by the payments process manager). */
  async cancel(orderId: string, customer: string, ctx: CommandContext) {
    const out = await this.campaigns.execute(
      campaignOf(orderId),
      { type: 'CancelOrder', orderId, customer, now: ctx.now },
      ctx,
    );
    const released = out.events.find((e) => e.type === 'CampaignOrderReleased');
    const refund = released?.type === 'CampaignOrderReleased' ? released.data.refund : undefined;
    return {
      orderId,
      status: 'cancelled' as const,
      refund: refund ? { amountFen: refund.amountFen, status: 'pending' as const } : null,
      position: out.position,
    };
  }

  /**
   * Hand an order over at its pickup point: the leader scans the pickup code. Only the leader of
   * that pickup point may (NOT_FOUND otherwise, as for an unknown code); a pay-at-pickup order is paid here, and the
   * leader's commission is recorded with the hand-over. The goods must have been received at the
   * pickup point first (GOODS_NOT_ARRIVED; INSUFFICIENT_STOCK for an order the goods that arrived
   * cannot cover), so that the pickup process manager can issue them from the point's books. The
   * campaign's books only move from not arrived to arrived, so reading them before the hand-over
   * can at worst refuse one that a moment later would have been allowed.
   */
  async handOver(pickupCode: string, leader: AuthUser, ctx: CommandContext) {
    const matches = await this.readModels.find<OrderDoc>(GROUP_BUY.orders, { pickupCode }, { limit: 10 });
    const mine = matches.filter((o) => o.pickupPoint === leader.party);
    // Another pickup point's code is answered as an unknown one, so that codes cannot be probed.
    if (mine.length === 0) throw new DomainError('NOT_FOUND', 'no order with this pickup code', 'code');
    // Codes are drawn at random; two live orders of one pickup point sharing one is astronomically unlikely.
    const order = mine.find((o) => o.status === 'confirmed') ?? mine[0];
    const campaign = await this.campaigns.state(order.campaignId);
    const goods = goodsReadiness(campaign, order.orderId);
    const command = {
      type: 'HandOver',
      orderId: order.orderId,
      pickupCode,
      pickupPoint: leader.party ?? '',
      leader: leader.username,
      commissionBps: this.config.leaderCommissionBps,
      goods,
      now: ctx.now,
    } as const;
    const out = await this.executeOrder(order.orderId, command, ctx);
    const handed = out.events.find((e) => e.type === 'OrderHandedOver');
    if (handed?.type !== 'OrderHandedOver') throw new Error(`hand-over of ${order.orderId} appended nothing`);
    const { pickupCode: _code, ...facts } = handed.data;
    return {
      ...facts,
      saleUnit: (campaign.terms as CampaignTerms).saleUnit,
      status: 'completed' as const,
      position: out.position,
    };
  }

  /** Decide `command` on the order's own stream. */
  executeOrder(
    orderId: string,
    command: OrderCommand,
    ctx: CommandContext,
  ): Promise<CommandOutcome<OrderEvent, OrderState>> {
    return this.runner.execute(orderDecider, orderStream(orderId), command, ctx);
  }

  private async intentOrNull(order: Parameters<GroupBuyPayments['intentOf']>[0]): Promise<PaymentDetails | null> {
    try {
      return await this.payments.intentOf(order);
    } catch (e) {
      // The order holds its quota either way; the intent is created again (same key) by the payments process manager or the next GET.
      if (isDomainError(e)) throw e;
      this.logger.warn(`no payment intent for ${order.orderId} yet: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }
}

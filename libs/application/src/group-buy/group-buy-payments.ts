import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  campaignIdOfOrder,
  orderDecider,
  orderStream,
  own,
  type JoinedData,
  type OrderCommand,
  type RefundDue,
  type RefundOutcome,
} from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';
import {
  PAYMENT_GATEWAY,
  PaymentGatewayError,
  type CreateIntentRequest,
  type PaymentGateway,
  type PaymentIntent,
  type RefundRequest,
} from '@gx/payments';
import { stepContext } from '../kernel/command-context';
import { CampaignCommands } from './campaign.commands';
import { GATEWAY_KEYS, GROUP_BUY_IDS as IDS, isGroupBuyOrderId } from './group-buy.ids';

/** Payment details of an order as its consumer needs them to pay (the client secret is never logged or stored). */
export interface PaymentDetails {
  method: 'stripe';
  intentId: string;
  clientSecret: string;
  status: PaymentIntent['status'];
  amountFen: number;
  currency: 'cny';
}

/** What the webhook did with a verified gateway event. */
export type WebhookOutcome = 'recorded' | 'duplicate' | 'ignored';

/** The order facts an intent is made from; the same facts always make the same request (idempotent replays). */
export type IntentFacts = Pick<JoinedData, 'orderId' | 'campaignId' | 'amountFen' | 'quantity' | 'saleUnit' | 'sku'>;

/** The first (and, so far, only) payment attempt of an order. */
export const FIRST_ATTEMPT = 1;

/** Gateway events that tell a refund's final outcome. */
const REFUND_OUTCOMES: Record<string, RefundOutcome | undefined> = {
  'refund.succeeded': 'succeeded',
  'refund.failed': 'failed',
  'refund.canceled': 'canceled',
};

/** Why a refund is made, in the gateway's terms. */
const REFUND_REASONS: Record<string, RefundRequest['reason']> = {
  cancelled: 'requested_by_customer',
  duplicate: 'duplicate',
};

/**
 * The group buy's side of the payment gateway: intents (one per attempt, idempotency key derived
 * from the order), their cancellation at expiry, refunds (one per payment, own idempotency key)
 * recorded back on the order's stream, and verified webhooks turned into campaign commands.
 */
@Injectable()
export class GroupBuyPayments {
  private readonly logger = new Logger('GroupBuyPayments');

  constructor(
    @Inject(PAYMENT_GATEWAY) private readonly gateway: PaymentGateway,
    private readonly runner: CommandRunner,
    private readonly campaigns: CampaignCommands,
  ) {}

  /** Whether online payment is configured. */
  get online(): boolean {
    return this.gateway.enabled;
  }

  /** The intent of an order's first attempt: created once, then the same intent on every call (idempotency key). */
  async intentOf(order: IntentFacts): Promise<PaymentDetails> {
    const intent = await this.gateway.createIntent(intentRequest(order, FIRST_ATTEMPT));
    return {
      method: 'stripe',
      intentId: intent.intentId,
      clientSecret: intent.clientSecret,
      status: intent.status,
      amountFen: intent.amountFen,
      currency: 'cny',
    };
  }

  /** Create (or find again) the intent of a new order and record it on the order's stream; its id. */
  async recordIntent(order: IntentFacts, cause: CommandContext): Promise<string> {
    const intent = await this.intentOf(order);
    await this.executeOrder(
      order.orderId,
      {
        type: 'RecordPaymentIntent',
        orderId: order.orderId,
        campaignId: order.campaignId,
        attempt: FIRST_ATTEMPT,
        intentId: intent.intentId,
        amountFen: intent.amountFen,
        now: cause.now,
      },
      stepContext(cause, IDS.intentRecorded(order.orderId, FIRST_ATTEMPT)),
    );
    return intent.intentId;
  }

  /** Cancel the unpaid intent of an expired or cancelled order, so it cannot be paid any more. */
  async cancelIntent(orderId: string): Promise<void> {
    const { state } = await this.runner.load(orderDecider, orderStream(orderId));
    const intentId = state.intents[FIRST_ATTEMPT];
    if (intentId === undefined) return;
    try {
      await this.gateway.cancelIntent(intentId, GATEWAY_KEYS.cancelIntent(orderId, FIRST_ATTEMPT));
    } catch (e) {
      // Paid meanwhile (the webhook brings the payment, which is then re-checked), or refused for good.
      if (e instanceof PaymentGatewayError && !e.retryable)
        this.logger.warn(`intent ${intentId} of ${orderId} not cancelled: ${e.message}`);
      else throw e;
    }
  }

  /** Refund one payment and record the outcome on the order; a refusal is recorded, a transient failure thrown (retried). */
  async refund(due: RefundDue, reason: string, cause: CommandContext): Promise<void> {
    const { orderId, intentId, amountFen } = due;
    const { state } = await this.runner.load(orderDecider, orderStream(orderId));
    if (own(state.refunds, intentId) === 'refunded') return;
    let refund;
    try {
      refund = await this.gateway.refund({
        intentId,
        amountFen,
        idempotencyKey: GATEWAY_KEYS.refund(orderId, intentId),
        reference: orderId,
        metadata: { orderId, reason },
        ...(REFUND_REASONS[reason] !== undefined && { reason: REFUND_REASONS[reason] }),
      });
    } catch (e) {
      if (!(e instanceof PaymentGatewayError) || e.retryable) throw e;
      await this.executeOrder(
        orderId,
        { type: 'RecordRefundFailed', orderId, intentId, amountFen, reason, error: e.message, now: cause.now },
        stepContext(cause, IDS.refundFailed(orderId, intentId)),
      );
      return;
    }
    await this.executeOrder(
      orderId,
      {
        type: 'RecordRefund',
        refund: {
          orderId,
          intentId,
          refundId: refund.refundId,
          amountFen: refund.amountFen,
          status: refund.status,
          reason,
        },
        now: cause.now,
      },
      stepContext(cause, IDS.refunded(orderId, intentId)),
    );
  }

  /**
   * Handle a webhook: verify its signature on the raw body (InvalidSignatureError otherwise), then
   * record a successful payment on the order's campaign, or a refund's outcome on the order.
   * An order accepts only its own intent (the one created for it and recorded on its stream):
   * anyone can create an intent carrying an order's id in its metadata, and events of another
   * account or mode are not ours (the gateway marks them foreign); all of these are acknowledged and
   * ignored, so they can neither pay an order nor make its real payment look like a duplicate.
   * Deliveries of one gateway event are one command (its id derives from the event id), and the
   * campaign ignores a payment it already took or refused, so duplicates, stale and out-of-order
   * deliveries change nothing. Anything else is acknowledged and ignored.
   */
  async webhook(
    rawBody: Buffer,
    signature: string | undefined,
    now: Date,
    correlationId: string,
  ): Promise<{ eventId: string; outcome: WebhookOutcome }> {
    const event = this.gateway.verifyWebhook(rawBody, signature);
    const { reference, intentId, amountFen, refundId } = event;
    const ignored = { eventId: event.id, outcome: 'ignored' as const };
    if (event.foreign !== undefined) {
      this.logger.warn(`webhook ${event.id} (${event.gatewayType ?? event.type}) ignored: ${event.foreign}`);
      return ignored;
    }
    if (reference === undefined || intentId === undefined || !isGroupBuyOrderId(reference)) return ignored;
    const ctx: CommandContext = {
      commandId: IDS.gatewayEvent(event.id),
      actor: 'system:payment-gateway',
      correlationId,
      now: now.toISOString(),
    };
    const outcome = (out: { replayed: boolean; events: unknown[] }): WebhookOutcome =>
      out.replayed || out.events.length === 0 ? 'duplicate' : 'recorded';
    const settled = own(REFUND_OUTCOMES, event.type);
    const isPayment = event.type === 'payment.succeeded' && amountFen !== undefined;
    if ((settled === undefined || refundId === undefined) && !isPayment) return ignored;
    // Refunds are only ever made of the order's own intent, so only a payment may need it created here.
    const mine = await this.ownIntent(reference, isPayment, ctx);
    if (mine !== intentId) {
      this.logger.warn(
        `webhook ${event.id}: intent ${intentId} is not the intent of order ${reference} (${mine ?? 'none'}); ignored`,
      );
      return ignored;
    }
    if (settled !== undefined && refundId !== undefined) {
      const out = await this.runner.execute(
        orderDecider,
        orderStream(reference),
        { type: 'SettleRefund', orderId: reference, refundId, intentId, status: settled, now: ctx.now },
        ctx,
      );
      return { eventId: event.id, outcome: outcome(out) };
    }
    const out = await this.campaigns.execute(
      campaignIdOfOrder(reference) as string,
      {
        type: 'RecordPayment',
        orderId: reference,
        intentId,
        amountFen: amountFen as number,
        ...(event.currency !== undefined && { currency: event.currency }),
        now: ctx.now,
      },
      ctx,
    );
    return { eventId: event.id, outcome: outcome(out) };
  }

  /**
   * The intent of an order's first attempt as recorded on its stream, or null for an order we do
   * not know. A payment may be told before the payments process manager recorded the intent: with
   * `create`, the intent is then found again at the gateway (same idempotency key, same intent) and
   * recorded, exactly as the process manager would.
   */
  private async ownIntent(orderId: string, create: boolean, cause: CommandContext): Promise<string | null> {
    const { state } = await this.runner.load(orderDecider, orderStream(orderId));
    const recorded = state.intents[FIRST_ATTEMPT];
    if (recorded !== undefined || !create) return recorded ?? null;
    const campaign = await this.campaigns.state(campaignIdOfOrder(orderId) as string);
    const order = campaign.orders.get(orderId);
    if (!campaign.terms || order === undefined || order.paymentMethod !== 'stripe') {
      this.logger.warn(`payment names unknown order ${orderId}`);
      return null;
    }
    const { campaignId, sku } = campaign.terms;
    const facts: IntentFacts = {
      orderId,
      campaignId,
      amountFen: order.amountFen,
      quantity: order.quantity,
      saleUnit: campaign.terms.saleUnit.unit,
      sku,
    };
    return this.recordIntent(facts, cause);
  }

  private async executeOrder(orderId: string, command: OrderCommand, ctx: CommandContext): Promise<void> {
    await this.runner.execute(orderDecider, orderStream(orderId), command, ctx);
  }
}

/** The gateway request of an order's payment attempt (deterministic: replays must match exactly). */
export function intentRequest(order: IntentFacts, attempt: number): CreateIntentRequest {
  return {
    amountFen: order.amountFen,
    reference: order.orderId,
    description: `团购 ${order.campaignId}: ${order.quantity} ${order.saleUnit} ${order.sku}`,
    idempotencyKey: GATEWAY_KEYS.intent(order.orderId, attempt),
    metadata: { orderId: order.orderId, campaignId: order.campaignId, attempt: String(attempt) },
  };
}

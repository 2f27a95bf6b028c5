import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '@gx/platform';
import type { DeadlineHandler, ProcessManager } from '@gx/readstore';
import { eventCause, systemContext } from '../kernel/command-context';
import { DeclareWorkerTasks, type WorkerTaskSource } from '../kernel/declarations';
import type { WorkerTasks } from '../worker/worker-tasks';
import { CampaignCommands } from './campaign.commands';
import { CampaignCutoff } from './cutoff';
import { CampaignFulfilment } from './fulfilment';
import { campaignOf } from './group-buy-orders';
import { GroupBuyPayments } from './group-buy-payments';
import { GROUP_BUY_IDS as IDS } from './group-buy.ids';
import { asCampaignEvent, asOrderEvent, GROUP_BUY, GROUP_BUY_DEADLINES } from './group-buy.projection';
import { PickupStock, type TransferArrival } from './pickup-stock';
import { CampaignPublication } from './publication';

/** Names (checkpoints and leases) of the group-buy process managers. */
export const GROUP_BUY_PROCESS_MANAGERS = {
  fulfilment: 'group-buy-fulfilment',
  payments: 'group-buy-payments',
  pickup: 'group-buy-pickup',
} as const;

/** Publication, the stock side of outcomes, and order confirmations (no gateway calls, so a gateway outage never holds them up). */
export function fulfilmentProcessManager(deps: {
  publication: CampaignPublication;
  fulfilment: CampaignFulfilment;
  clock: Clock;
}): ProcessManager {
  const name = GROUP_BUY_PROCESS_MANAGERS.fulfilment;
  return {
    name,
    filter: {
      streamPrefixes: ['campaign-'],
      eventTypes: ['CampaignPublishRequested', 'CampaignSucceeded', 'CampaignFailed', 'CampaignCancelled'],
    },
    async handle(event) {
      const e = asCampaignEvent(event);
      const cause = eventCause(name, event, deps.clock.now());
      if (e?.type === 'CampaignPublishRequested')
        await deps.publication.complete(e.data.campaignId, e.data.attempt, cause);
      else if (e?.type === 'CampaignSucceeded') await deps.fulfilment.succeeded(e.data, cause);
      else if (e?.type === 'CampaignFailed')
        await deps.fulfilment.returnQuota(
          e.data.campaignId,
          `campaign ${e.data.campaignId} did not reach its minimum`,
          cause,
        );
      else if (e?.type === 'CampaignCancelled' && e.data.wasPublished) {
        await deps.fulfilment.returnQuota(
          e.data.campaignId,
          `campaign ${e.data.campaignId} was cancelled by ${e.data.by}: ${e.data.reason}`,
          cause,
        );
      }
    },
  };
}

/** Payment intents of new online orders, their cancellation when an order ends unpaid, and every refund owed. */
export function paymentsProcessManager(deps: { payments: GroupBuyPayments; clock: Clock }): ProcessManager {
  const name = GROUP_BUY_PROCESS_MANAGERS.payments;
  return {
    name,
    filter: {
      streamPrefixes: ['campaign-'],
      eventTypes: [
        'CampaignJoined',
        'CampaignOrderReleased',
        'CampaignPaymentRefused',
        'CampaignFailed',
        'CampaignCancelled',
      ],
    },
    async handle(event) {
      if (!deps.payments.online) return;
      const e = asCampaignEvent(event);
      const cause = eventCause(name, event, deps.clock.now());
      switch (e?.type) {
        case 'CampaignJoined':
          if (e.data.paymentMethod === 'stripe') await deps.payments.recordIntent(e.data, cause);
          return;
        case 'CampaignOrderReleased':
          if (e.data.refund) await deps.payments.refund(e.data.refund, e.data.reason, cause);
          else if (e.data.paymentMethod === 'stripe') await deps.payments.cancelIntent(e.data.orderId);
          return;
        case 'CampaignPaymentRefused':
          await deps.payments.refund(e.data, e.data.reason, cause);
          return;
        case 'CampaignFailed':
          for (const due of e.data.refunds) await deps.payments.refund(due, 'campaign_failed', cause);
          return;
        case 'CampaignCancelled':
          // The same refunds as a failed campaign's; unpaid online orders can no longer be paid.
          for (const due of e.data.refunds) await deps.payments.refund(due, 'campaign_cancelled', cause);
          for (const orderId of e.data.unpaid) await deps.payments.cancelIntent(orderId);
          return;
        default:
          return;
      }
    },
  };
}

/**
 * The books at the pickup point: a campaign's transfer received there is held for its orders, and
 * each hand-over issues that order's goods from the hold (see {@link PickupStock}). Arrivals come
 * before hand-overs in the log (a hand-over is refused until the arrival is recorded), and one
 * subscription handles both in log order.
 */
export function pickupProcessManager(deps: { pickup: PickupStock; clock: Clock }): ProcessManager {
  const name = GROUP_BUY_PROCESS_MANAGERS.pickup;
  return {
    name,
    filter: { streamPrefixes: ['stock-', 'order-'], eventTypes: ['StockTransferredIn', 'OrderHandedOver'] },
    async handle(event) {
      const cause = eventCause(name, event, deps.clock.now());
      if (event.type === 'StockTransferredIn' && event.streamId.startsWith('stock-')) {
        // Events of `stock-` streams are stock events; the filter let only this type through.
        const arrival = event.data as TransferArrival;
        const campaignId = await deps.pickup.campaignOf(arrival, event.position);
        if (campaignId !== null) await deps.pickup.arrived(campaignId, arrival, cause);
        return;
      }
      const e = asOrderEvent(event);
      if (e?.type === 'OrderHandedOver') await deps.pickup.handedOver(e.data, cause);
    },
  };
}

/** What the group buy runs in the worker: its process managers and its cut-off and payment-window deadlines. */
@DeclareWorkerTasks()
export class GroupBuyWorkerTasks implements WorkerTaskSource {
  constructor(
    private readonly cutoffs: CampaignCutoff,
    private readonly campaigns: CampaignCommands,
    private readonly publication: CampaignPublication,
    private readonly fulfilment: CampaignFulfilment,
    private readonly payments: GroupBuyPayments,
    private readonly pickup: PickupStock,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  tasks(): WorkerTasks {
    return {
      processManagers: [
        fulfilmentProcessManager({ publication: this.publication, fulfilment: this.fulfilment, clock: this.clock }),
        paymentsProcessManager({ payments: this.payments, clock: this.clock }),
        pickupProcessManager({ pickup: this.pickup, clock: this.clock }),
      ],
      deadlineHandlers: {
        [GROUP_BUY_DEADLINES.cutoff]: this.cutoff,
        [GROUP_BUY_DEADLINES.paymentWindow]: this.paymentWindow,
      },
      deadlineCollections: [GROUP_BUY.deadlines],
    };
  }

  /** The cut-off: close the campaign (one already decided, by an operator's run or this deadline, or cancelled stays as it is). */
  private readonly cutoff: DeadlineHandler = async (payload) => {
    const { campaignId } = payload as { campaignId: string };
    await this.cutoffs.onDeadline(
      campaignId,
      systemContext('group-buy-cutoff', IDS.close(campaignId), this.clock.now()),
    );
  };

  /** The end of an order's payment window: release its quota unless it was paid meanwhile. */
  private readonly paymentWindow: DeadlineHandler = async (payload) => {
    const { orderId } = payload as { orderId: string };
    const ctx = systemContext('group-buy-payment-window', IDS.expire(orderId), this.clock.now());
    await this.campaigns.execute(campaignOf(orderId), { type: 'ExpireOrder', orderId, now: ctx.now }, ctx);
  };
}

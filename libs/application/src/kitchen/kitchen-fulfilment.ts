import { Inject, Injectable } from '@nestjs/common';
import {
  availableOf,
  deliveryHolder,
  deliveryLineOf,
  hasOwnKey,
  isDomainError,
  own,
  shanghaiDate,
  type DeliveryEvent,
  type DeliveryLine,
  type DeliveryState,
  type StandingOrderEvent,
  type StockEvent,
} from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import { CLOCK, type Clock } from '@gx/platform';
import type { ProcessManager } from '@gx/readstore';
import { eventCause, stepContext } from '../kernel/command-context';
import { StockCommands } from '../stock/stock.commands';
import { ContractCommands } from './contract.commands';
import { DeliveryCommands } from './delivery.commands';
import { BatchSources } from './designated-counties';
import { KITCHEN_COMMAND_IDS as IDS } from './kitchen.ids';
import { asDelivery, asStanding } from './kitchen.projection';
import { SubstituteFinder } from './substitutes';

/** Name (checkpoint and lease) of the process manager that fulfils kitchen deliveries. */
export const KITCHEN_FULFILMENT = 'kitchen-fulfilment';

/** Attempts at reserving a line when other holders take the same stock at the same moment. */
const RESERVE_ATTEMPTS = 5;

type Due = Extract<StandingOrderEvent, { type: 'StandingDeliveryDue' }>['data'];
type Of<T extends DeliveryEvent['type']> = Extract<DeliveryEvent, { type: T }>['data'];

/**
 * The steps that carry a kitchen delivery through the other aggregates, at least once and idempotently
 * (every command id derives from the delivery, the SKU and the step, see `KITCHEN_COMMAND_IDS`):
 * - {@link open}: a standing order's date is due → open the delivery at contract prices, then reserve its lines;
 * - {@link reservePending}: per line not reserved yet, draw on the contract, reserve what the warehouse has
 *   (holder `delivery-<id>`), and record the outcome, flagging any shortage with a proposed substitute
 *   (also when a substitute is accepted);
 * - {@link issue}: the delivery is dispatched → allocate first-expiry-first and issue each line's stock,
 *   recording the batches with their producer, county and the county's designation;
 * - {@link settle}: the delivery is received → settle each contract draw to what the kitchen accepted;
 * - {@link release}: the delivery is cancelled → release its stock and give its contract draws back.
 * Each step takes the cause (the stored event, see {@link kitchenFulfilmentProcessManager}) and sends every
 * command under `stepContext(cause, <its id>)`.
 */
@Injectable()
export class KitchenFulfilment {
  constructor(
    private readonly contracts: ContractCommands,
    private readonly deliveries: DeliveryCommands,
    private readonly stock: StockCommands,
    private readonly substitutes: SubstituteFinder,
    private readonly sources: BatchSources,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** A standing order's date is due: open its delivery at contract prices and reserve its lines. */
  async open(due: Due, cause: CommandContext): Promise<void> {
    const contract = await this.contracts.state(due.contractId);
    const lines = due.lines.map((l) => {
      const priced = own(contract.lines, l.sku);
      // Placement checked every SKU against the contract, and contract lines never change.
      if (!priced)
        throw new Error(`contract ${due.contractId} does not price ${l.sku} (standing order ${due.standingOrderId})`);
      return {
        sku: l.sku,
        name: priced.name,
        unit: priced.unit,
        base: priced.base,
        fen: priced.fen,
        ordered: l.quantity,
      };
    });
    const { deliveryId, standingOrderId, contractId, kitchen, warehouse, address, date, cutoffAt } = due;
    await this.deliveries.create(
      { deliveryId, standingOrderId, contractId, kitchen, warehouse, address, date, cutoffAt, lines },
      stepContext(cause, IDS.createDelivery(deliveryId)),
    );
    await this.reservePending(deliveryId, cause);
  }

  /** Reserve every line of the delivery that has not recorded a reservation yet (new lines, an accepted substitute). */
  async reservePending(deliveryId: string, cause: CommandContext): Promise<void> {
    const delivery = await this.deliveries.state(deliveryId);
    for (const line of delivery.lines) if (line.reserved === undefined) await this.reserveLine(delivery, line, cause);
  }

  /** The delivery was dispatched: allocate and issue each line's stock, recording its batches or the ledger's refusal. */
  async issue(dispatched: Of<'DeliveryDispatched'>, cause: CommandContext): Promise<void> {
    const { deliveryId } = dispatched;
    const delivery = await this.deliveries.state(deliveryId);
    const holder = deliveryHolder(deliveryId);
    for (const { sku, quantity } of dispatched.lines) {
      if (quantity === 0 || deliveryLineOf(delivery, sku)?.issue) continue;
      const at = { sku, warehouse: delivery.warehouse };
      try {
        await this.stock.allocate(at, { holder }, stepContext(cause, IDS.allocateStock(deliveryId, sku)));
        const out = await this.stock.issue(
          at,
          { holder, reason: `kitchen delivery ${deliveryId}` },
          stepContext(cause, IDS.issueStock(deliveryId, sku)),
        );
        const picks = out.events.flatMap((e) => (e.type === 'StockIssued' ? e.data.picks : []));
        const sources = await this.sources.of(at, picks);
        await this.deliveries.recordIssue(
          deliveryId,
          sku,
          { picks, sources },
          stepContext(cause, IDS.recordIssued(deliveryId, sku)),
        );
      } catch (e) {
        // Only a refusal by the ledger (e.g. the held batch expired) is an outcome; IO errors are retried.
        if (!isDomainError(e)) throw e;
        await this.deliveries.recordIssue(
          deliveryId,
          sku,
          { blocked: { code: e.code, reason: e.message } },
          stepContext(cause, IDS.recordIssueBlocked(deliveryId, sku)),
        );
      }
    }
  }

  /** The delivery was received: settle each contract draw to what the kitchen accepted. */
  async settle(received: Of<'DeliveryReceived'>, cause: CommandContext): Promise<void> {
    const { deliveryId } = received;
    const delivery = await this.deliveries.state(deliveryId);
    for (const line of received.lines) {
      await this.contracts.settle(
        delivery.contractId,
        { deliveryId, sku: line.sku, quantity: line.received, stage: 'delivered' },
        stepContext(cause, IDS.settleDelivered(deliveryId, line.sku)),
      );
    }
  }

  /** The delivery was cancelled: release its stock and give its contract draws back. */
  async release(cancelled: Of<'DeliveryCancelled'>, cause: CommandContext): Promise<void> {
    const { deliveryId } = cancelled;
    const delivery = await this.deliveries.state(deliveryId);
    const holder = deliveryHolder(deliveryId);
    for (const line of delivery.lines) {
      const at = { sku: line.sku, warehouse: delivery.warehouse };
      if (hasOwnKey((await this.stock.state(at)).reservations, holder)) {
        await this.stock.release(
          at,
          { holder, reason: `kitchen delivery ${deliveryId} cancelled` },
          stepContext(cause, IDS.releaseStock(deliveryId, line.sku)),
        );
      }
      if (line.granted !== undefined) {
        const draw = { deliveryId, sku: line.sku, quantity: 0, stage: 'reserved' as const };
        await this.contracts.settle(
          delivery.contractId,
          draw,
          stepContext(cause, IDS.settleCancelled(deliveryId, line.sku)),
        );
      }
    }
  }

  /** Draw a line on the contract, reserve what the warehouse has, and record the outcome with a substitute for a shortage. */
  private async reserveLine(delivery: DeliveryState, line: DeliveryLine, cause: CommandContext): Promise<void> {
    const { deliveryId, contractId } = delivery;
    const granted = await this.contracts.commit(
      contractId,
      { deliveryId, sku: line.sku, requested: line.ordered },
      stepContext(cause, IDS.commitContract(deliveryId, line.sku)),
    );
    const reserved = await this.reserveStock(delivery, line.sku, granted, cause);
    if (reserved < granted) {
      await this.contracts.settle(
        contractId,
        { deliveryId, sku: line.sku, quantity: reserved, stage: 'reserved' },
        stepContext(cause, IDS.settleHeld(deliveryId, line.sku)),
      );
    }
    const substitute =
      reserved < granted
        ? await this.substitutes.propose({
            contract: await this.contracts.state(contractId),
            warehouse: delivery.warehouse,
            sku: line.sku,
            missing: line.ordered - reserved,
            exclude: delivery.lines.map((l) => l.sku),
            today: shanghaiDate(this.clock.now()),
          })
        : null;
    await this.deliveries.recordReservation(
      deliveryId,
      { sku: line.sku, granted, reserved, substitute },
      stepContext(cause, IDS.recordReservation(deliveryId, line.sku)),
    );
  }

  /** Reserve up to `wanted` for the holder; what it holds afterwards (an earlier attempt's reservation counts). */
  private async reserveStock(
    delivery: DeliveryState,
    sku: string,
    wanted: number,
    cause: CommandContext,
  ): Promise<number> {
    const at = { sku, warehouse: delivery.warehouse };
    const holder = deliveryHolder(delivery.deliveryId);
    for (let attempt = 1; ; attempt++) {
      const state = await this.stock.state(at);
      const held = own(state.reservations, holder);
      if (held) return held.quantity + Object.values(held.picks).reduce((n, q) => n + q, 0);
      const quantity = Math.min(wanted, availableOf(state, shanghaiDate(this.clock.now())));
      if (quantity <= 0) return 0;
      try {
        const out = await this.stock.reserve(
          at,
          { holder, holderKind: 'delivery', quantity },
          stepContext(cause, IDS.reserveStock(delivery.deliveryId, sku)),
        );
        const reserved = out.events.find(
          (e): e is Extract<StockEvent, { type: 'StockReserved' }> => e.type === 'StockReserved',
        );
        return reserved?.data.quantity ?? quantity;
      } catch (e) {
        // Another holder took stock between the read and the reservation: read again.
        if (!isDomainError(e) || e.code !== 'INSUFFICIENT_STOCK' || attempt >= RESERVE_ATTEMPTS) throw e;
      }
    }
  }
}

/**
 * The kitchen fulfilment process manager: routes each stored event to one step of {@link KitchenFulfilment},
 * under one cause per event (`eventCause`: the process manager as actor, the event as cause).
 */
export function kitchenFulfilmentProcessManager(steps: KitchenFulfilment, clock: Clock): ProcessManager {
  return {
    name: KITCHEN_FULFILMENT,
    filter: {
      streamPrefixes: ['standing-', 'delivery-'],
      eventTypes: [
        'StandingDeliveryDue',
        'DeliverySubstituteAccepted',
        'DeliveryDispatched',
        'DeliveryReceived',
        'DeliveryCancelled',
      ],
    },
    async handle(event) {
      const cause = eventCause(KITCHEN_FULFILMENT, event, clock.now());
      const standing = asStanding(event);
      if (standing?.type === 'StandingDeliveryDue') return steps.open(standing.data, cause);
      const e = asDelivery(event);
      switch (e?.type) {
        case 'DeliverySubstituteAccepted':
          return steps.reservePending(e.data.deliveryId, cause);
        case 'DeliveryDispatched':
          return steps.issue(e.data, cause);
        case 'DeliveryReceived':
          return steps.settle(e.data, cause);
        case 'DeliveryCancelled':
          return steps.release(e.data, cause);
        default:
          return;
      }
    },
  };
}

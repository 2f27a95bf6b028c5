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
import type { CommandContext, RecordedEvent } from '@gx/eventstore';
import type { Clock } from '@gx/platform';
import type { ProcessManager } from '@gx/readstore';
import { causedBy } from '../kernel/command-context';
import { KITCHEN_COMMAND_IDS as IDS } from './kitchen.ids';
import { StockCommands } from '../stock/stock.commands';
import { ContractCommands } from './contract.commands';
import { DeliveryCommands } from './delivery.commands';
import type { BatchSources } from './designated-counties';
import { SubstituteFinder } from './substitutes';

/** Name (checkpoint and lease) of the process manager that fulfils kitchen deliveries. */
export const KITCHEN_FULFILMENT = 'kitchen-fulfilment';

/** Attempts at reserving a line when other holders take the same stock at the same moment. */
const RESERVE_ATTEMPTS = 5;

type Due = Extract<StandingOrderEvent, { type: 'StandingDeliveryDue' }>['data'];
type Of<T extends DeliveryEvent['type']> = Extract<DeliveryEvent, { type: T }>['data'];

/** What the process manager needs: the kitchen's commands, the ledger, the substitute finder and the clock. */
export interface FulfilmentDeps {
  contracts: ContractCommands;
  deliveries: DeliveryCommands;
  stock: StockCommands;
  substitutes: SubstituteFinder;
  sources: BatchSources;
  clock: Clock;
}

/**
 * Carries a kitchen delivery through the other aggregates, at least once and idempotently (every
 * command id derives from the delivery, the SKU and the step):
 * - a standing order's date is due → open the delivery at contract prices; per line draw on the
 *   contract, reserve what the warehouse has (holder `delivery-<id>`), and record the outcome,
 *   flagging any shortage with a proposed substitute;
 * - a substitute is accepted → reserve it the same way;
 * - the delivery is dispatched → allocate first-expiry-first and issue each line's stock, recording
 *   the batches with their producer, county and the county's designation;
 * - the delivery is received → settle each contract draw to what the kitchen accepted;
 * - the delivery is cancelled → release its stock and give its contract draws back.
 */
export function kitchenFulfilmentProcessManager(deps: FulfilmentDeps): ProcessManager {
  const context = (commandId: string, cause: RecordedEvent): CommandContext => causedBy(KITCHEN_FULFILMENT, commandId, cause, deps.clock.now());

  /** Reserve up to `wanted` for the holder; what it holds afterwards (an earlier attempt's reservation counts). */
  async function reserveStock(delivery: DeliveryState, sku: string, wanted: number, cause: RecordedEvent): Promise<number> {
    const at = { sku, warehouse: delivery.warehouse };
    const holder = deliveryHolder(delivery.deliveryId);
    for (let attempt = 1; ; attempt++) {
      const state = await deps.stock.state(at);
      const held = own(state.reservations, holder);
      if (held) return held.quantity + Object.values(held.picks).reduce((n, q) => n + q, 0);
      const quantity = Math.min(wanted, availableOf(state, shanghaiDate(deps.clock.now())));
      if (quantity <= 0) return 0;
      try {
        const out = await deps.stock.reserve(at, { holder, holderKind: 'delivery', quantity }, context(IDS.reserveStock(delivery.deliveryId, sku), cause));
        const reserved = out.events.find((e): e is Extract<StockEvent, { type: 'StockReserved' }> => e.type === 'StockReserved');
        return reserved?.data.quantity ?? quantity;
      } catch (e) {
        // Another holder took stock between the read and the reservation: read again.
        if (!isDomainError(e) || e.code !== 'INSUFFICIENT_STOCK' || attempt >= RESERVE_ATTEMPTS) throw e;
      }
    }
  }

  async function reserveLine(delivery: DeliveryState, line: DeliveryLine, cause: RecordedEvent): Promise<void> {
    const { deliveryId, contractId } = delivery;
    const granted = await deps.contracts.commit(contractId, { deliveryId, sku: line.sku, requested: line.ordered }, context(IDS.commitContract(deliveryId, line.sku), cause));
    const reserved = await reserveStock(delivery, line.sku, granted, cause);
    if (reserved < granted) {
      await deps.contracts.settle(contractId, { deliveryId, sku: line.sku, quantity: reserved, stage: 'reserved' }, context(IDS.settleHeld(deliveryId, line.sku), cause));
    }
    const substitute =
      reserved < granted
        ? await deps.substitutes.propose({
            contract: await deps.contracts.state(contractId),
            warehouse: delivery.warehouse,
            sku: line.sku,
            missing: line.ordered - reserved,
            exclude: delivery.lines.map((l) => l.sku),
            today: shanghaiDate(deps.clock.now()),
          })
        : null;
    await deps.deliveries.recordReservation(deliveryId, { sku: line.sku, granted, reserved, substitute }, context(IDS.recordReservation(deliveryId, line.sku), cause));
  }

  async function reservePending(deliveryId: string, cause: RecordedEvent): Promise<void> {
    const delivery = await deps.deliveries.state(deliveryId);
    for (const line of delivery.lines) if (line.reserved === undefined) await reserveLine(delivery, line, cause);
  }

  async function open(due: Due, cause: RecordedEvent): Promise<void> {
    const contract = await deps.contracts.state(due.contractId);
    const lines = due.lines.map((l) => {
      const priced = own(contract.lines, l.sku);
      // Placement checked every SKU against the contract, and contract lines never change.
      if (!priced) throw new Error(`contract ${due.contractId} does not price ${l.sku} (standing order ${due.standingOrderId})`);
      return { sku: l.sku, name: priced.name, unit: priced.unit, base: priced.base, fen: priced.fen, ordered: l.quantity };
    });
    const { deliveryId, standingOrderId, contractId, kitchen, warehouse, address, date, cutoffAt } = due;
    await deps.deliveries.create({ deliveryId, standingOrderId, contractId, kitchen, warehouse, address, date, cutoffAt, lines }, context(IDS.createDelivery(deliveryId), cause));
    await reservePending(deliveryId, cause);
  }

  async function issue(dispatched: Of<'DeliveryDispatched'>, cause: RecordedEvent): Promise<void> {
    const { deliveryId } = dispatched;
    const delivery = await deps.deliveries.state(deliveryId);
    const holder = deliveryHolder(deliveryId);
    for (const { sku, quantity } of dispatched.lines) {
      if (quantity === 0 || deliveryLineOf(delivery, sku)?.issue) continue;
      const at = { sku, warehouse: delivery.warehouse };
      try {
        await deps.stock.allocate(at, { holder }, context(IDS.allocateStock(deliveryId, sku), cause));
        const out = await deps.stock.issue(at, { holder, reason: `kitchen delivery ${deliveryId}` }, context(IDS.issueStock(deliveryId, sku), cause));
        const picks = out.events.flatMap((e) => (e.type === 'StockIssued' ? e.data.picks : []));
        const sources = await deps.sources.of(at, picks);
        await deps.deliveries.recordIssue(deliveryId, sku, { picks, sources }, context(IDS.recordIssued(deliveryId, sku), cause));
      } catch (e) {
        // Only a refusal by the ledger (e.g. the held batch expired) is an outcome; IO errors are retried.
        if (!isDomainError(e)) throw e;
        await deps.deliveries.recordIssue(deliveryId, sku, { blocked: { code: e.code, reason: e.message } }, context(IDS.recordIssueBlocked(deliveryId, sku), cause));
      }
    }
  }

  async function release(cancelled: Of<'DeliveryCancelled'>, cause: RecordedEvent): Promise<void> {
    const { deliveryId } = cancelled;
    const delivery = await deps.deliveries.state(deliveryId);
    const holder = deliveryHolder(deliveryId);
    for (const line of delivery.lines) {
      const at = { sku: line.sku, warehouse: delivery.warehouse };
      if (hasOwnKey((await deps.stock.state(at)).reservations, holder)) {
        await deps.stock.release(at, { holder, reason: `kitchen delivery ${deliveryId} cancelled` }, context(IDS.releaseStock(deliveryId, line.sku), cause));
      }
      if (line.granted !== undefined) {
        const draw = { deliveryId, sku: line.sku, quantity: 0, stage: 'reserved' as const };
        await deps.contracts.settle(delivery.contractId, draw, context(IDS.settleCancelled(deliveryId, line.sku), cause));
      }
    }
  }

  async function settle(received: Of<'DeliveryReceived'>, cause: RecordedEvent): Promise<void> {
    const { deliveryId } = received;
    const delivery = await deps.deliveries.state(deliveryId);
    for (const line of received.lines) {
      await deps.contracts.settle(
        delivery.contractId,
        { deliveryId, sku: line.sku, quantity: line.received, stage: 'delivered' },
        context(IDS.settleDelivered(deliveryId, line.sku), cause),
      );
    }
  }

  return {
    name: KITCHEN_FULFILMENT,
    filter: {
      streamPrefixes: ['standing-', 'delivery-'],
      eventTypes: ['StandingDeliveryDue', 'DeliverySubstituteAccepted', 'DeliveryDispatched', 'DeliveryReceived', 'DeliveryCancelled'],
    },
    async handle(event) {
      if (event.streamId.startsWith('standing-') && event.type === 'StandingDeliveryDue') return open(event.data as Due, event);
      if (!event.streamId.startsWith('delivery-')) return;
      if (event.type === 'DeliverySubstituteAccepted') return reservePending((event.data as Of<'DeliverySubstituteAccepted'>).deliveryId, event);
      if (event.type === 'DeliveryDispatched') return issue(event.data as Of<'DeliveryDispatched'>, event);
      if (event.type === 'DeliveryReceived') return settle(event.data as Of<'DeliveryReceived'>, event);
      if (event.type === 'DeliveryCancelled') return release(event.data as Of<'DeliveryCancelled'>, event);
    },
  };
}

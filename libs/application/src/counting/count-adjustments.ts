import { COUNT_ADJUSTMENT_REASON, isDomainError, type CountAdjustment, type CountEvent } from '@gx/domain';
import type { CommandContext, RecordedEvent } from '@gx/eventstore';
import type { Clock } from '@gx/platform';
import type { ProcessManager } from '@gx/readstore';
import { causedBy } from '../kernel/command-context';
import { StockCommands } from '../stock/stock.commands';
import { CountCommands } from './count.commands';
import { COUNTING_COMMAND_IDS as IDS } from './counting.ids';

type CountApproved = Extract<CountEvent, { type: 'CountApproved' }>;

/** Name (checkpoint and lease) of the process manager posting approved counts to the ledger. */
export const COUNT_ADJUSTMENTS = 'count-adjustments';

/** Command id of the stock adjustment of one approved line: a redelivered approval appends nothing. */
export const countAdjustmentCommandId = (countId: string, a: Pick<CountAdjustment, 'sku' | 'batchId'>): string =>
  IDS.adjustStock(countId, a.sku, a.batchId);

/**
 * Posts an approved count's adjustments to the stock ledger, one per non-zero line, then records
 * on the count whether the ledger took each one or refused it (e.g. stock promised to holders), so
 * that no line is silently dropped.
 */
export function countAdjustmentsProcessManager(deps: { stock: StockCommands; counts: CountCommands; clock: Clock }): ProcessManager {
  const context = (commandId: string, cause: RecordedEvent): CommandContext => causedBy(COUNT_ADJUSTMENTS, commandId, cause, deps.clock.now());

  async function post(event: RecordedEvent, approved: CountApproved['data'], a: CountAdjustment): Promise<void> {
    const commandId = countAdjustmentCommandId(approved.countId, a);
    const line = { sku: a.sku, batchId: a.batchId };
    try {
      await deps.stock.adjust(
        { sku: a.sku, warehouse: approved.warehouse },
        { batchId: a.batchId, delta: a.delta, reason: COUNT_ADJUSTMENT_REASON, countId: approved.countId },
        context(commandId, event),
      );
    } catch (e) {
      // Only a refusal by the ledger is an outcome; anything else (IO) is retried by the runner.
      if (!isDomainError(e)) throw e;
      const blocked = { code: e.code, reason: e.message };
      await deps.counts.recordOutcome(approved.countId, line, { blocked }, context(IDS.recordBlocked(approved.countId, a.sku, a.batchId), event));
      return;
    }
    await deps.counts.recordOutcome(approved.countId, line, { posted: true }, context(IDS.recordPosted(approved.countId, a.sku, a.batchId), event));
  }

  return {
    name: COUNT_ADJUSTMENTS,
    filter: { streamPrefixes: ['count-'], eventTypes: ['CountApproved'] },
    async handle(event) {
      if (event.type !== 'CountApproved') return;
      const approved = (event as RecordedEvent<'CountApproved', CountApproved['data']>).data;
      for (const adjustment of approved.adjustments) await post(event, approved, adjustment);
    },
  };
}

import { Injectable } from '@nestjs/common';
import { COUNT_ADJUSTMENT_REASON, isDomainError, type CountAdjustment, type CountEvent } from '@gx/domain';
import type { CommandContext } from '@gx/eventstore';
import type { Clock } from '@gx/platform';
import type { ProcessManager } from '@gx/readstore';
import { eventCause, stepContext } from '../kernel/command-context';
import { StockCommands } from '../stock/stock.commands';
import { CountCommands } from './count.commands';
import { asCount } from './counting.projection';
import { COUNTING_COMMAND_IDS as IDS } from './counting.ids';

type CountApproved = Extract<CountEvent, { type: 'CountApproved' }>;

/** Name (checkpoint and lease) of the process manager posting approved counts to the ledger. */
export const COUNT_ADJUSTMENTS = 'count-adjustments';

/** Command id of the stock adjustment of one approved line: a redelivered approval appends nothing. */
export const countAdjustmentCommandId = (countId: string, a: Pick<CountAdjustment, 'sku' | 'batchId'>): string =>
  IDS.adjustStock(countId, a.sku, a.batchId);

/**
 * The steps that post an approved count's adjustments to the stock ledger, one per non-zero line, then
 * record on the count whether the ledger took each one or refused it (e.g. stock promised to holders), so
 * that no line is silently dropped. Every command runs under `stepContext(cause, <its id>)` with an id
 * from `COUNTING_COMMAND_IDS`.
 */
@Injectable()
export class CountAdjustments {
  constructor(
    private readonly stock: StockCommands,
    private readonly counts: CountCommands,
  ) {}

  /** A count was approved: post each of its adjustments. */
  async approved(approved: CountApproved['data'], cause: CommandContext): Promise<void> {
    for (const adjustment of approved.adjustments) await this.post(approved, adjustment, cause);
  }

  /** Post one adjustment and record its outcome on the count. */
  private async post(approved: CountApproved['data'], a: CountAdjustment, cause: CommandContext): Promise<void> {
    const line = { sku: a.sku, batchId: a.batchId };
    try {
      await this.stock.adjust(
        { sku: a.sku, warehouse: approved.warehouse },
        { batchId: a.batchId, delta: a.delta, reason: COUNT_ADJUSTMENT_REASON, countId: approved.countId },
        stepContext(cause, countAdjustmentCommandId(approved.countId, a)),
      );
    } catch (e) {
      // Only a refusal by the ledger is an outcome; anything else (IO) is retried by the runner.
      if (!isDomainError(e)) throw e;
      const blocked = { code: e.code, reason: e.message };
      await this.counts.recordOutcome(
        approved.countId,
        line,
        { blocked },
        stepContext(cause, IDS.recordBlocked(approved.countId, a.sku, a.batchId)),
      );
      return;
    }
    await this.counts.recordOutcome(
      approved.countId,
      line,
      { posted: true },
      stepContext(cause, IDS.recordPosted(approved.countId, a.sku, a.batchId)),
    );
  }
}

/**
 * The count-adjustments process manager: routes each approval to {@link CountAdjustments}, under one cause
 * per event (`eventCause`: the process manager as actor, the event as cause).
 */
export function countAdjustmentsProcessManager(steps: CountAdjustments, clock: Clock): ProcessManager {
  return {
    name: COUNT_ADJUSTMENTS,
    filter: { streamPrefixes: ['count-'], eventTypes: ['CountApproved'] },
    async handle(event) {
      const e = asCount(event);
      if (e?.type === 'CountApproved') await steps.approved(e.data, eventCause(COUNT_ADJUSTMENTS, event, clock.now()));
    },
  };
}

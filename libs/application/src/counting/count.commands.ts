import { Inject, Injectable } from '@nestjs/common';
import {
  countDecider,
  countStream,
  own,
  type CountCommand,
  type CountEvent,
  type CountLineInput,
  type CountState,
  type StockLevelDoc,
  type StockState,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { CONFIG, ProblemException, sha256Hex, type AppConfig } from '@gx/platform';
import { ReadModels } from '@gx/readstore';
import { CatalogCommands } from '../catalog/catalog.commands';
import { StockCommands } from '../stock/stock.commands';
import { STOCK } from '../stock/stock.projection';

/** A counted quantity as the counter enters it (blind: without the book figure). */
export interface CountedLine {
  sku: string;
  batchId: string;
  countedBase: number;
}

/** Where a count stands after a command, and the log position to read after. */
export interface CountChanged {
  countId: string;
  status: CountState['status'];
  position: string;
}

/** Count ids read like `C-1a2b3c4d5e6f`: a digest of the command that opened the count. */
export function countIdFor(commandId: string): string {
  return `C-${sha256Hex(commandId).slice(0, 12)}`;
}

/** Most SKUs a count of "everything at the warehouse" takes from the stock levels. */
const MAX_SKUS_PER_COUNT = 10_000;
/** Cost of a line the decider is about to refuse (its SKU is not in the count): never recorded. */
const NO_COST = { per: 1, fen: 0 };

/** Stock counts (盘点): open, enter blind lines with the book figure of the moment, submit, approve. */
@Injectable()
export class CountCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly stock: StockCommands,
    private readonly catalog: CatalogCommands,
    private readonly readModels: ReadModels,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Open a count of `skus` at `warehouse`; without SKUs, of every SKU with a stock level there. */
  async open(
    input: { warehouse: string; skus?: string[] },
    ctx: CommandContext,
  ): Promise<{ countId: string; skus: string[]; position: string }> {
    await this.catalog.warehouse(input.warehouse, 'warehouse');
    const named = input.skus ?? [];
    await Promise.all(named.map((sku, i) => this.catalog.sku(sku, `skus.${i}`)));
    const skus = named.length > 0 ? named : await this.skusWithStock(input.warehouse);
    const countId = countIdFor(ctx.commandId);
    const out = await this.execute(
      countId,
      { type: 'OpenCount', countId, warehouse: input.warehouse, skus, openedBy: ctx.actor, now: ctx.now },
      ctx,
    );
    return { countId, skus: out.state.skus, position: out.position };
  }

  /**
   * Enter counted quantities. Each line takes its batch's on-hand and cost from the stock ledger
   * now, so movements while the count is open are accounted for at the moment of counting. (A
   * movement landing between this read and the count's append is a race of milliseconds against
   * a physical count, and the ledger stays exact: approval posts counted − book of that moment.)
   */
  async recordLines(
    countId: string,
    lines: CountedLine[],
    ctx: CommandContext,
  ): Promise<{ countId: string; recorded: number; position: string }> {
    const count = await this.state(countId);
    const open = count.status === 'open';
    const stocks = new Map<string, StockState>();
    if (open) {
      const skus = [...new Set(lines.map((l) => l.sku))].filter((sku) => count.skus.includes(sku));
      const states = await Promise.all(skus.map((sku) => this.stock.state({ sku, warehouse: count.warehouse })));
      skus.forEach((sku, i) => stocks.set(sku, states[i]));
    }
    const entries = lines.map((line, i): CountLineInput => {
      const stock = stocks.get(line.sku);
      const batch = stock && own(stock.batches, line.batchId);
      if (open && count.skus.includes(line.sku) && !batch) {
        const message = `no batch ${line.batchId} of ${line.sku} at ${count.warehouse}`;
        throw new ProblemException(422, 'UNKNOWN_BATCH', message, {
          errors: [{ field: `lines.${i}.batchId`, message }],
        });
      }
      // Without a batch the decider refuses the line (SKU not counted) or the count (not open) before using these.
      return {
        sku: line.sku,
        batchId: line.batchId,
        counted: line.countedBase,
        book: batch?.onHand ?? 0,
        cost: batch?.cost ?? NO_COST,
      };
    });
    const out = await this.execute(
      countId,
      { type: 'RecordCountLines', countId, lines: entries, by: ctx.actor, now: ctx.now },
      ctx,
    );
    return { countId, recorded: lines.length, position: out.position };
  }

  /** Lock the lines; book, counted and variance become visible. */
  submit(countId: string, ctx: CommandContext): Promise<CountChanged> {
    return this.change(countId, { type: 'SubmitCount', countId, by: ctx.actor, now: ctx.now }, ctx);
  }

  /** Approve as the acting operator; above COUNT_SECOND_APPROVAL_FEN a second, different operator completes it. */
  async approve(countId: string, ctx: CommandContext): Promise<CountChanged & { approvers: string[] }> {
    const threshold = this.config.countSecondApprovalFen;
    const out = await this.execute(
      countId,
      { type: 'ApproveCount', countId, by: ctx.actor, now: ctx.now, threshold },
      ctx,
    );
    return { countId, status: out.state.status, approvers: out.state.approvers, position: out.position };
  }

  /** Abandon a count that is not yet approved. */
  cancel(countId: string, reason: string | undefined, ctx: CommandContext): Promise<CountChanged> {
    return this.change(
      countId,
      { type: 'CancelCount', countId, by: ctx.actor, now: ctx.now, ...(reason ? { reason } : {}) },
      ctx,
    );
  }

  /** Record on the count what the ledger did with one approved adjustment. */
  async recordOutcome(
    countId: string,
    line: { sku: string; batchId: string },
    outcome: { posted: true } | { blocked: { code: string; reason: string } },
    ctx: CommandContext,
  ): Promise<void> {
    const command: CountCommand =
      'posted' in outcome
        ? { type: 'RecordAdjustmentPosted', countId, ...line }
        : { type: 'RecordAdjustmentBlocked', countId, ...line, ...outcome.blocked };
    await this.execute(countId, command, ctx);
  }

  /** Current state of a count (the write side, exact). */
  async state(countId: string): Promise<CountState> {
    return (await this.runner.load(countDecider, countStream(countId))).state;
  }

  private async change(countId: string, command: CountCommand, ctx: CommandContext): Promise<CountChanged> {
    const out = await this.execute(countId, command, ctx);
    return { countId, status: out.state.status, position: out.position };
  }

  private execute(
    countId: string,
    command: CountCommand,
    ctx: CommandContext,
  ): Promise<CommandOutcome<CountEvent, CountState>> {
    return this.runner.execute(countDecider, countStream(countId), command, ctx);
  }

  private async skusWithStock(warehouse: string): Promise<string[]> {
    const levels = await this.readModels.find<StockLevelDoc>(
      STOCK.levels,
      { warehouse },
      { sort: [['sku', 1]], limit: MAX_SKUS_PER_COUNT },
    );
    return levels.map((level) => level.sku);
  }
}

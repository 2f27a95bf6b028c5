import { Injectable } from '@nestjs/common';
import {
  contractDecider,
  contractStream,
  drawKey,
  type ContractCommand,
  type ContractEvent,
  type ContractLine,
  type ContractState,
  type DrawStage,
  type SkuData,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import { ProblemException } from '@gx/platform';
import { CatalogCommands } from '../catalog/catalog.commands';
import { idDigest } from './kitchen-access';

/** A contract as an operator enters it: prices per unit the trade uses (kg, 斤, 盒, or the base unit itself). */
export interface ContractInput {
  kitchen: string;
  title: string;
  from: string;
  to: string;
  lines: Array<{ sku: string; unit: string; fen: number; limit?: number }>;
}

/** Base units in one `unit` of the SKU: its base unit itself (1) or one of its sale units. */
function unitBase(sku: SkuData, unit: string, field: string): number {
  if (unit === sku.baseUnit) return 1;
  const sale = sku.saleUnits.find((u) => u.unit === unit);
  if (sale) return sale.base;
  const units = [sku.baseUnit, ...sku.saleUnits.map((u) => u.unit)].join(', ');
  const message = `${sku.code} is sold in ${units}, not ${unit}`;
  throw new ProblemException(422, 'UNKNOWN_UNIT', message, { errors: [{ field, message }] });
}

/** Supply contracts (供货协议): created by operators; their contracted totals are drawn by deliveries. */
@Injectable()
export class ContractCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly catalog: CatalogCommands,
  ) {}

  /** Create a contract; names, categories and unit sizes come from the catalog. The id derives from the command id. */
  async create(
    input: ContractInput,
    ctx: CommandContext,
  ): Promise<{ contractId: string; position: string; state: ContractState }> {
    // The kitchen's own stream: one registered a moment ago counts, an unknown one is UNKNOWN_KITCHEN.
    await this.catalog.kitchen(input.kitchen, 'kitchen');
    const lines = await Promise.all(
      input.lines.map(async (l, i): Promise<ContractLine> => {
        const sku = await this.catalog.sku(l.sku, `lines.${i}.sku`);
        const base = unitBase(sku, l.unit, `lines.${i}.saleUnit`);
        return {
          sku: l.sku,
          name: sku.name,
          category: sku.category,
          unit: l.unit,
          base,
          fen: l.fen,
          ...(l.limit !== undefined ? { limit: l.limit } : {}),
        };
      }),
    );
    const contractId = `CT-${idDigest(ctx.commandId)}`;
    const { kitchen, title, from, to } = input;
    const out = await this.execute(
      contractId,
      { type: 'CreateContract', contractId, kitchen, title, from, to, lines, by: ctx.actor, now: ctx.now },
      ctx,
    );
    return { contractId, position: out.position, state: out.state };
  }

  /** Draw up to `requested` for one delivery line; answers what the contract granted (the first answer on a repeat). */
  async commit(
    contractId: string,
    draw: { deliveryId: string; sku: string; requested: number },
    ctx: CommandContext,
  ): Promise<number> {
    const out = await this.execute(contractId, { type: 'CommitContractQuantity', ...draw }, ctx);
    const granted = out.state.commitments[drawKey(draw.deliveryId, draw.sku)];
    if (granted === undefined)
      throw new Error(`contract ${contractId} recorded no draw for ${draw.deliveryId} ${draw.sku}`);
    return granted;
  }

  /** Correct one delivery line's draw to what it holds or what was accepted. */
  async settle(
    contractId: string,
    draw: { deliveryId: string; sku: string; quantity: number; stage: DrawStage },
    ctx: CommandContext,
  ): Promise<void> {
    await this.execute(contractId, { type: 'SettleContractQuantity', ...draw }, ctx);
  }

  /** Current state of a contract (the write side, exact). */
  async state(contractId: string): Promise<ContractState> {
    return (await this.runner.load(contractDecider, contractStream(contractId))).state;
  }

  private execute(
    contractId: string,
    command: ContractCommand,
    ctx: CommandContext,
  ): Promise<CommandOutcome<ContractEvent, ContractState>> {
    return this.runner.execute(contractDecider, contractStream(contractId), command, ctx);
  }
}

import { Injectable } from '@nestjs/common';
import {
  campaignDecider,
  campaignStream,
  DomainError,
  pickupPointDecider,
  pickupPointStream,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignState,
  type CampaignTerms,
  type PickupPointData,
  type SaleUnit,
  type SkuData,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { CatalogCommands } from '../catalog/catalog.commands';
import { campaignIdFor } from './group-buy.ids';

/** A campaign as an operator or leader enters it; quantities in whole sale units, price in fen per sale unit. */
export interface CampaignInput {
  title?: string;
  sku: string;
  /** Supplying warehouse. */
  warehouse: string;
  pickupPoint: string;
  /** One of the SKU's sale units (e.g. `斤`), or its base unit (`g`, `piece`); default: its first sale unit. */
  saleUnit?: string;
  unitPriceFen: number;
  minQuantity: number;
  quota: number;
  perCustomerLimit: number;
  /** Default: now. */
  opensAt?: string;
  cutoffAt: string;
  pickupDate: string;
}

/** A campaign's terms and status after a command, and the log position to read after. */
export interface CampaignChanged {
  campaign: CampaignTerms & { status: CampaignState['status'] };
  position: string;
}

/** Operators may run any campaign; a leader only campaigns of the pickup point they run (their token's party). */
export function requireCampaignRights(actor: AuthUser, pickupPoint: string): void {
  if (actor.roles.includes('operator')) return;
  if (actor.roles.includes('leader') && actor.party === pickupPoint) return;
  throw new DomainError('FORBIDDEN', `only operators and the leader of ${pickupPoint} may manage its campaigns`, 'pickupPoint');
}

/** The sale unit named `name` of a SKU (its base unit counts as one of base 1). */
export function saleUnitOf(sku: SkuData, name: string | undefined): SaleUnit {
  const units: SaleUnit[] = [...sku.saleUnits, { unit: sku.baseUnit, base: 1 }];
  const unit = name === undefined ? units[0] : units.find((u) => u.unit === name);
  if (!unit) throw new DomainError('INVALID_STATE', `${sku.code} is sold in ${units.map((u) => u.unit).join(', ')}`, 'saleUnit');
  return unit;
}

const iso = (at: string): string => new Date(at).toISOString();

/** Campaign streams: creation and every command on the hot `campaign-<id>` stream. */
@Injectable()
export class CampaignCommands {
  constructor(
    private readonly runner: CommandRunner,
    private readonly catalog: CatalogCommands,
  ) {}

  /** Create a draft campaign; its id derives from the command id (a retried create is the same campaign). */
  async create(input: CampaignInput, actor: AuthUser, ctx: CommandContext): Promise<CampaignChanged> {
    requireCampaignRights(actor, input.pickupPoint);
    const [sku, , pickupPoint] = await Promise.all([
      this.catalog.sku(input.sku, 'sku'),
      this.catalog.warehouse(input.warehouse, 'warehouse'),
      this.pickupPoint(input.pickupPoint),
    ]);
    if (pickupPoint.warehouse === input.warehouse) {
      throw new DomainError('INVALID_STATE', `${input.warehouse} is the pickup point's own warehouse; campaigns ship from a supplying warehouse`, 'warehouse');
    }
    const saleUnit = saleUnitOf(sku, input.saleUnit);
    const campaignId = campaignIdFor(ctx.commandId);
    const terms: CampaignTerms = {
      campaignId,
      title: input.title ?? `${sku.name} ${saleUnit.unit} 团购`,
      sku: sku.code,
      skuName: sku.name,
      warehouse: input.warehouse,
      pickupPoint: pickupPoint.code,
      pickupWarehouse: pickupPoint.warehouse,
      saleUnit,
      unitPriceFen: input.unitPriceFen,
      minQuantity: input.minQuantity,
      quota: input.quota,
      perCustomerLimit: input.perCustomerLimit,
      opensAt: iso(input.opensAt ?? ctx.now),
      cutoffAt: iso(input.cutoffAt),
      pickupDate: input.pickupDate,
      createdBy: ctx.actor,
      createdAt: ctx.now,
    };
    const out = await this.execute(campaignId, { type: 'CreateCampaign', terms, now: ctx.now }, ctx);
    return changed(out);
  }

  /** The pickup point registered under `code`, or NOT_FOUND naming `pickupPoint`. */
  async pickupPoint(code: string): Promise<PickupPointData> {
    const { state } = await this.runner.load(pickupPointDecider, pickupPointStream(code));
    if (!state.exists) throw new DomainError('NOT_FOUND', `no pickup point ${code}`, 'pickupPoint');
    return state.data;
  }

  /** Current state of a campaign and the log position it was read at (the write side, exact; cached). */
  load(campaignId: string): Promise<{ state: CampaignState; position: string }> {
    return this.runner.load(campaignDecider, campaignStream(campaignId));
  }

  /** Current state of a campaign (the write side, exact; cached for hot streams). */
  async state(campaignId: string): Promise<CampaignState> {
    return (await this.runner.load(campaignDecider, campaignStream(campaignId))).state;
  }

  /** The terms of an existing campaign, or NOT_FOUND. */
  async terms(campaignId: string): Promise<CampaignTerms> {
    const { terms } = await this.state(campaignId);
    if (!terms) throw new DomainError('NOT_FOUND', `no campaign ${campaignId}`, 'campaignId');
    return terms;
  }

  /** Decide `command` on the campaign's stream. */
  execute(campaignId: string, command: CampaignCommand, ctx: CommandContext): Promise<CommandOutcome<CampaignEvent, CampaignState>> {
    return this.runner.execute(campaignDecider, campaignStream(campaignId), command, ctx);
  }
}

/** The answer of a campaign command. */
export function changed(out: CommandOutcome<CampaignEvent, CampaignState>): CampaignChanged {
  // Every command that succeeds runs on an existing campaign: creation is the first.
  const terms = out.state.terms as CampaignTerms;
  return { campaign: { ...terms, status: out.state.status }, position: out.position };
}

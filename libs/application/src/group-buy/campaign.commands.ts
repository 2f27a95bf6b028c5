import { Injectable } from '@nestjs/common';
import {
  campaignDecider,
  campaignStream,
  DomainError,
  shanghaiIso,
  pickupPointDecider,
  pickupPointStream,
  type CampaignCommand,
  type CampaignEvent,
  type CampaignState,
  type BaseUnit,
  type CampaignTerms,
  type PickupPointData,
  type SaleUnit,
  type SkuData,
  type TermsChange,
} from '@gx/domain';
import { CommandRunner, type CommandContext, type CommandOutcome } from '@gx/eventstore';
import type { AuthUser } from '@gx/platform';
import { CatalogCommands } from '../catalog/catalog.commands';
import { requireCampaignRights } from './group-buy-access';
import { campaignIdFor } from './group-buy.ids';
import { campaignViewOfTerms, type CampaignView } from './group-buy.views';

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

/** Terms of a draft to change (absent: unchanged); quantities in whole sale units, price in fen per sale unit. */
export type CampaignEdit = Partial<
  Pick<
    CampaignInput,
    | 'title'
    | 'pickupPoint'
    | 'unitPriceFen'
    | 'minQuantity'
    | 'quota'
    | 'perCustomerLimit'
    | 'opensAt'
    | 'cutoffAt'
    | 'pickupDate'
  >
>;

/** A campaign after a command, in the shape of every campaign answer, and the log position to read after. */
export type CampaignChanged = CampaignView & { position: string };

/** What a cancellation did: the campaign, the orders cancelled with it and the refunds it set off (`at`: Beijing time). */
export type CampaignCancelled = CampaignChanged & {
  cancelled: { wasPublished: boolean; orders: number; refunds: number; reason: string; by: string; at: string };
};

/** The sale unit named `name` of a SKU (its base unit counts as one of base 1). */
export function saleUnitOf(sku: SkuData, name: string | undefined): SaleUnit {
  const units: SaleUnit[] = [...sku.saleUnits, { unit: sku.baseUnit, base: 1 }];
  const unit = name === undefined ? units[0] : units.find((u) => u.unit === name);
  if (!unit)
    throw new DomainError('INVALID_STATE', `${sku.code} is sold in ${units.map((u) => u.unit).join(', ')}`, 'saleUnit');
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
      throw new DomainError(
        'INVALID_STATE',
        `${input.warehouse} is the pickup point's own warehouse; campaigns ship from a supplying warehouse`,
        'warehouse',
      );
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
    return changed(out, sku.baseUnit);
  }

  /** The SKU registered under `code`, or NOT_FOUND naming `sku`. */
  sku(code: string): Promise<SkuData> {
    return this.catalog.sku(code, 'sku');
  }

  /**
   * Change terms of a draft (operators; the leader of its pickup point, who may move it only to a
   * point they run). The new terms are validated like a creation's; CAMPAIGN_NOT_DRAFT once published.
   */
  async edit(campaignId: string, input: CampaignEdit, actor: AuthUser, ctx: CommandContext): Promise<CampaignChanged> {
    const terms = await this.terms(campaignId);
    requireCampaignRights(actor, terms.pickupPoint);
    const changes: TermsChange = {};
    for (const key of ['title', 'unitPriceFen', 'minQuantity', 'quota', 'perCustomerLimit', 'pickupDate'] as const) {
      if (input[key] !== undefined) Object.assign(changes, { [key]: input[key] });
    }
    if (input.opensAt !== undefined) changes.opensAt = iso(input.opensAt);
    if (input.cutoffAt !== undefined) changes.cutoffAt = iso(input.cutoffAt);
    if (input.pickupPoint !== undefined && input.pickupPoint !== terms.pickupPoint) {
      requireCampaignRights(actor, input.pickupPoint);
      const point = await this.pickupPoint(input.pickupPoint);
      if (point.warehouse === terms.warehouse) {
        throw new DomainError(
          'INVALID_STATE',
          `${terms.warehouse} is that pickup point's own warehouse; campaigns ship from a supplying warehouse`,
          'pickupPoint',
        );
      }
      changes.pickupPoint = point.code;
      changes.pickupWarehouse = point.warehouse;
    }
    const [out, sku] = await Promise.all([
      this.execute(campaignId, { type: 'EditCampaign', changes, by: ctx.actor, now: ctx.now }, ctx),
      this.sku(terms.sku),
    ]);
    return changed(out, sku.baseUnit);
  }

  /**
   * Cancel a campaign for `reason`: a draft (operators, the leader of its pickup point), or a published
   * one (operators): every live order is cancelled, paid ones refunded through the gateway and unpaid
   * online ones no longer payable (payments process manager), and the quota goes back to stock
   * (fulfilment process manager), all from the one `CampaignCancelled` event.
   */
  async cancel(campaignId: string, reason: string, actor: AuthUser, ctx: CommandContext): Promise<CampaignCancelled> {
    const terms = await this.terms(campaignId);
    requireCampaignRights(actor, terms.pickupPoint);
    const command = {
      type: 'CancelCampaign' as const,
      by: ctx.actor,
      reason,
      mayCancelPublished: actor.roles.includes('operator'),
      now: ctx.now,
    };
    const [out, sku] = await Promise.all([this.execute(campaignId, command, ctx), this.sku(terms.sku)]);
    const event = out.events.find((e) => e.type === 'CampaignCancelled');
    if (event?.type !== 'CampaignCancelled') throw new Error(`cancelling ${campaignId} appended no CampaignCancelled`);
    const { wasPublished, orders, refunds, by, at } = event.data;
    return {
      ...changed(out, sku.baseUnit),
      cancelled: {
        wasPublished,
        orders: orders.length,
        refunds: refunds.length,
        reason: event.data.reason,
        by,
        at: shanghaiIso(at),
      },
    };
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
  execute(
    campaignId: string,
    command: CampaignCommand,
    ctx: CommandContext,
  ): Promise<CommandOutcome<CampaignEvent, CampaignState>> {
    return this.runner.execute(campaignDecider, campaignStream(campaignId), command, ctx);
  }
}

/** The answer of a campaign command (`baseUnit`: the SKU's). */
export function changed(out: CommandOutcome<CampaignEvent, CampaignState>, baseUnit: BaseUnit): CampaignChanged {
  // Every command that succeeds runs on an existing campaign: creation is the first.
  const terms = out.state.terms as CampaignTerms;
  return { ...campaignViewOfTerms(terms, out.state.status, baseUnit), position: out.position };
}

import {
  evolveCampaignDoc,
  shanghaiIso,
  type BaseUnit,
  type CampaignDoc,
  type CampaignStatus,
  type CampaignTerms,
  type PickupView,
  type SaleUnit,
} from '@gx/domain';
import { publicView } from '../kernel/read-gate';

/** A campaign's books at its pickup point, quantities in base units (`…Base`). */
export type PickupBooksView = Omit<PickupView, 'received' | 'lost' | 'held' | 'stillHeld' | 'issued'> & {
  receivedBase?: number;
  lostBase?: number;
  heldBase?: number;
  stillHeldBase?: number;
  issuedBase: number;
};

/** What the stock side did with a closed campaign, quantities in base units. */
export type FulfilmentView = {
  status: 'pending' | 'done' | 'blocked';
  allocatedBase?: number;
  releasedBase?: number;
  transferId?: string;
  step?: string;
  code?: string;
  reason?: string;
};

/**
 * A campaign as every answer gives it (POST, GET, lists): quantities of the campaign in whole sale units
 * beside `saleUnit: { unit, base }`, quantities of goods in base units (`…Base`) beside `baseUnit`,
 * business times with their +08:00 offset.
 */
export type CampaignView = Omit<
  CampaignDoc,
  '_id' | '_position' | 'saleUnit' | 'saleUnitBase' | 'pickup' | 'fulfilment'
> & {
  saleUnit: SaleUnit;
  baseUnit: BaseUnit;
  fulfilment?: FulfilmentView;
  pickup?: PickupBooksView;
};

function pickupView(p: PickupView): PickupBooksView {
  const { received, lost, held, stillHeld, issued, ...rest } = p;
  return {
    ...rest,
    issuedBase: issued,
    ...(received !== undefined && { receivedBase: received }),
    ...(lost !== undefined && { lostBase: lost }),
    ...(held !== undefined && { heldBase: held }),
    ...(stillHeld !== undefined && { stillHeldBase: stillHeld }),
  };
}

/** The view of a campaign read model (`baseUnit`: the SKU's). */
export function campaignView(doc: CampaignDoc, baseUnit: BaseUnit): CampaignView {
  const { saleUnit, saleUnitBase, pickup, fulfilment, opensAt, cutoffAt, cancellation, ...rest } = publicView(
    doc as CampaignDoc & { _position?: string },
  );
  const { allocated, released, ...done } = fulfilment ?? { status: 'pending' as const };
  return {
    ...rest,
    opensAt: shanghaiIso(opensAt),
    cutoffAt: shanghaiIso(cutoffAt),
    ...(cancellation && { cancellation: { ...cancellation, at: shanghaiIso(cancellation.at) } }),
    saleUnit: { unit: saleUnit, base: saleUnitBase },
    baseUnit,
    ...(fulfilment && {
      fulfilment: {
        ...done,
        ...(allocated !== undefined && { allocatedBase: allocated }),
        ...(released !== undefined && { releasedBase: released }),
      },
    }),
    ...(pickup && { pickup: pickupView(pickup) }),
  };
}

/** The view of a campaign the write side just changed: its terms and status, the figures of a campaign without orders. */
export function campaignViewOfTerms(
  terms: CampaignTerms,
  status: CampaignStatus | 'none',
  baseUnit: BaseUnit,
): CampaignView {
  const doc = evolveCampaignDoc(null, { type: 'CampaignCreated', data: terms }, terms.createdAt) as CampaignDoc;
  // A command that succeeded ran on an existing campaign: 'none' does not occur.
  return campaignView({ ...doc, status: status === 'none' ? doc.status : status }, baseUnit);
}

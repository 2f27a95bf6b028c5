import type { PersonalText } from '../shared/personal-data';

/** Credit held for one bid while it may still bind the buyer: units × the bid's maximum. */
export interface CreditHold {
  lotId: string;
  amount: number;
}

/** A sold lot the buyer owes for (应收), and what has been paid against it. */
export interface Receivable {
  lotId: string;
  amount: number;
  paid: number;
}

export type BuyerEvent =
  /** The buyer account exists (POST /buyers): credit can be set and users can act for it from now on. */
  | { type: 'BuyerRegistered'; data: { buyerId: string; name: PersonalText; by: string; at: string } }
  | {
      type: 'BuyerCreditLimitSet';
      data: { buyerId: string; creditLimit: number; previous: number | null; by: string; at: string };
    }
  | {
      type: 'BuyerExposureReserved';
      data: { buyerId: string; bidId: string; lotId: string; amount: number; at: string };
    }
  | {
      type: 'BuyerExposureReleased';
      data: { buyerId: string; bidId: string; lotId: string; amount: number; reason: string; at: string };
    }
  /** A won lot: every hold on it ends and the sale amount becomes a receivable. */
  | {
      type: 'BuyerExposureConverted';
      data: { buyerId: string; lotId: string; saleId: string; bidIds: string[]; amount: number; at: string };
    }
  | {
      type: 'BuyerPaymentRecorded';
      data: { buyerId: string; saleId: string; paymentId: string; amount: number; at: string };
    };

/** Stream of one buyer's credit account: `buyer-<id>` (the id is the buyer users' `party`). */
export const buyerStream = (buyerId: string): string => `buyer-${buyerId}`;

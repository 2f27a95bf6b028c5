import type { CutoffRule, DeliverySchedule, NextDelivery } from './schedule';

/** One line of a standing order: a SKU of the contract and its quantity in base units. */
export interface StandingLine {
  sku: string;
  quantity: number;
}

/** Dates d with `from` ≤ d < `until` (a pause). */
export interface PauseRange {
  from: string;
  until: string;
}

/** What a standing order is: lines delivered on a schedule from a warehouse, under a contract. */
export interface StandingOrderSpec {
  standingOrderId: string;
  kitchen: string;
  contractId: string;
  warehouse: string;
  address: string;
  lines: StandingLine[];
  schedule: DeliverySchedule;
  startDate: string;
  endDate: string;
  cutoff: CutoffRule;
}

/** Every standing-order event names its order and the next delivery it leaves pending (null: none). */
interface Next {
  standingOrderId: string;
  next: NextDelivery | null;
}

export type StandingOrderEvent =
  | {
      type: 'StandingOrderPlaced';
      data: StandingOrderSpec & Next & { skipped: string[]; cursor: string; placedBy: string; placedAt: string };
    }
  | { type: 'StandingDateSkipped'; data: Next & { date: string } }
  /** The lines of one date replaced (a skipped date so changed is delivered again). */
  | { type: 'StandingDateChanged'; data: Next & { date: string; lines: StandingLine[] } }
  | { type: 'StandingOrderPaused'; data: Next & PauseRange }
  /** Pauses end before `from`, the first date whose cut-off was still ahead. */
  | { type: 'StandingOrderResumed'; data: Next & { from: string } }
  | { type: 'StandingOrderEnded'; data: Next & { lastDate: string } }
  /** The cut-off of `date` passed: it becomes delivery `deliveryId` with these lines. */
  | {
      type: 'StandingDeliveryDue';
      data: Next & {
        date: string;
        cutoffAt: string;
        deliveryId: string;
        kitchen: string;
        contractId: string;
        warehouse: string;
        address: string;
        lines: StandingLine[];
        /** Set when an operator ran the cut-off before its time. */
        runNow?: { by: string; at: string };
      };
    }
  /** The cut-off of `date` was handled only after the date itself had passed (the worker was down): nothing is delivered. */
  | { type: 'StandingDeliveryLapsed'; data: Next & { date: string; cutoffAt: string } };

/** Stream of one standing order: `standing-<standingOrderId>`. */
export const standingOrderStream = (standingOrderId: string): string => `standing-${standingOrderId}`;

/** The delivery a standing order's date becomes: `<standingOrderId>-<yyyymmdd>`, the same however often it is generated. */
export const deliveryIdOf = (standingOrderId: string, date: string): string =>
  `${standingOrderId}-${date.replaceAll('-', '')}`;

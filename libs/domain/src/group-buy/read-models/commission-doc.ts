import { own } from '../../shared/own-keys';
import type { OrderEvent } from '../order.events';

/** Read model `gb_commissions`: what a pickup point's leaders handed over and earned, per month (Asia/Shanghai). */
export type CommissionDoc = {
  _id: string;
  pickupPoint: string;
  /** YYYY-MM. */
  month: string;
  completedOrders: number;
  salesFen: number;
  /** Cash / QR collected at hand-over for orders paid at pickup. */
  collectedFen: number;
  commissionFen: number;
  byLeader: Record<string, { completedOrders: number; commissionFen: number }>;
  updatedAt: string;
};

/** Id of a commission document: `<pickupPoint>|<YYYY-MM>`. */
export const commissionIdOf = (pickupPoint: string, month: string): string => `${pickupPoint}|${month}`;

/** Business month (Asia/Shanghai, UTC+8) of an ISO instant. */
export const shanghaiMonth = (at: string): string => new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 7);

/** The commission document a hand-over counts in, if any. */
export function commissionIdsOf(event: OrderEvent): string[] {
  return event.type === 'OrderHandedOver' ? [commissionIdOf(event.data.pickupPoint, shanghaiMonth(event.data.at))] : [];
}

/** Fold a hand-over into its pickup point's monthly commission. */
export function evolveCommissionDoc(doc: CommissionDoc | null, event: OrderEvent): CommissionDoc | null {
  if (event.type !== 'OrderHandedOver') return doc;
  const d = event.data;
  const month = shanghaiMonth(d.at);
  const base: CommissionDoc = doc ?? {
    _id: commissionIdOf(d.pickupPoint, month),
    pickupPoint: d.pickupPoint,
    month,
    completedOrders: 0,
    salesFen: 0,
    collectedFen: 0,
    commissionFen: 0,
    byLeader: {},
    updatedAt: d.at,
  };
  const mine = own(base.byLeader, d.leader) ?? { completedOrders: 0, commissionFen: 0 };
  return {
    ...base,
    completedOrders: base.completedOrders + 1,
    salesFen: base.salesFen + d.amountFen,
    collectedFen: base.collectedFen + d.collectedFen,
    commissionFen: base.commissionFen + d.commissionFen,
    byLeader: {
      ...base.byLeader,
      [d.leader]: { completedOrders: mine.completedOrders + 1, commissionFen: mine.commissionFen + d.commissionFen },
    },
    updatedAt: d.at,
  };
}

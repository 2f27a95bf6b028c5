import type { BatchMovement } from '../stock/read-models/batch-trace';

/** One warehouse a batch passed through on its way to a pickup point: where, and when it arrived there. */
export interface TraceHop {
  warehouse: string;
  at: string;
  /** `received` from its producer (收购入库), or `transferred` in from the previous hop. */
  arrival: 'received' | 'transferred';
}

const arrivedHere = (m: BatchMovement, warehouse: string): boolean =>
  m.warehouse === warehouse && (m.type === 'StockReceived' || (m.type === 'StockTransferredIn' && m.quantity > 0));

/**
 * The hops of a batch that ended at `destination` (the pickup point's village point), oldest first:
 * from its arrival there back, transfer by transfer, to the warehouse that received it from the
 * producer (county hub → township station → village point). A batch moves to many places; only the
 * chain of arrivals leading to `destination` is followed, each one earlier in the log than the next.
 */
export function hopsTo(movements: readonly BatchMovement[], destination: string): TraceHop[] {
  const hops: TraceHop[] = [];
  let here = destination;
  let before: bigint | undefined;
  const visited = new Set<string>();
  while (!visited.has(here)) {
    visited.add(here);
    const bound = before;
    const arrival = movements
      .filter((m) => arrivedHere(m, here) && (bound === undefined || BigInt(m.position) < bound))
      .at(-1);
    if (!arrival) break;
    hops.unshift({
      warehouse: here,
      at: arrival.at,
      arrival: arrival.type === 'StockReceived' ? 'received' : 'transferred',
    });
    if (arrival.type === 'StockReceived' || arrival.from === undefined) break;
    here = arrival.from;
    before = BigInt(arrival.position);
  }
  return hops;
}

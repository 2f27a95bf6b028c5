import type { BatchPick, StockEvent } from '../stock.events';

/** Read model `transfers`: stock on its way between warehouses (in transit until received). */
export type TransferDoc = {
  _id: string;
  transferId: string;
  sku: string;
  from: string;
  to: string;
  holder?: string;
  quantity: number;
  picks: BatchPick[];
  status: 'in_transit' | 'received';
  sentAt: string;
  receivedAt?: string;
  received?: number;
  lost?: BatchPick[];
};

const total = (picks: BatchPick[]): number => picks.reduce((n, p) => n + p.quantity, 0);

/** Transfer an event concerns, if any. */
export const transferIdOf = (event: StockEvent): string | undefined =>
  event.type === 'StockTransferredOut' || event.type === 'StockTransferredIn' ? event.data.transferId : undefined;

/** Fold a stock event into a transfer document. */
export function evolveTransfer(doc: TransferDoc | null, event: StockEvent, occurredAt: string): TransferDoc | null {
  switch (event.type) {
    case 'StockTransferredOut': {
      const { transferId, sku, warehouse, to, holder, picks } = event.data;
      return {
        _id: transferId,
        transferId,
        sku,
        from: warehouse,
        to,
        ...(holder ? { holder } : {}),
        quantity: total(picks),
        picks: picks.map(({ batchId, quantity }) => ({ batchId, quantity })),
        status: 'in_transit',
        sentAt: occurredAt,
      };
    }
    case 'StockTransferredIn':
      return (
        doc && {
          ...doc,
          status: 'received',
          receivedAt: event.data.receivedAt,
          received: total(event.data.picks),
          lost: event.data.lost,
        }
      );
    default:
      return doc;
  }
}

import type { BatchMovement } from '../stock/read-models/batch-trace';
import { hopsTo } from './trace';

const move = (
  position: number,
  type: BatchMovement['type'],
  warehouse: string,
  quantity: number,
  extra: Partial<BatchMovement> = {},
): BatchMovement => ({
  position: String(position),
  at: `2026-11-2${position}T02:00:00.000Z`,
  actor: 'operator1',
  warehouse,
  type,
  quantity,
  ...extra,
});

describe('the hops of a batch to a pickup point', () => {
  const movements: BatchMovement[] = [
    move(1, 'StockReceived', 'HUB', 10_000),
    move(2, 'StockTransferredOut', 'HUB', -6_000, { to: 'TOWN', transferId: 'T-1' }),
    move(3, 'StockTransferredIn', 'TOWN', 6_000, { from: 'HUB', transferId: 'T-1' }),
    move(4, 'StockTransferredOut', 'HUB', -1_000, { to: 'OTHER-VP', transferId: 'T-2' }),
    move(5, 'StockTransferredIn', 'OTHER-VP', 1_000, { from: 'HUB', transferId: 'T-2' }),
    move(6, 'StockTransferredOut', 'TOWN', -2_000, { to: 'VP', transferId: 'T-3' }),
    move(7, 'StockTransferredIn', 'VP', 2_000, { from: 'TOWN', transferId: 'T-3' }),
    move(8, 'StockIssued', 'VP', -1_000, { holder: 'GB-1:pickup' }),
  ];

  it('follows hub → township → village point and ignores where else the batch went', () => {
    expect(hopsTo(movements, 'VP')).toEqual([
      { warehouse: 'HUB', at: movements[0]?.at, arrival: 'received' },
      { warehouse: 'TOWN', at: movements[2]?.at, arrival: 'transferred' },
      { warehouse: 'VP', at: movements[6]?.at, arrival: 'transferred' },
    ]);
    expect(hopsTo(movements, 'OTHER-VP').map((h) => h.warehouse)).toEqual(['HUB', 'OTHER-VP']);
  });

  it('stops at a transfer that lost everything, and answers nothing for a place the batch never reached', () => {
    const lost = [...movements.slice(0, 6), move(7, 'StockTransferredIn', 'VP', 0, { from: 'TOWN', lost: 2_000 })];
    expect(hopsTo(lost, 'VP')).toEqual([]);
    expect(hopsTo(movements, 'NOWHERE')).toEqual([]);
  });
});

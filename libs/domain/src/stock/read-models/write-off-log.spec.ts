import type { StockEvent } from '../stock.events';
import { evolveWriteOff } from './write-off-log';

const at = { sku: 'SKU-TOMATO-SX', warehouse: 'LC-HUB-SX' };
const recorded = { position: '42', at: '2026-12-02T03:00:00.000Z', actor: 'operator1' };
const writeOff: StockEvent = {
  type: 'StockWrittenOff',
  data: { ...at, batchId: 'B-1', quantity: 2_500, value: 750, reason: 'spoilage', note: '冷库温控故障' },
};

describe('read model stock_write_offs', () => {
  it('records a write-off with its batch, base quantity, value at cost, reason, note, who and when', () => {
    expect(evolveWriteOff(null, writeOff, 'e-1', recorded)).toEqual({
      _id: 'e-1',
      ...at,
      batchId: 'B-1',
      quantityBase: 2_500,
      valueFen: 750,
      reason: 'spoilage',
      note: '冷库温控故障',
      by: 'operator1',
      at: recorded.at,
      position: '42',
    });
  });

  it('gives the same document when the event is applied twice', () => {
    const once = evolveWriteOff(null, writeOff, 'e-1', recorded);
    expect(evolveWriteOff(once, writeOff, 'e-1', recorded)).toEqual(once);
  });

  it('leaves out the note when there is none, and ignores every other stock event', () => {
    const { note: _note, ...data } = writeOff.type === 'StockWrittenOff' ? writeOff.data : ({} as never);
    expect(evolveWriteOff(null, { type: 'StockWrittenOff', data }, 'e-2', recorded)).not.toHaveProperty('note');
    expect(
      evolveWriteOff(
        null,
        { type: 'BatchInspectionCleared', data: { ...at, batchId: 'B-1', inspection: { result: 'pass' } } },
        'e-3',
        recorded,
      ),
    ).toBeNull();
  });
});

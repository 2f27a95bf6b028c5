import { given } from '@gx/testing';
import { fold } from '../shared/decider';
import { contractDecider, type CreateContract } from './contract.decide';
import type { ContractEvent, ContractLine } from './contract.events';
import { remainingOf } from './contract.state';
import { amountAt } from './pricing';

const cabbage: ContractLine = {
  sku: 'SKU-CABBAGE',
  name: '大白菜',
  category: 'vegetable',
  unit: 'kg',
  base: 1000,
  fen: 260,
};
const egg: ContractLine = {
  sku: 'SKU-EGG',
  name: '鲜鸡蛋',
  category: 'egg',
  unit: 'piece',
  base: 1,
  fen: 80,
  limit: 1_000,
};
const create = (overrides: Partial<CreateContract> = {}): CreateContract => ({
  type: 'CreateContract',
  contractId: 'CT-1',
  kitchen: 'KITCHEN-LC-01',
  title: '2026 年度蔬菜蛋类供货协议',
  from: '2026-01-01',
  to: '2026-12-31',
  lines: [cabbage, egg],
  by: 'operator1',
  now: '2025-12-20T02:00:00.000Z',
  ...overrides,
});
const created = contractDecider.decide(create(), contractDecider.initialState);
const commit = (deliveryId: string, requested: number) => ({
  type: 'CommitContractQuantity' as const,
  deliveryId,
  sku: 'SKU-EGG',
  requested,
});
const committed = (deliveryId: string, requested: number, granted: number, drawn: number): ContractEvent => ({
  type: 'ContractQuantityCommitted',
  data: { contractId: 'CT-1', deliveryId, sku: 'SKU-EGG', requested, granted, drawn },
});

describe('contract prices', () => {
  it('values base units at the contract price, in whole fen rounded half up', () => {
    expect(amountAt(30_000, cabbage)).toBe(7_800);
    expect(amountAt(1_250, { base: 1000, fen: 2 })).toBe(3); // 2.5 fen → 3
    expect(amountAt(1_249, { base: 1000, fen: 2 })).toBe(2);
    expect(amountAt(300, egg)).toBe(24_000);
  });

  it('stays exact when quantity × price exceeds 2^53 (an intermediate a float would round)', () => {
    expect(amountAt(10_000_000_000_001, { base: 1000, fen: 999 })).toBe(9_990_000_000_001);
    expect(amountAt(9_007_199_254_740_991, { base: 1000, fen: 1 })).toBe(9_007_199_254_741);
  });
});

describe('contract: creation', () => {
  it('records the period and the priced lines', () => {
    expect(created).toEqual([
      expect.objectContaining({
        type: 'ContractCreated',
        data: expect.objectContaining({ from: '2026-01-01', lines: [cabbage, egg] }),
      }),
    ]);
  });

  it('refuses a period ending before it starts, a repeated SKU and a zero contracted total', () => {
    given(contractDecider)
      .when(create({ to: '2025-12-31' }))
      .thenFails('INVALID_DATES', 'to');
    given(contractDecider)
      .when(create({ lines: [cabbage, cabbage] }))
      .thenFails('INVALID_STATE', 'lines.1.sku');
    given(contractDecider)
      .when(create({ lines: [{ ...egg, limit: 0 }] }))
      .thenFails('INVALID_STATE', 'lines.0.limitBase');
  });
});

describe('contract: the balance of a contracted total', () => {
  it('grants what a delivery asks while the balance lasts, then only the rest', () => {
    given(contractDecider, created)
      .when(commit('D-1', 600))
      .then([committed('D-1', 600, 600, 600)]);
    given(contractDecider, [...created, committed('D-1', 600, 600, 600)])
      .when(commit('D-2', 600))
      .then([committed('D-2', 600, 400, 1_000)]);
  });

  it('grants everything on a line without a contracted total', () => {
    given(contractDecider, created)
      .when({ type: 'CommitContractQuantity', deliveryId: 'D-1', sku: 'SKU-CABBAGE', requested: 99_000_000 })
      .then([
        {
          type: 'ContractQuantityCommitted',
          data: {
            contractId: 'CT-1',
            deliveryId: 'D-1',
            sku: 'SKU-CABBAGE',
            requested: 99_000_000,
            granted: 99_000_000,
            drawn: 99_000_000,
          },
        },
      ]);
  });

  it('draws once per delivery line however often it is asked', () => {
    given(contractDecider, [...created, committed('D-1', 600, 600, 600)])
      .when(commit('D-1', 600))
      .then([]);
  });

  it('gives back what a delivery did not take when its draw is settled', () => {
    const history = [...created, committed('D-1', 600, 600, 600)];
    const settled = contractDecider.decide(
      { type: 'SettleContractQuantity', deliveryId: 'D-1', sku: 'SKU-EGG', quantity: 540, stage: 'delivered' },
      fold(contractDecider, history),
    );
    expect(settled).toEqual([
      {
        type: 'ContractQuantitySettled',
        data: { contractId: 'CT-1', deliveryId: 'D-1', sku: 'SKU-EGG', quantity: 540, stage: 'delivered', drawn: 540 },
      },
    ]);
    expect(remainingOf(fold(contractDecider, [...history, ...settled]), 'SKU-EGG')).toBe(460);
  });

  it('never settles a draw above what was granted, nor one that was never made', () => {
    const history = [...created, committed('D-1', 600, 600, 600)];
    given(contractDecider, history)
      .when({ type: 'SettleContractQuantity', deliveryId: 'D-1', sku: 'SKU-EGG', quantity: 601, stage: 'delivered' })
      .thenFails('INVALID_STATE', 'quantity');
    given(contractDecider, history)
      .when({ type: 'SettleContractQuantity', deliveryId: 'D-9', sku: 'SKU-EGG', quantity: 1, stage: 'reserved' })
      .thenFails('NOT_FOUND');
  });

  it('refuses a SKU the contract does not price', () => {
    given(contractDecider, created)
      .when({ type: 'CommitContractQuantity', deliveryId: 'D-1', sku: 'SKU-PEAR-GX', requested: 1 })
      .thenFails('UNKNOWN_SKU');
  });
});

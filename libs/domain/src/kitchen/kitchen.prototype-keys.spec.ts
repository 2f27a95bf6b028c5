import { decideAll, given, PROTOTYPE_KEYS } from '@gx/testing';
import { fold } from '../shared/decider';
import { contractDecider, type ContractCommand, type CreateContract } from './contract.decide';
import type { ContractLine } from './contract.events';
import { remainingOf } from './contract.state';
import { evolveContractDoc, type ContractDoc } from './read-models/kitchen-docs';

const egg: ContractLine = {
  sku: 'SKU-EGG',
  name: '鲜鸡蛋',
  category: 'egg',
  unit: 'piece',
  base: 1,
  fen: 80,
  limit: 1_000,
};
const create = (lines: ContractLine[]): CreateContract => ({
  type: 'CreateContract',
  contractId: 'CT-1',
  kitchen: 'KITCHEN-LC-01',
  title: '供货协议',
  from: '2026-01-01',
  to: '2026-12-31',
  lines,
  by: 'operator1',
  now: '2025-12-20T02:00:00.000Z',
});

describe.each(PROTOTYPE_KEYS)('kitchen contract: %s is an ordinary SKU and delivery id', (key) => {
  it('is not on a contract that does not list it', () => {
    const created = decideAll(contractDecider, [], create([egg]));
    given(contractDecider, created)
      .when({ type: 'CommitContractQuantity', deliveryId: 'D-1', sku: key, requested: 1 })
      .thenFails('UNKNOWN_SKU', 'sku');
    given(contractDecider, created)
      .when({ type: 'SettleContractQuantity', deliveryId: key, sku: 'SKU-EGG', quantity: 0, stage: 'delivered' })
      .thenFails('NOT_FOUND', 'deliveryId');
    expect(remainingOf(fold(contractDecider, created), key)).toBeNull();
  });

  it('draws on a contracted total like any other SKU, in the state and the read model', () => {
    const commit: ContractCommand = { type: 'CommitContractQuantity', deliveryId: key, sku: key, requested: 700 };
    const events = decideAll(
      contractDecider,
      [],
      create([egg, { ...egg, sku: key }]),
      commit,
      commit,
      { type: 'CommitContractQuantity', deliveryId: 'D-2', sku: key, requested: 700 },
      { type: 'SettleContractQuantity', deliveryId: key, sku: key, quantity: 600, stage: 'delivered' },
    );
    expect(events.map((e) => e.type)).toEqual([
      'ContractCreated',
      'ContractQuantityCommitted',
      'ContractQuantityCommitted',
      'ContractQuantitySettled',
    ]);
    expect(events[2]).toMatchObject({ data: { granted: 300, drawn: 1_000 } });
    expect(remainingOf(fold(contractDecider, events), key)).toBe(100);
    expect(remainingOf(fold(contractDecider, events), 'SKU-EGG')).toBe(1_000);
    const doc = events.reduce<ContractDoc | null>(
      (d, e) => JSON.parse(JSON.stringify(evolveContractDoc(d, e))) as ContractDoc,
      null,
    );
    expect(doc?.lines.find((l) => l.sku === key)).toMatchObject({ drawn: 900, remaining: 100 });
  });
});

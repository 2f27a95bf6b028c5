import { fromBase, percent, priceOf, quantityIn, toBase } from './units';

describe('kitchen units', () => {
  const kg = { unit: 'kg', base: 1000 };
  const piece = { unit: 'piece', base: 1 };

  it('shows base units in the contract unit, pieces as 个', () => {
    expect(quantityIn(3_050_000, kg, 'zh-CN')).toBe('3050 kg');
    expect(quantityIn(1_250, kg, 'zh-CN')).toBe('1.25 kg');
    expect(quantityIn(50, piece, 'zh-CN')).toBe('50 个');
    expect(quantityIn(50, piece, 'en')).toBe('50 pcs');
  });

  it('converts typed quantities to base units and back exactly', () => {
    expect(toBase(2.5, { unit: '斤', base: 500 })).toBe(1_250);
    expect(fromBase(1_250, { unit: '斤', base: 500 })).toBe(2.5);
  });

  it('writes prices per unit and shares as percentages', () => {
    expect(priceOf({ saleUnit: kg, unitPriceFen: 260 }, 'zh-CN')).toBe('¥2.60/kg');
    expect(percent(0.2073)).toBe('20.7%');
    expect(percent(null)).toBe('—');
  });
});

import { given } from '@gx/testing';
import { skuDecider, valueAtCost, type SkuData } from './sku';
import { warehouseDecider, type WarehouseData } from './warehouse';

const hub: WarehouseData = { code: 'LC-HUB-DCF', name: '东昌府区供销综合集配中心', kind: 'county_hub', county: '东昌府区' };
const pear: SkuData = {
  code: 'SKU-PEAR-GX',
  name: '冠县鸭梨',
  category: 'fruit',
  baseUnit: 'g',
  saleUnits: [
    { unit: '斤', base: 500 },
    { unit: '箱(5kg)', base: 5000 },
  ],
  shelfLifeDays: 60,
  storage: 'chilled',
  regionalBrand: true,
  cost: { per: 1000, fen: 600 },
};

describe('catalog: warehouses', () => {
  it('registers a warehouse once', () => {
    given(warehouseDecider).when({ type: 'RegisterWarehouse', data: hub }).then([{ type: 'WarehouseRegistered', data: hub }]);
  });
  it('refuses a second warehouse with the same code', () => {
    given(warehouseDecider, [{ type: 'WarehouseRegistered', data: hub }])
      .when({ type: 'RegisterWarehouse', data: { ...hub, name: '别的' } })
      .thenFails('ALREADY_EXISTS', 'code');
  });
});

describe('catalog: SKUs', () => {
  it('registers a SKU with its sale units', () => {
    given(skuDecider).when({ type: 'RegisterSku', data: pear }).then([{ type: 'SkuRegistered', data: pear }]);
  });
  it('refuses duplicate sale unit names', () => {
    const twice = { ...pear, saleUnits: [{ unit: '斤', base: 500 }, { unit: '斤', base: 501 }] };
    given(skuDecider).when({ type: 'RegisterSku', data: twice }).thenFails('INVALID_STATE', 'saleUnits');
  });
  it('values stock at cost in whole fen', () => {
    expect(valueAtCost(2500, pear.cost)).toBe(1500);
    expect(valueAtCost(-1250, pear.cost)).toBe(-750);
    expect(valueAtCost(1, { per: 1000, fen: 500 })).toBe(1);
  });
});

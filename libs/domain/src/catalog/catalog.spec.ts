import { given } from '@gx/testing';
import { skuDecider, valueAtCost, type SkuData } from './sku';
import { warehouseDecider, type WarehouseData } from './warehouse';
import { kitchenDecider, type KitchenData } from './kitchen';
import { pickupPointDecider, type PickupPointData } from './pickup-point';

const hub: WarehouseData = {
  code: 'LC-HUB-DCF',
  name: '东昌府区供销综合集配中心',
  kind: 'county_hub',
  county: '东昌府区',
};
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
    given(warehouseDecider)
      .when({ type: 'RegisterWarehouse', data: hub })
      .then([{ type: 'WarehouseRegistered', data: hub }]);
  });
  it('refuses a second warehouse with the same code', () => {
    given(warehouseDecider, [{ type: 'WarehouseRegistered', data: hub }])
      .when({ type: 'RegisterWarehouse', data: { ...hub, name: '别的' } })
      .thenFails('ALREADY_EXISTS', 'code');
  });
});

describe('catalog: SKUs', () => {
  it('registers a SKU with its sale units', () => {
    given(skuDecider)
      .when({ type: 'RegisterSku', data: pear })
      .then([{ type: 'SkuRegistered', data: pear }]);
  });
  it('refuses duplicate sale unit names', () => {
    const twice = {
      ...pear,
      saleUnits: [
        { unit: '斤', base: 500 },
        { unit: '斤', base: 501 },
      ],
    };
    given(skuDecider).when({ type: 'RegisterSku', data: twice }).thenFails('INVALID_STATE', 'saleUnits');
  });
  it('values stock at cost in whole fen', () => {
    expect(valueAtCost(2500, pear.cost)).toBe(1500);
    expect(valueAtCost(-1250, pear.cost)).toBe(-750);
    expect(valueAtCost(1, { per: 1000, fen: 500 })).toBe(1);
  });
});

describe('catalog: editable parties (kitchens, pickup points)', () => {
  const kitchen: KitchenData = {
    code: 'KITCHEN-LC-01',
    name: '聊城一中食堂',
    kind: 'school',
    address: '山东省聊城市东昌府区兴华西路29号',
    contact: { name: '李建国', phone: '0635-8221234' },
  };
  const registered = { type: 'KitchenRegistered' as const, data: kitchen };
  it('edits a registered kitchen with the changed fields only; an edit changing nothing appends nothing', () => {
    given(kitchenDecider, [registered])
      .when({ type: 'UpdateKitchen', code: kitchen.code, changes: { name: '聊城一中食堂', kind: 'hospital' } })
      .then([{ type: 'KitchenUpdated', data: { code: kitchen.code, changes: { kind: 'hospital' } } }]);
    given(kitchenDecider, [registered])
      .when({ type: 'UpdateKitchen', code: kitchen.code, changes: { contact: { ...kitchen.contact } } })
      .then([]);
  });
  it('refuses to edit a kitchen never registered', () => {
    given(kitchenDecider)
      .when({ type: 'UpdateKitchen', code: 'KITCHEN-NOPE', changes: { name: '无' } })
      .thenFails('NOT_FOUND', 'code');
  });
  const point: PickupPointData = {
    code: 'PP-DCF-01',
    name: '道口铺社区自提点',
    warehouse: 'LC-VP-DCF-01',
    hours: '08:00-20:00',
  };
  it('keeps pickup points registered without an address valid, and validates coordinates as a pair in range', () => {
    given(pickupPointDecider)
      .when({ type: 'RegisterPickupPoint', data: point })
      .then([{ type: 'PickupPointRegistered', data: point }]);
    given(pickupPointDecider)
      .when({ type: 'RegisterPickupPoint', data: { ...point, lat: 36.5 } })
      .thenFails('INVALID_STATE', 'lng');
    given(pickupPointDecider)
      .when({ type: 'RegisterPickupPoint', data: { ...point, lat: 91, lng: 115 } })
      .thenFails('INVALID_STATE', 'lat');
    given(pickupPointDecider, [{ type: 'PickupPointRegistered', data: point }])
      .when({ type: 'UpdatePickupPoint', code: point.code, changes: { address: '幸福路18号', lat: 36.5, lng: 115.9 } })
      .then([
        {
          type: 'PickupPointUpdated',
          data: { code: point.code, changes: { address: '幸福路18号', lat: 36.5, lng: 115.9 } },
        },
      ]);
  });
});

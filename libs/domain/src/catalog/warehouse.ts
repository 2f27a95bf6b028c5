import { registerOnceDecider } from './register-once';

export const WAREHOUSE_KINDS = ['county_hub', 'township_station', 'village_point', 'market'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];

export interface WarehouseData {
  code: string;
  name: string;
  kind: WarehouseKind;
  county: string;
}

/** Stream of one warehouse: `warehouse-<code>`. */
export const warehouseStream = (code: string): string => `warehouse-${code}`;

/** A warehouse (县域集配中心, 乡镇服务站, 村级服务社, 批发市场) is registered once under its code. */
export const warehouseDecider = registerOnceDecider<'RegisterWarehouse', 'WarehouseRegistered', WarehouseData>({
  name: 'warehouse',
  commandType: 'RegisterWarehouse',
  eventType: 'WarehouseRegistered',
  label: 'warehouse',
});

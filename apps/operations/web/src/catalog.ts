import { unwrapAs } from '@gx/web/api/client';
import { shallowRef } from 'vue';
import { api } from './api';
import type { Listing, Producer, Sku, Warehouse } from './models';

/** Master data most screens name things by, loaded once per page load. */
const warehouses = shallowRef<Warehouse[]>([]);
const skus = shallowRef<Sku[]>([]);
const producers = shallowRef<Producer[]>([]);
let loading: Promise<void> | undefined;

function load(after?: string): Promise<void> {
  const query = { query: after ? { after } : {} };
  return Promise.all([
    unwrapAs<Listing<Warehouse>>(api.GET('/warehouses', { params: query })),
    unwrapAs<Listing<Sku>>(api.GET('/skus', { params: query })),
    unwrapAs<Listing<Producer>>(api.GET('/producers', { params: query })),
  ]).then(
    ([w, s, p]) => {
      warehouses.value = w.items;
      skus.value = s.items;
      producers.value = p.items;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
}

export function useCatalog() {
  loading ??= load();
  const skuOf = (code: string): Sku | undefined => skus.value.find((s) => s.code === code);
  const nameOf = (list: Array<{ code: string; name: string }>, code: string): string =>
    list.find((x) => x.code === code)?.name ?? code;
  return {
    ready: loading,
    warehouses,
    skus,
    producers,
    skuOf,
    warehouseName: (code: string) => nameOf(warehouses.value, code),
    skuName: (code: string) => nameOf(skus.value, code),
    producerName: (code: string) => nameOf(producers.value, code),
    /** Load again once the read model has passed `after` (a command's position): what was just created shows. */
    refresh(after: string): Promise<void> {
      loading = load(after);
      return loading;
    },
  };
}

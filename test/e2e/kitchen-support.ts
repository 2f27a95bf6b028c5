import { addDays } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import { TokenService, type AppConfig } from '@gx/platform';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** A business date `offset` days from today, so that a test means the same on any day it runs. */
export const day = (offset: number): string => addDays(shanghaiDate(new Date()), offset);

/**
 * A first delivery date whose cut-off ("the day before at HH:MM:SS", Asia/Shanghai) falls
 * `leadMs` after `now` (default: the wall clock), on a whole second.
 */
export function cutoffIn(
  leadMs: number,
  now: number = Date.now(),
): { date: string; cutoff: { daysBefore: number; time: string }; cutoffAt: string } {
  const at = Math.ceil((now + leadMs) / 1000) * 1000;
  const local = new Date(at + SHANGHAI_OFFSET_MS).toISOString();
  return {
    date: addDays(local.slice(0, 10), 1),
    cutoff: { daysBefore: 1, time: local.slice(11, 19) },
    cutoffAt: new Date(at).toISOString(),
  };
}

/** Resolve once the wall clock has passed `iso` by `marginMs`. */
export async function waitUntilPast(iso: string, marginMs: number): Promise<void> {
  const wait = Date.parse(iso) + marginMs - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
}

/** A bearer token of a purchaser acting for `kitchen` (accounts beyond the demo's are not needed to prove access rules). */
export function purchaserToken(config: AppConfig, username: string, kitchen: string): string {
  return new TokenService(config).issue({ username, roles: ['purchaser'], party: kitchen }).accessToken;
}

/** Poll `probe` every 100 ms (bounded, generous for shared CI cores) until it answers a value. */
export async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A receipt of `quantity` base units harvested today (sellable whatever day the suite runs). */
export const receipt = (sku: string, warehouse: string, quantity: number) => ({
  sku,
  warehouse,
  quantityBase: quantity,
  producer: 'FSC-DCF-01',
  origin: { village: '东昌府区道口铺街道' },
  harvestDate: shanghaiDate(new Date()),
  grade: '一级',
  inspection: { result: 'pass', testId: 'NC-E2E-KITCHEN' },
});

/** A kitchen's master data as an operator registers it (POST /kitchens on the operations app), named after its code. */
export const kitchenData = (code: string) => ({
  code,
  name: `测试食堂 ${code}`,
  kind: 'school' as const,
  address: '山东省聊城市东昌府区花园北路1号',
  contact: { name: '王老师', phone: '0635-8220000' },
});

import { addDays } from '@gx/application';
import { shanghaiDate } from '@gx/domain';
import type { BenchApps } from './apps';
import { callJson } from './load';

/** The SKU and warehouse every HTTP benchmark sells from (大白菜 at the Dongchangfu hub, sold by the kg). */
export const SKU = 'SKU-CABBAGE';
export const WAREHOUSE = 'LC-HUB-DCF';

type Health = { checks?: Record<string, { details?: Record<string, unknown> }> };

/** Lags of every projection and process manager the worker reports, and the head of the log. */
async function workerLag(apps: BenchApps): Promise<{ head: bigint; lag: number } | undefined> {
  const res = await callJson<Health>(apps.url('worker'), { method: 'GET', path: '/health' }).catch(() => undefined);
  const checks = res?.body?.checks;
  if (!checks) return undefined;
  const head = BigInt(String((checks.eventStore?.details as { head?: string } | undefined)?.head ?? '0'));
  const tasks = [checks.projections?.details, checks.processManagers?.details].flatMap((d) =>
    Object.values(d ?? {}),
  ) as Array<{ lag?: number }>;
  return { head, lag: tasks.reduce((sum, t) => sum + (t.lag ?? 0), 0) };
}

/** Wait until the worker has projected and processed the whole log (twice in a row, as seeding may still append). */
export async function waitSettled(apps: BenchApps, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  while (calm < 2) {
    const state = await workerLag(apps);
    calm = state && state.head > 0n && state.lag === 0 ? calm + 1 : 0;
    if (Date.now() > deadline) throw new Error(`the worker did not catch up in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Receive `grams` of cabbage into the hub (operations), so that campaigns have stock to reserve. */
export async function receiveStock(apps: BenchApps, grams: number, key: string): Promise<void> {
  const operator = apps.token('operator1', ['operator']);
  const res = await callJson(apps.url('operations'), {
    method: 'POST',
    path: '/receipts',
    headers: { authorization: `Bearer ${operator}`, 'idempotency-key': key },
    body: JSON.stringify({
      sku: SKU,
      warehouse: WAREHOUSE,
      producer: 'COOP-SX-VEG',
      quantityBase: grams,
      origin: { village: '莘县张鲁回族镇' },
      harvestDate: shanghaiDate(new Date()),
      grade: '一级',
      inspection: { result: 'pass', testId: `BENCH-${key}` },
    }),
  });
  if (res.status !== 201) throw new Error(`receipt failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** What a campaign is sold on. */
export interface CampaignTerms {
  title: string;
  quota: number;
  perCustomerLimit: number;
}

/** Create and publish a campaign on the storefront at `url` (kg of cabbage, pickup at PP-DCF-01, cut-off in an hour); resolves once it is open. */
export async function openCampaign(apps: BenchApps, url: string, terms: CampaignTerms): Promise<string> {
  const headers = { authorization: `Bearer ${apps.token('operator1', ['operator'])}` };
  const cutoff = new Date(Date.now() + 3_600_000);
  const created = await callJson<{ campaignId: string }>(url, {
    method: 'POST',
    path: '/campaigns',
    headers,
    body: JSON.stringify({
      ...terms,
      sku: SKU,
      warehouse: WAREHOUSE,
      pickupPoint: 'PP-DCF-01',
      saleUnit: 'kg',
      unitPriceFen: 240,
      minQuantity: 1,
      cutoffAt: cutoff.toISOString(),
      pickupDate: addDays(shanghaiDate(cutoff), 1),
    }),
  });
  if (created.status !== 201)
    throw new Error(`campaign not created: ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.campaignId;
  const published = await callJson(url, { method: 'POST', path: `/campaigns/${id}/publish`, headers });
  if (published.status !== 200)
    throw new Error(`campaign not published: ${published.status} ${JSON.stringify(published.body)}`);
  // Publication reserves the quota through the worker's process manager: wait until the campaign is open.
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await callJson<{ status?: string }>(url, { method: 'GET', path: `/campaigns/${id}`, headers });
    if (res.body?.status === 'published') return id;
    if (Date.now() > deadline) throw new Error(`campaign ${id} not open after 30 s: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A campaign as the storefront reads it. */
export interface CampaignView {
  held: number;
  remaining: number;
  orders: number;
  status: string;
}

/** The campaign's read model (storefront at `url`) once it has passed `position`. */
export async function campaignAfter(url: string, id: string, position: string): Promise<CampaignView> {
  const res = await callJson<CampaignView>(url, { method: 'GET', path: `/campaigns/${id}?after=${position}` });
  if (res.status !== 200) throw new Error(`campaign ${id} unreadable: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { addDays, PROCESS_POOL } from '@gx/application';
import { shanghaiDate, type Role } from '@gx/domain';
import { createApp, TokenService } from '@gx/platform';
import { APP_MODULES, type Stack } from './support/stack';

/** A business date `offset` days from today, so that tests mean the same on any day they run. */
export const day = (offset: number): string => addDays(shanghaiDate(new Date()), offset);

/** An ISO time `ms` from now. */
export const inMs = (ms: number): string => new Date(Date.now() + ms).toISOString();

/** A campaign body: tomatoes sold by the kg from the Dongchangfu hub for pickup at PP-DCF-01, overridable. */
export const campaignBody = (overrides: Record<string, unknown> = {}) => ({
  title: '莘县西红柿 按公斤团',
  sku: 'SKU-TOMATO-SX',
  warehouse: 'LC-HUB-DCF',
  pickupPoint: 'PP-DCF-01',
  saleUnit: 'kg',
  unitPriceFen: 500,
  minQuantity: 3,
  quota: 20,
  perCustomerLimit: 5,
  cutoffAt: inMs(60_000),
  pickupDate: day(2),
  ...overrides,
});

/**
 * Poll `probe` until it answers a value, or fail naming `what` (and the last error). A probe that throws — e.g. a
 * 404 while a read model has not caught up yet — is retried like one that answers nothing.
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Bearer tokens of demo users per app, logged in once. */
export async function tokens(
  stack: Stack,
  logins: Array<[app: 'storefront' | 'operations', username: string]>,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [app, username] of logins) out[username] = await stack.login(app, username);
  return out;
}

/** The largest of several log positions (to read after all of them). */
export const latest = (...positions: string[]): string => positions.reduce((a, b) => (BigInt(a) >= BigInt(b) ? a : b));

/** A JSON answer: whatever the API sent, read by the tests field by field (as supertest's `res.body`, hence `any`). */
export type Json = any;

/** A storefront of its own, listening on loopback beside a stack, as another instance runs against the same stores. */
export interface Storefront {
  app: NestFastifyApplication;
  url: string;
  /** A bearer token for any user, issued by the app (no password round trip). */
  token(username: string, roles: Role[], party?: string): string;
  /** A request answered as JSON. */
  call(
    method: string,
    path: string,
    token?: string,
    body?: object,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: Json }>;
  close(): Promise<void>;
}

export async function startStorefront(stack: Stack): Promise<Storefront> {
  const app = await createApp(APP_MODULES.storefront, {
    app: 'storefront',
    config: stack.config,
    providers: [{ provide: PROCESS_POOL, useValue: stack.pool }],
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = await app.getUrl();
  const issuer = app.get(TokenService);
  return {
    app,
    url,
    token: (username, roles, party) =>
      issuer.issue({ username, roles, ...(party !== undefined && { party }) }).accessToken,
    async call(method, path, token, body, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(body && { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body && JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
    },
    close: () => app.close(),
  };
}

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DiscoveryService } from '@nestjs/core';
import { Command, Query } from '@nestjs/cqrs';
import type { AppName } from '@gx/platform';
import { startStack, type Stack } from './support/stack';

/** `@nestjs/cqrs` keeps a handler's message class under these keys (decorators/constants). */
const HANDLES = { command: '__commandHandler__', query: '__queryHandler__' } as const;

type MessageClass = abstract new (...args: never[]) => unknown;

/** The command and query classes the `<resource>.commands.ts` / `<resource>.queries.ts` files of a folder declare. */
function messagesIn(dir: string): Set<MessageClass> {
  const found = new Set<MessageClass>();
  for (const file of readdirSync(dir).filter((f) => /\.(commands|queries)\.ts$/.test(f))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app's message files, found by name
    const exports = require(join(dir, file)) as Record<string, unknown>;
    for (const value of Object.values(exports)) {
      if (typeof value === 'function' && (value.prototype instanceof Command || value.prototype instanceof Query))
        found.add(value as MessageClass);
    }
  }
  return found;
}

describe('dispatch: every command and query an app sends has one singleton handler in that app', () => {
  const apps: AppName[] = ['storefront', 'wholesale', 'kitchen', 'operations'];
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(apps);
  }, 120_000);
  afterAll(() => stack?.close());

  it.each(apps)('%s', (app) => {
    const providers = stack.nest(app).get(DiscoveryService, { strict: false }).getProviders();
    const handled: MessageClass[] = [];
    for (const wrapper of providers) {
      const type = wrapper.metatype as MessageClass | null;
      if (!type) continue;
      for (const key of Object.values(HANDLES)) {
        const message = Reflect.getMetadata(key, type) as MessageClass | undefined;
        if (!message) continue;
        handled.push(message);
        // Singletons: one instance made at start-up, never one per request.
        expect({
          handler: type.name,
          static: wrapper.isDependencyTreeStatic(),
          transient: wrapper.isTransient,
        }).toEqual({ handler: type.name, static: true, transient: false });
      }
    }
    // The app's own, and those of the controllers every app serves (GET /me, sign-up…).
    const sent = new Set([
      ...messagesIn(join(__dirname, '../../apps', app, 'src')),
      ...messagesIn(join(__dirname, '../../libs/application/src/identity')),
    ]);
    expect(sent.size).toBeGreaterThan(0);
    expect(handled.length).toBe(new Set(handled).size);
    expect(new Set(handled)).toEqual(sent);
  });
});

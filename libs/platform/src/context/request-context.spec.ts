import { createRequestContext, deterministicUuid } from './request-context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const base = { correlationId: 'c-1', now: new Date('2025-06-01T08:00:00Z') };
const consumer = { username: 'consumer1', roles: ['consumer' as const] };

describe('RequestContext.commandId', () => {
  it('is the same for a retry under the same Idempotency-Key, user and scope', () => {
    const first = createRequestContext({ ...base, user: consumer, idempotencyKey: 'k-1' });
    const retry = createRequestContext({ ...base, correlationId: 'c-2', user: consumer, idempotencyKey: 'k-1' });
    expect(first.commandId('place-order')).toMatch(UUID);
    expect(retry.commandId('place-order')).toBe(first.commandId('place-order'));
  });

  it('differs across users, scopes and keys', () => {
    const ids = new Set([
      createRequestContext({ ...base, user: consumer, idempotencyKey: 'k-1' }).commandId('place-order'),
      createRequestContext({ ...base, user: { ...consumer, username: 'consumer2' }, idempotencyKey: 'k-1' }).commandId(
        'place-order',
      ),
      createRequestContext({ ...base, user: consumer, idempotencyKey: 'k-1' }).commandId('cancel-order'),
      createRequestContext({ ...base, user: consumer, idempotencyKey: 'k-2' }).commandId('place-order'),
      createRequestContext({ ...base, idempotencyKey: 'k-1' }).commandId('place-order'),
    ]);
    expect(ids.size).toBe(5);
  });

  it('is random without a key, yet stable within one request', () => {
    const a = createRequestContext({ ...base, user: consumer });
    const b = createRequestContext({ ...base, user: consumer });
    expect(a.commandId('place-order')).toMatch(UUID);
    expect(a.commandId('place-order')).toBe(a.commandId('place-order'));
    expect(b.commandId('place-order')).not.toBe(a.commandId('place-order'));
  });

  it('derives uuid-shaped ids from a hash', () => {
    expect(deterministicUuid('x')).toBe(deterministicUuid('x'));
    expect(deterministicUuid('x')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

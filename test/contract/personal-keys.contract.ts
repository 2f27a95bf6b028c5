import { randomUUID } from 'node:crypto';
import { PERSONAL_KEYS_COLLECTION, PersonalKeys } from '@gx/application/personal-data/personal-keys';
import type { DocumentStore } from '@gx/readstore/document-store.port';

/**
 * The key store of crypto-shredding on a DocumentStore adapter: one key per subject, created once even
 * when many processes ask at the same time, seen by every client, destroyed for good (a tombstone
 * that no later creation overwrites). `open` opens one client of the store (several share it).
 */
export function personalKeysContract(name: string, open: () => Promise<DocumentStore>): void {
  describe(`personal-data key store: ${name}`, () => {
    const stores: DocumentStore[] = [];
    const client = async (): Promise<PersonalKeys> => {
      const store = await open();
      stores.push(store);
      return new PersonalKeys(store);
    };
    const subject = (): string => `user:c-${randomUUID().slice(0, 12)}`;
    const now = '2026-12-01T08:00:00.000Z';
    afterAll(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
    });

    it('creates a random 256-bit key on first use and returns the same one afterwards, to every client', async () => {
      const [a, b] = [await client(), await client()];
      const s = subject();
      expect(await a.standing(s)).toEqual({ state: 'none' });
      const first = await a.keyFor(s, now);
      expect(first.state).toBe('live');
      const key = (first as { key: Buffer }).key;
      expect(key).toHaveLength(32);
      expect(await a.keyFor(s, now)).toEqual({ state: 'live', key });
      expect(await b.standing(s)).toEqual({ state: 'live', key });
      const other = await b.keyFor(subject(), now);
      expect((other as { key: Buffer }).key.equals(key)).toBe(false);
    });

    it('gives concurrent first uses from several clients one and the same key', async () => {
      const clients = await Promise.all([client(), client(), client()]);
      const s = subject();
      const keys = await Promise.all(clients.flatMap((c) => [c.keyFor(s, now), c.keyFor(s, now)]));
      const distinct = new Set(keys.map((k) => (k.state === 'live' ? k.key.toString('base64') : k.state)));
      expect(distinct.size).toBe(1);
      expect([...distinct][0]).not.toBe('destroyed');
    });

    it('destroys a key for good: every client sees the tombstone, the key material is gone, no new key is made, destroying again is harmless', async () => {
      const [a, b] = [await client(), await client()];
      const s = subject();
      await a.keyFor(s, now);
      await b.destroy(s, '2026-12-02T01:00:00.000Z');
      expect(await a.standing(s)).toEqual({ state: 'destroyed', destroyedAt: '2026-12-02T01:00:00.000Z' });
      expect(await a.keyFor(s, now)).toEqual({ state: 'destroyed', destroyedAt: '2026-12-02T01:00:00.000Z' });
      const raw = await stores[0].get(PERSONAL_KEYS_COLLECTION, s);
      expect(raw).not.toHaveProperty('key');
      await a.destroy(s, '2026-12-03T01:00:00.000Z');
      expect(await b.standing(s)).toEqual({ state: 'destroyed', destroyedAt: '2026-12-02T01:00:00.000Z' });
    });

    it('destroys the key of a subject that never had one, so that none is made later', async () => {
      const a = await client();
      const s = subject();
      await a.destroy(s, now);
      expect((await a.keyFor(s, now)).state).toBe('destroyed');
    });

    it('keeps other subjects’ keys when one is destroyed', async () => {
      const a = await client();
      const [s, t] = [subject(), subject()];
      const kept = await a.keyFor(t, now);
      await a.keyFor(s, now);
      await a.destroy(s, now);
      expect(await a.standing(t)).toEqual(kept);
    });
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, ERASED_TEXT, isSealed, type SealedPersonalData } from '@gx/domain';
import { SqliteDocumentStore } from '@gx/readstore';
import { PersonalDataUnreadable, PersonalDataVault, PersonalKeyMissing } from './personal-data-vault';
import { PERSONAL_KEYS_COLLECTION } from './personal-keys';

describe('PersonalDataVault', () => {
  let store: SqliteDocumentStore;
  let vault: PersonalDataVault;
  beforeEach(() => {
    store = new SqliteDocumentStore({ file: ':memory:' });
    vault = new PersonalDataVault(store);
  });
  afterEach(() => store.close());

  it('seals a field so that neither the envelope nor the key store holds it in clear, and opens it again', async () => {
    const sealed = await vault.seal('user:c-1', '王芳 13800138000');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.$pii).toBe('user:c-1');
    expect(JSON.stringify(sealed)).not.toContain('王芳');
    expect(JSON.stringify(sealed)).not.toContain('13800138000');
    expect(JSON.stringify(await store.find(PERSONAL_KEYS_COLLECTION))).not.toContain('王芳');
    expect(await vault.open(sealed)).toBe('王芳 13800138000');
    // A fresh IV each time: equal values do not seal equally.
    expect((await vault.seal('user:c-1', '王芳 13800138000')).ct).not.toBe(sealed.ct);
  });

  it('opens plain text (events written before sealing) and undefined as they are', async () => {
    expect(await vault.openAll(['刘芳', undefined])).toEqual(['刘芳', undefined]);
  });

  it('keeps one key per subject: another subject’s key does not open it', async () => {
    const a = await vault.seal('user:a', '张三');
    const b = await vault.seal('user:b', '李四');
    expect(await vault.openAll([a, b])).toEqual(['张三', '李四']);
    // The envelope moved to another subject (its key, and the subject as additional data) fails authentication.
    await expect(vault.open({ ...a, $pii: 'user:b' })).rejects.toThrow(PersonalDataUnreadable);
  });

  it('refuses a tampered ciphertext, tag or IV instead of showing garbage', async () => {
    const sealed = await vault.seal('user:t', '13900139000');
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    const tampered: SealedPersonalData[] = [
      { ...sealed, ct: flip(sealed.ct) },
      { ...sealed, tag: flip(sealed.tag) },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, tag: Buffer.from(sealed.tag, 'base64').subarray(0, 4).toString('base64') },
    ];
    for (const value of tampered) await expect(vault.open(value)).rejects.toThrow(PersonalDataUnreadable);
    expect(await vault.open(sealed)).toBe('13900139000');
  });

  it('refuses an envelope sealed under a key the store no longer has for the subject (a key replaced behind its back)', async () => {
    const sealed = await vault.seal('user:k', '赵六');
    await store.write({
      ops: [
        {
          kind: 'put',
          collection: PERSONAL_KEYS_COLLECTION,
          doc: { _id: 'user:k', key: Buffer.alloc(32, 7).toString('base64') },
        },
      ],
    });
    await expect(vault.open(sealed)).rejects.toThrow(PersonalDataUnreadable);
  });

  it('refuses to open a field whose key this store never had (another key store), rather than showing it as erased', async () => {
    const elsewhere = new SqliteDocumentStore({ file: ':memory:' });
    try {
      const sealed = await new PersonalDataVault(elsewhere).seal('user:m', '孙七');
      await expect(vault.open(sealed)).rejects.toThrow(PersonalKeyMissing);
    } finally {
      await elsewhere.close();
    }
  });

  it('erases: the key is destroyed, every sealed field of the subject opens as erased, others are untouched, nothing is sealed for them again', async () => {
    const name = await vault.seal('user:e', '王芳');
    const mobile = await vault.seal('user:e', '13800138000');
    const other = await vault.seal('user:o', '陈静');
    await vault.erase('user:e');
    expect(await vault.openAll([name, mobile, other])).toEqual([ERASED_TEXT, ERASED_TEXT, '陈静']);
    expect(await vault.isErased('user:e')).toBe(true);
    expect(await vault.isErased('user:o')).toBe(false);
    expect(JSON.stringify(await store.get(PERSONAL_KEYS_COLLECTION, 'user:e'))).not.toMatch(/"key"/);
    const again = await vault.seal('user:e', 'x').catch((err: unknown) => err);
    expect(again).toBeInstanceOf(DomainError);
    expect(again).toMatchObject({ code: 'PERSON_ERASED' });
    // Erasing again is harmless.
    await vault.erase('user:e');
    expect(await vault.open(name)).toBe(ERASED_TEXT);
  });

  it('erases in every process at once: another vault on the same store has no cached key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gx-vault-'));
    const file = join(dir, 'keys.db');
    const [a, b] = [new SqliteDocumentStore({ file }), new SqliteDocumentStore({ file })];
    try {
      const [va, vb] = [new PersonalDataVault(a), new PersonalDataVault(b)];
      const sealed = await va.seal('user:x', '杨洋');
      expect(await vb.open(sealed)).toBe('杨洋');
      await va.erase('user:x');
      expect(await vb.open(sealed)).toBe(ERASED_TEXT);
    } finally {
      await Promise.all([a.close(), b.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

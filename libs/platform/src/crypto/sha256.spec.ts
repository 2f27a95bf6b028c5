import { createHash } from 'node:crypto';
import { sha256Bytes, sha256Hex } from './sha256';

describe('sha256', () => {
  it('matches the FIPS 180-2 test vector and createHash, as hex and as bytes', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const text = '供销 group buy|consumer1|key-1';
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    expect(Buffer.isBuffer(sha256Bytes(text))).toBe(true);
    expect(sha256Bytes(text).equals(createHash('sha256').update(text).digest())).toBe(true);
  });
});

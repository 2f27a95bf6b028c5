import { prefixEnd } from './user-directory';

describe('prefixEnd: a prefix search as a range [prefix, prefixEnd(prefix))', () => {
  const inRange = (prefix: string, s: string): boolean => s >= prefix && s < prefixEnd(prefix);

  it('holds exactly the strings starting with the prefix, Latin and Chinese alike', () => {
    for (const s of ['buy', 'buyer1', 'buy-', 'buyz', 'buy\u4e2d']) expect(inRange('buy', s)).toBe(true);
    for (const s of ['bux', 'buz', 'bu', 'c', 'buza']) expect(inRange('buy', s)).toBe(false);
    for (const s of ['张', '张运营', '张团长']) expect(inRange('张', s)).toBe(true);
    for (const s of ['弡', '王', '']) expect(inRange('张', s)).toBe(false);
  });

  it('falls back to the highest character after a last character that cannot be raised within the basic plane', () => {
    const top = String.fromCodePoint(0x10ffff);
    const high = String.fromCharCode(0xd83d);
    expect(prefixEnd('a\uffff')).toBe(`a\uffff${top}`);
    expect(prefixEnd(`a${high}`)).toBe(`a${high}${top}`);
  });
});

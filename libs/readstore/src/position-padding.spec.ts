import { padPosition as mongoPad } from './mongo/mongo-documents';
import { padPosition, unpadPosition } from './position-padding';
import { padPosition as sqlitePad } from './sqlite/document-schema';

describe('position padding (one helper for both document adapters)', () => {
  it('pads to 20 digits so text order is number order, and back', () => {
    expect(padPosition('42')).toBe('00000000000000000042');
    expect(padPosition('18446744073709551615')).toBe('18446744073709551615');
    expect(padPosition('9') < padPosition('10')).toBe(true);
    expect(unpadPosition('00000000000000000042')).toBe('42');
  });

  it('refuses what is no position', () => {
    for (const bad of ['', '-1', '1.5', '18446744073709551616', '123456789012345678901', 'x'])
      expect(() => padPosition(bad)).toThrow(RangeError);
  });

  it('is the one both adapters use', () => {
    expect(sqlitePad).toBe(padPosition);
    expect(mongoPad).toBe(padPosition);
  });
});

import { newEventId } from './event-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newEventId', () => {
  it('is a UUID version 7 carrying the time in its first 48 bits', () => {
    const at = Date.UTC(2026, 10, 28, 12, 0, 0, 123) + 10_000; // later than any id made before in this test file
    const id = newEventId(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(at);
  });

  it('increases strictly within a millisecond, past 4,096 ids, and across a clock step back', () => {
    const base = Date.now() + 60_000;
    const ids = [
      ...Array.from({ length: 5000 }, () => newEventId(base)),
      ...Array.from({ length: 100 }, () => newEventId(base - 5_000)),
      newEventId(base + 10),
    ];
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    ids.forEach((id) => expect(id).toMatch(UUID_V7));
  });
});

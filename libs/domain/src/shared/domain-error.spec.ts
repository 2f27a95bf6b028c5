import { DomainError, isDomainError } from './domain-error';

describe('DomainError', () => {
  it('carries its code, message and field, and is recognised by shape', () => {
    const e = new DomainError('SOLD_OUT', 'the campaign is sold out', 'quantity');
    expect(e).toMatchObject({
      name: 'DomainError',
      code: 'SOLD_OUT',
      message: 'the campaign is sold out',
      field: 'quantity',
    });
    expect(isDomainError(e)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });

  it('captures no stack trace (an answer, not a fault) and leaves the limit for other errors as it was', () => {
    const limit = Error.stackTraceLimit;
    expect(new DomainError('SOLD_OUT', 'sold out').stack).toBe('DomainError: sold out');
    expect(Error.stackTraceLimit).toBe(limit);
    expect(new Error('a fault').stack).toMatch(/\n\s+at /);
  });
});

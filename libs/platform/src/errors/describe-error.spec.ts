import { BadRequestException, InternalServerErrorException, NotFoundException } from '@nestjs/common';
import { DomainError, type DomainErrorCode } from '@gx/domain/shared/domain-error';
import { ConcurrencyError } from '@gx/eventstore/event-store.port';
import { describeError, problemBody } from './describe-error';
import { DOMAIN_ERROR_STATUS } from './domain-status';
import { ProblemException } from './problem';

describe('describeError', () => {
  it.each(Object.entries(DOMAIN_ERROR_STATUS))('maps the domain code %s to %i', (code, status) => {
    const d = describeError(new DomainError(code as DomainErrorCode, 'why'));
    expect(d).toMatchObject({ status, code, detail: 'why', unexpected: false });
  });

  it('lists the field of a 422 domain error and omits it elsewhere', () => {
    expect(describeError(new DomainError('UNKNOWN_SKU', 'no such SKU', 'lines.0.sku')).errors).toEqual([
      { field: 'lines.0.sku', message: 'no such SKU' },
    ]);
    expect(describeError(new DomainError('SOLD_OUT', 'gone', 'quantity')).errors).toBeUndefined();
  });

  it('answers the figures of a domain error as extension members, never over a standard member', () => {
    const error = Object.assign(
      new DomainError('BID_TOO_LOW', 'the lowest acceptable bid is 510 fen per 斤', 'pricePerUnitFen'),
      {
        extensions: { minimumBidFen: 510, status: 200 },
      },
    );
    expect(problemBody(describeError(error), 'corr-2')).toEqual({
      type: 'urn:gx:problem:bid-too-low',
      title: 'Bid too low',
      status: 422,
      detail: 'the lowest acceptable bid is 510 fen per 斤',
      code: 'BID_TOO_LOW',
      errors: [{ field: 'pricePerUnitFen', message: 'the lowest acceptable bid is 510 fen per 斤' }],
      minimumBidFen: 510,
      correlationId: 'corr-2',
    });
    const thrown = new ProblemException(429, 'SLOW_DOWN', 'too many', { extensions: { retryInSeconds: 5 } });
    expect(problemBody(describeError(thrown), 'corr-3')).toMatchObject({ code: 'SLOW_DOWN', retryInSeconds: 5 });
  });

  it('recognises a DomainError from another copy of the module by its shape', () => {
    const foreign = Object.assign(new Error('late'), { name: 'DomainError', code: 'CUTOFF_PASSED' });
    expect(describeError(foreign)).toMatchObject({ status: 409, code: 'CUTOFF_PASSED' });
  });

  it.each([
    ['a full disk', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' })],
    [
      'a read-only database',
      Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }),
    ],
    ['an I/O error', Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' })],
    ['ENOSPC', Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })],
    ['a MongoDB pool clear', Object.assign(new Error('pool cleared'), { name: 'MongoPoolClearedError' })],
    ['a MongoDB stepdown', Object.assign(new Error('not primary'), { name: 'MongoServerError', code: 10107 })],
    [
      'an unavailable EventStoreDB',
      Object.assign(new Error('14 UNAVAILABLE'), { name: 'UnavailableError', type: 'unavailable' }),
    ],
  ])('answers %s with 503 STORE_UNAVAILABLE and Retry-After, and logs it', (_what, error) => {
    expect(describeError(error)).toMatchObject({
      status: 503,
      code: 'STORE_UNAVAILABLE',
      headers: { 'Retry-After': '5' },
      unexpected: true,
    });
  });

  it('keeps other driver errors as 500', () => {
    expect(describeError(Object.assign(new Error('constraint'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toMatchObject({
      status: 500,
    });
    expect(describeError(Object.assign(new Error('bad'), { name: 'MongoServerError', code: 2 }))).toMatchObject({
      status: 500,
    });
  });

  it('turns a write conflict that outlived its retries into 503 CONFLICT_RETRY with Retry-After', () => {
    expect(describeError(new ConcurrencyError('stock-a@w', 4, 5))).toMatchObject({
      status: 503,
      code: 'CONFLICT_RETRY',
      headers: { 'Retry-After': '1' },
      unexpected: false,
    });
  });

  it('keeps the status and message of client errors and hides server errors', () => {
    expect(describeError(new NotFoundException('Cannot GET /x'))).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'Cannot GET /x',
    });
    expect(describeError(new BadRequestException('bad'))).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    const hidden = describeError(new InternalServerErrorException('db password wrong'));
    expect(hidden).toMatchObject({ status: 500, code: 'INTERNAL', unexpected: true });
    expect(hidden.detail).not.toContain('password');
    expect(describeError(new TypeError('x is undefined')).detail).not.toContain('undefined');
  });

  it('passes a ProblemException through', () => {
    const e = new ProblemException(429, 'SLOW_DOWN', 'too many', { headers: { 'Retry-After': '5' } });
    expect(describeError(e)).toMatchObject({
      status: 429,
      code: 'SLOW_DOWN',
      detail: 'too many',
      headers: { 'Retry-After': '5' },
    });
  });

  it('builds an RFC 9457 document with the correlation id', () => {
    expect(problemBody(describeError(new DomainError('SOLD_OUT', 'Campaign sold out')), 'corr-1')).toEqual({
      type: 'urn:gx:problem:sold-out',
      title: 'Sold out',
      status: 409,
      detail: 'Campaign sold out',
      code: 'SOLD_OUT',
      correlationId: 'corr-1',
    });
  });
});

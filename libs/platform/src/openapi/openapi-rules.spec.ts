import type { OpenAPIObject } from '@nestjs/swagger';
import { completeOperations, moneyFieldsNotInFen, moneySchemaViolations, openApiRuleViolations } from './openapi-rules';

const ok = {
  description: 'ok',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ThingView' } } },
};
const documentWith = (operation: object, path = '/things/{id}'): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    security: [{ bearer: [] }],
    paths: { [path]: { get: structuredClone(operation) } },
  }) as unknown as OpenAPIObject;
const complete = {
  summary: 'One thing',
  parameters: [{ in: 'path', name: 'id', description: 'thing id' }],
  responses: { '200': ok, '404': { description: 'NOT_FOUND' } },
};

describe('OpenAPI rules', () => {
  it('pass a complete operation', () => {
    expect(openApiRuleViolations(documentWith(complete), { publicOperations: [] })).toEqual([]);
  });

  it('pass a 204 answer without a body, but not a 200 without one', () => {
    const noContent = {
      ...complete,
      responses: { '204': { description: 'done' }, '404': { description: 'NOT_FOUND' } },
    };
    expect(openApiRuleViolations(documentWith(noContent), { publicOperations: [] })).toEqual([]);
    const empty = {
      ...complete,
      responses: {
        '200': { description: 'done' },
        '204': { description: 'done' },
        '404': { description: 'NOT_FOUND' },
      },
    };
    expect(openApiRuleViolations(documentWith(empty), { publicOperations: [] })).toEqual([
      'GET /things/{id}: success answer 200 has no schema class',
    ]);
  });

  it.each([
    ['no summary', { ...complete, summary: undefined }, 'GET /things/{id}: no summary'],
    [
      'an undescribed parameter',
      { ...complete, parameters: [{ in: 'path', name: 'id' }] },
      'GET /things/{id}: path parameter id has no description',
    ],
    [
      'an answer without a schema class',
      { ...complete, responses: { '200': { description: 'ok' }, '404': { description: 'NOT_FOUND' } } },
      'GET /things/{id}: success answer 200 has no schema class',
    ],
    [
      'an inline answer schema',
      {
        ...complete,
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } },
          '404': { description: 'NOT_FOUND' },
        },
      },
      'GET /things/{id}: success answer 200 has no schema class',
    ],
    ['no error answers', { ...complete, responses: { '200': ok } }, 'GET /things/{id}: no error answers'],
    [
      'an error answer naming no code',
      { ...complete, responses: { '200': ok, '404': { description: 'not found' } } },
      'GET /things/{id}: error answer 404 names no code',
    ],
    [
      'a protected operation marked public',
      { ...complete, security: [] },
      'GET /things/{id}: needs a token, but is not marked so',
    ],
  ])('fail an operation with %s', (_what, operation, violation) => {
    expect(openApiRuleViolations(documentWith(operation), { publicOperations: [] })).toEqual([violation]);
  });

  it('fail a public operation that asks for a token, and a public operation that is missing', () => {
    expect(
      openApiRuleViolations(documentWith(complete), { publicOperations: ['GET /things/{id}', 'GET /gone'] }),
    ).toEqual([
      'GET /things/{id}: public, but marked as needing a token',
      'GET /gone: listed as public but not in the document',
    ]);
  });

  it('complete the answers every operation shares from its parameters, roles and public mark', () => {
    const document = documentWith({
      ...complete,
      parameters: [...complete.parameters, { in: 'query', name: 'after', description: 'position' }],
      'x-gx-roles': ['operator'],
    });
    const operation = completeOperations(document).paths['/things/{id}'].get as unknown as {
      responses: Record<string, { description: string }>;
      description: string;
    };
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']);
    expect(operation.responses['400'].description).toMatch(/VALIDATION_FAILED/);
    expect(operation.responses['503'].description).toMatch(/READ_MODEL_BEHIND/);
    expect(operation.description).toMatch(/Roles: operator/);
    const open = completeOperations(documentWith({ ...complete, 'x-gx-public': true })).paths['/things/{id}']
      .get as unknown as { security: unknown[]; responses: object };
    expect(open.security).toEqual([]);
    expect(Object.keys(open.responses)).not.toContain('401');
  });

  it('find money fields that do not say they are in fen, in schemas and in answers', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          LotView: {
            properties: {
              startPrice: { type: 'integer' },
              startPriceFen: { type: 'integer' },
              units: { type: 'integer' },
              availableBase: { type: 'integer' },
              currency: { type: 'string' },
            },
          },
          BuyerView: {
            properties: {
              creditLimitFen: { type: 'number' },
              exposure: { type: 'number' },
              bidCount: { type: 'integer' },
              holds: { type: 'array', items: { type: 'integer' } },
            },
          },
        },
      },
    } as unknown as OpenAPIObject;
    expect(moneySchemaViolations(document)).toEqual(['LotView.startPrice', 'BuyerView.exposure']);
    const frame = {
      lotId: 'L-1',
      currentPriceFen: 500,
      minimumBid: 510,
      you: { maxPricePerUnit: null },
      recentBids: [{ pricePerUnitFen: 1, amount: 2 }],
      bidCount: 3,
      quantityBase: 4,
    };
    expect(moneyFieldsNotInFen(frame)).toEqual(['$.minimumBid', '$.you.maxPricePerUnit', '$.recentBids[0].amount']);
    expect(moneyFieldsNotInFen({ pricePerUnitFen: 1, leader: null, units: 2 })).toEqual([]);
  });
});

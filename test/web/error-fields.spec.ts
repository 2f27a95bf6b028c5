import {
  countDecider,
  fold,
  isDomainError,
  statementDecider,
  stockDecider,
  type CountCommand,
  type CountEvent,
  type Decider,
  type StockCommand,
  type StockEvent,
} from '@gx/domain';
import { openApiDocumentOf, type UiApp } from './api-docs';

type Schema = { $ref?: string; properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[] };
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
  components?: { schemas?: Record<string, Schema> };
};

/** Whether `field` (`lines.0.countedBase`) names a property of the request body of `method path` in the document. */
function bodyHasField(doc: OpenApi, method: string, path: string, field: string): boolean {
  const resolve = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? resolve(doc.components?.schemas?.[s.$ref.split('/').pop() ?? '']) : s;
  const propertyOf = (s: Schema | undefined, name: string): Schema | undefined => {
    const r = resolve(s);
    return r?.properties?.[name] ?? r?.allOf?.map((p) => propertyOf(p, name)).find(Boolean);
  };
  let schema = resolve(doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema);
  for (const part of field.split('.')) {
    if (!schema) return false;
    schema = /^\d+$/.test(part) ? resolve(schema.items) : resolve(propertyOf(schema, part));
  }
  return schema !== undefined;
}

/** The field of the DomainError the decider raises for `command` after `history`. */
function fieldOf<C, E extends { type: string; data: unknown }, S>(
  decider: Decider<C, E, S>,
  history: E[],
  command: C,
): string | undefined {
  try {
    decider.decide(command, fold(decider, history));
  } catch (e) {
    if (isDomainError(e)) return e.field;
    throw e;
  }
  throw new Error('the command was accepted');
}

const at = { sku: 'SKU-PEAR-GX', warehouse: 'LC-HUB-DCF', now: '2026-11-28T02:00:00.000Z' };
const batch: StockEvent = stockDecider.decide(
  {
    type: 'ReceiveStock',
    ...at,
    batchId: 'B-1',
    quantity: 10,
    producer: 'COOP-GX-PEAR',
    origin: { village: '东古城镇前屯村' },
    harvestDate: '2026-11-20',
    expiryDate: '2027-01-19',
    grade: '一级',
    inspection: { result: 'pass' },
    cost: { per: 1000, fen: 600 },
  },
  stockDecider.initialState,
)[0];
const held: StockEvent = {
  type: 'StockReserved',
  data: { ...at, holder: 'PHONE-1', holderKind: 'order', quantity: 4, reservedAt: at.now },
};
const opened: CountEvent = {
  type: 'CountOpened',
  data: { countId: 'C-1', warehouse: at.warehouse, skus: [at.sku], openedBy: 'operator1', openedAt: at.now },
};
const countLine = { sku: at.sku, batchId: 'B-1', counted: 1, book: 1, cost: { per: 1, fen: 1 } };

/**
 * A domain error names the field of the request that caused it (problem+json `errors[].field`, which the UIs put
 * under the input): here each refusal is raised by the real decider and its field looked up in the request body
 * of the operation that sends the command, in that app's OpenAPI document. A decider that still says `quantity`
 * where the request says `quantityBase` fails this.
 */
const CASES: Array<[string, UiApp, string, string, () => string | undefined]> = [
  [
    'a write-off of more than is free',
    'operations',
    'POST',
    '/write-offs',
    () =>
      fieldOf(stockDecider, [batch, held], {
        type: 'WriteOff',
        ...at,
        batchId: 'B-1',
        quantity: 9,
        reason: 'damage',
      } as StockCommand),
  ],
  [
    'a reservation beyond what is available',
    'operations',
    'POST',
    '/reservations',
    () =>
      fieldOf(stockDecider, [batch], {
        type: 'ReserveStock',
        ...at,
        holder: 'PHONE-2',
        holderKind: 'order',
        quantity: 11,
      } as StockCommand),
  ],
  [
    'a release of more than is held',
    'operations',
    'POST',
    '/reservations/release',
    () =>
      fieldOf(stockDecider, [batch, held], {
        type: 'ReleaseReservation',
        ...at,
        holder: 'PHONE-1',
        quantity: 5,
        reason: 'x',
      } as StockCommand),
  ],
  [
    'an allocation of more than is held',
    'operations',
    'POST',
    '/reservations/allocate',
    () =>
      fieldOf(stockDecider, [batch, held], {
        type: 'AllocateStock',
        ...at,
        holder: 'PHONE-1',
        quantity: 5,
      } as StockCommand),
  ],
  [
    'a transfer of more than is available',
    'operations',
    'POST',
    '/transfers',
    () =>
      fieldOf(stockDecider, [batch, held], {
        type: 'TransferOut',
        ...at,
        transferId: 'T-1',
        to: 'LC-HUB-CP',
        quantity: 7,
      } as StockCommand),
  ],
  [
    'a count line of a SKU outside the count',
    'operations',
    'PUT',
    '/counts/{id}/lines',
    () =>
      fieldOf(countDecider, [opened], {
        type: 'RecordCountLines',
        countId: 'C-1',
        lines: [{ ...countLine, sku: 'SKU-EGG' }],
        by: 'o',
        now: at.now,
      } as CountCommand),
  ],
  [
    'a fractional counted quantity',
    'operations',
    'PUT',
    '/counts/{id}/lines',
    () =>
      fieldOf(countDecider, [opened], {
        type: 'RecordCountLines',
        countId: 'C-1',
        lines: [{ ...countLine, counted: 1.5 }],
        by: 'o',
        now: at.now,
      } as CountCommand),
  ],
  [
    'a payment of no fen',
    'kitchen',
    'POST',
    '/statements/{month}/payments',
    () =>
      fieldOf(statementDecider, [], {
        type: 'RecordStatementPayment',
        kitchen: 'K',
        month: '2026-01',
        reference: 'R',
        amount: 0,
        method: 'bank_transfer',
        paidOn: '2026-02-05',
        by: 'o',
        now: at.now,
      }),
  ],
];

describe('domain errors name the request’s fields', () => {
  const documents = new Map<UiApp, OpenApi>();
  const documentOf = async (app: UiApp): Promise<OpenApi> => {
    if (!documents.has(app)) documents.set(app, (await openApiDocumentOf(app)) as OpenApi);
    return documents.get(app) as OpenApi;
  };

  it.each(CASES)(
    '%s: the field is a property of %s %s %s',
    async (_name, app, method, path, raise) => {
      const field = raise();
      expect(field).toBeDefined();
      const doc = await documentOf(app);
      expect(doc.paths[path]?.[method.toLowerCase()]).toBeDefined();
      expect({ field, named: bodyHasField(doc, method, path, field as string) }).toEqual({ field, named: true });
    },
    60_000,
  );

  it('would catch a stale name', async () => {
    expect(bodyHasField(await documentOf('operations'), 'POST', '/write-offs', 'quantity')).toBe(false);
    expect(bodyHasField(await documentOf('operations'), 'PUT', '/counts/{id}/lines', 'lines.0.counted')).toBe(false);
  }, 60_000);
});

import { isDeepStrictEqual } from 'node:util';
import type { EventStore } from '@gx/eventstore/event-store.port';
import type { Doc } from './document-store.port';
import type { Projection } from './projection';
import type { ReadModels } from './read-models';

/** One way a stored read model differs from a fresh fold of the log. */
export interface Disagreement {
  projection: string;
  collection: string;
  id: string;
  problem: 'missing' | 'unexpected' | 'different';
  /** Top-level fields whose values differ (for `different`). */
  fields?: string[];
  expected?: Doc | null;
  actual?: Doc | null;
}

/** Result of checking one projection against the log. */
export interface ProjectionCheck {
  projection: string;
  /** The log position the fresh fold went up to. */
  upTo: string;
  documents: number;
  disagreements: Disagreement[];
}

const PAGE = 2000;

/**
 * Fold the log up to `upTo` through a projection's read models in memory (the same rules as the
 * projector: `_id`, `_position`, an unchanged document is not rewritten, null deletes) and compare
 * the result with what the store holds. The caller makes sure the projection has passed `upTo`.
 */
export async function checkProjection(
  events: EventStore,
  readModels: ReadModels,
  projection: Projection,
  upTo: string,
): Promise<ProjectionCheck> {
  const expected = new Map<string, Map<string, Doc>>(projection.readModels.map((m) => [m.collection, new Map()]));
  let after: string | undefined;
  for (;;) {
    const page = await events.readAll({ after, maxCount: PAGE, filter: projection.filter });
    const inRange = page.filter((e) => BigInt(e.position) <= BigInt(upTo));
    for (const event of inRange) {
      for (const model of projection.readModels) {
        const docs = expected.get(model.collection) as Map<string, Doc>;
        for (const id of new Set(model.ids(event))) {
          const current = docs.get(id) ?? null;
          const next = model.evolve(current, event, id);
          if (next === current) continue;
          if (next === null) docs.delete(id);
          else docs.set(id, { ...next, _id: id, _position: event.position });
        }
      }
    }
    if (page.length < PAGE || inRange.length < page.length) break;
    after = page[page.length - 1].position;
  }

  const disagreements: Disagreement[] = [];
  let documents = 0;
  for (const model of projection.readModels) {
    const want = expected.get(model.collection) as Map<string, Doc>;
    const seen = new Set<string>();
    for (let skip = 0; ; skip += PAGE) {
      const stored = await readModels.find(model.collection, {}, { sort: [['_id', 1]], skip, limit: PAGE });
      for (const actual of stored) {
        documents++;
        seen.add(actual._id);
        const fresh = want.get(actual._id);
        const base = { projection: projection.name, collection: model.collection, id: actual._id };
        if (!fresh) disagreements.push({ ...base, problem: 'unexpected', expected: null, actual });
        else if (!isDeepStrictEqual(normalise(fresh), normalise(actual))) {
          disagreements.push({
            ...base,
            problem: 'different',
            fields: differingFields(fresh, actual),
            expected: fresh,
            actual,
          });
        }
      }
      if (stored.length < PAGE) break;
    }
    for (const [id, fresh] of want) {
      if (!seen.has(id))
        disagreements.push({
          projection: projection.name,
          collection: model.collection,
          id,
          problem: 'missing',
          expected: fresh,
          actual: null,
        });
    }
  }
  return { projection: projection.name, upTo, documents, disagreements };
}

/** Documents round-trip through JSON in every store: compare them as JSON values. */
const normalise = (doc: Doc): unknown => JSON.parse(JSON.stringify(doc));

function differingFields(expected: Doc, actual: Doc): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys]
    .filter(
      (k) =>
        !isDeepStrictEqual(normalise({ _id: '', v: expected[k] } as Doc), normalise({ _id: '', v: actual[k] } as Doc)),
    )
    .sort();
}

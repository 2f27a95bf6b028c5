import type { FieldCondition, Filter, Scalar, SortSpec } from '../document-store.port';

/** A SQL fragment with its bound parameters, in order. */
export interface SqlFragment {
  sql: string;
  params: Array<string | number>;
}

// Stricter than "identifier characters and dots": no empty segment, so every name maps to one JSON path.
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const OPERATORS = new Set(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$exists']);
const NUMERIC = `('integer','real')`;

/** How one document field reads in SQL: its JSON type name (NULL when missing) and its value. */
interface FieldSql {
  type: string;
  value: string;
}

/** Reject anything but plain dotted identifiers: field names are inlined into SQL (values never are). */
export function checkField(field: string): string {
  if (typeof field !== 'string' || !FIELD.test(field))
    throw new TypeError(`invalid field name: ${JSON.stringify(field)}`);
  return field;
}

/**
 * The SQL expressions of a field. The JSON path is a literal (not a parameter) so that the
 * expression matches the declared expression indexes and SQLite can use them.
 */
export function fieldSql(field: string): FieldSql {
  checkField(field);
  // `_id` lives in the primary-key column, always a string.
  if (field === '_id') return { type: `'text'`, value: 'id' };
  const path = `'$.${field}'`;
  return { type: `json_type(doc, ${path})`, value: `json_extract(doc, ${path})` };
}

/** The expression an index on `field` is built on; identical to what queries compare. */
export function indexExpression(field: string): string {
  return fieldSql(field).value;
}

// Every predicate below evaluates to 0 or 1, never NULL, so that NOT (…) is exact for $ne.
function typeIn(f: FieldSql, types: string): string {
  return `COALESCE(${f.type}, '') IN ${types}`;
}

function equals(f: FieldSql, value: Scalar, params: Array<string | number>): string {
  if (value === null) return `COALESCE(${f.type}, 'null') = 'null'`; // missing or null, as in MongoDB
  if (typeof value === 'boolean') return `COALESCE(${f.type}, '') = '${value ? 'true' : 'false'}'`;
  if (typeof value === 'number') {
    params.push(finite(value));
    return `(${typeIn(f, NUMERIC)} AND ${f.value} = ?)`;
  }
  if (typeof value === 'string') {
    params.push(value);
    return `(${typeIn(f, `('text')`)} AND ${f.value} = ?)`;
  }
  throw new TypeError(`unsupported filter value: ${JSON.stringify(value)}`);
}

function compare(f: FieldSql, op: string, value: unknown, params: Array<string | number>): string {
  const sqlOp = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' }[op];
  // Like MongoDB, a range only matches values of the same kind: numbers numerically, strings by bytes.
  if (typeof value === 'number') {
    params.push(finite(value));
    return `(${typeIn(f, NUMERIC)} AND ${f.value} ${sqlOp} ?)`;
  }
  if (typeof value === 'string') {
    params.push(value);
    return `(${typeIn(f, `('text')`)} AND ${f.value} ${sqlOp} ?)`;
  }
  throw new TypeError(`${op} needs a number or a string, got ${JSON.stringify(value)}`);
}

function inList(f: FieldSql, values: unknown, params: Array<string | number>): string {
  if (!Array.isArray(values)) throw new TypeError('$in needs an array');
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number').map(finite);
  const parts: string[] = [];
  // Grouped into one IN (…) per kind so an expression index still serves the lookup.
  if (strings.length > 0) {
    parts.push(`(${typeIn(f, `('text')`)} AND ${f.value} IN (${strings.map(() => '?').join(', ')}))`);
    params.push(...strings);
  }
  if (numbers.length > 0) {
    parts.push(`(${typeIn(f, NUMERIC)} AND ${f.value} IN (${numbers.map(() => '?').join(', ')}))`);
    params.push(...numbers);
  }
  for (const v of values) {
    if (v === null || typeof v === 'boolean') parts.push(equals(f, v, params));
    else if (typeof v !== 'string' && typeof v !== 'number')
      throw new TypeError(`unsupported $in value: ${JSON.stringify(v)}`);
  }
  return parts.length === 0 ? '0' : `(${parts.join(' OR ')})`;
}

function condition(field: string, cond: FieldCondition, params: Array<string | number>): string[] {
  const f = fieldSql(field);
  if (cond === null || typeof cond !== 'object') return [equals(f, cond, params)];
  const parts: string[] = [];
  for (const [op, value] of Object.entries(cond)) {
    if (!OPERATORS.has(op)) throw new TypeError(`unsupported filter operator ${op} on ${field}`);
    if (value === undefined) continue;
    if (op === '$eq') parts.push(equals(f, value as Scalar, params));
    else if (op === '$ne') parts.push(`NOT (${equals(f, value as Scalar, params)})`);
    else if (op === '$in') parts.push(inList(f, value, params));
    else if (op === '$exists') parts.push(value ? `${f.type} IS NOT NULL` : `${f.type} IS NULL`);
    else parts.push(compare(f, op, value, params));
  }
  return parts;
}

/** Translate a filter into a WHERE clause body ('1' when empty) with bound parameters. */
export function whereSql(filter: Filter | undefined): SqlFragment {
  const params: Array<string | number> = [];
  const parts: string[] = [];
  for (const [field, cond] of Object.entries(filter ?? {})) {
    if (cond === undefined) continue;
    parts.push(...condition(field, cond, params));
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), params };
}

/** Translate a sort into an ORDER BY body; the id breaks ties so that paging is stable. */
export function orderSql(sort: SortSpec | undefined): string {
  const keys = (sort ?? []).map(([field, direction]) => {
    if (direction !== 1 && direction !== -1) throw new TypeError(`sort direction of ${field} must be 1 or -1`);
    return `${fieldSql(field).value} ${direction === 1 ? 'ASC' : 'DESC'}`;
  });
  if (!(sort ?? []).some(([field]) => field === '_id')) keys.push('id ASC');
  return keys.join(', ');
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`filter numbers must be finite, got ${value}`);
  return value;
}

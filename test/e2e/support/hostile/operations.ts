import type { AppName } from '@gx/platform';
import type { Stack } from '../stack';

/** The subset of JSON Schema that @nestjs/swagger writes for our DTOs. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  enum?: unknown[];
  example?: unknown;
  format?: string;
}

/** One HTTP operation of an app, as its OpenAPI document describes it. */
export interface Operation {
  app: AppName;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The template, e.g. `/counts/{id}/lines`. */
  path: string;
  /** Taken from the template itself: some routes do not declare theirs. */
  pathParams: string[];
  queryParams: string[];
  /** The JSON body's schema with every `$ref` and `allOf` resolved; undefined for a body-less operation. */
  body?: Schema;
  /** Its success answer is a `text/event-stream` that stays open (a live board): its headers are the answer. */
  streams?: boolean;
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{ in: string; name: string }>;
        requestBody?: { content?: Record<string, { schema?: Schema }> };
        responses?: Record<string, { content?: Record<string, unknown> }>;
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** Every operation each app's `GET /docs-json` lists. */
export async function discoverOperations(stack: Stack, apps: AppName[]): Promise<Operation[]> {
  const operations: Operation[] = [];
  for (const app of apps) {
    const doc = (await stack.http(app).get('/docs-json').expect(200)).body as OpenApiDocument;
    const resolve = resolver(doc.components?.schemas ?? {});
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        operations.push({
          app,
          method: method.toUpperCase() as Operation['method'],
          path,
          pathParams: [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]),
          queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
          ...(schema && { body: resolve(schema) }),
          ...(Object.values(op.responses ?? {}).some((r) => r.content?.['text/event-stream']) && { streams: true }),
        });
      }
    }
  }
  return operations;
}

function resolver(components: Record<string, Schema>): (schema: Schema) => Schema {
  const resolve = (schema: Schema, depth = 0): Schema => {
    if (depth > 10) return {};
    if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')] ?? {}, depth + 1);
    if (schema.allOf)
      return schema.allOf.reduce<Schema>((merged, part) => ({ ...merged, ...resolve(part, depth + 1) }), {
        ...schema,
        allOf: undefined,
      });
    return {
      ...schema,
      ...(schema.items && { items: resolve(schema.items, depth + 1) }),
      ...(schema.properties && {
        properties: Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, resolve(v, depth + 1)])),
      }),
    };
  };
  return (schema) => resolve(schema);
}

/** `METHOD /path` of the app, for reports. */
export const describeOperation = (op: Operation): string => `${op.app} ${op.method} ${op.path}`;

/** A plausible valid body: each property's example, else a value of its type (arrays with one item). */
export function exampleOf(schema: Schema): unknown {
  if (schema.example !== undefined) return schema.example;
  if (schema.enum && schema.enum.length > 0) return schema.enum[0];
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, exampleOf(v)]));
    case 'array':
      return schema.items ? [exampleOf(schema.items)] : [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'string':
      return 'X-1';
    default:
      return schema.properties ? exampleOf({ ...schema, type: 'object' }) : 'X-1';
  }
}

/** A leaf of a body: its path (array items at index 0) and its declared type. */
export interface Leaf {
  path: Array<string | number>;
  type: string;
}

/** Every leaf and container of a schema, depth first (the body itself excluded). */
export function leavesOf(schema: Schema, path: Array<string | number> = []): Leaf[] {
  const out: Leaf[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const here = [...path, name];
    const type = child.type ?? (child.properties ? 'object' : 'string');
    out.push({ path: here, type });
    if (type === 'object') out.push(...leavesOf(child, here));
    if (type === 'array' && child.items?.properties) out.push(...leavesOf(child.items, [...here, 0]));
  }
  return out;
}

/** A deep copy of `body` with the value at `path` replaced (parents created as needed). */
export function withValue(body: unknown, path: Array<string | number>, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'number') {
    const items: unknown[] = Array.isArray(body) ? [...body] : [];
    items[head] = withValue(items[head], rest, value);
    return items;
  }
  const fields: Record<string, unknown> =
    body !== null && typeof body === 'object' && !Array.isArray(body) ? { ...body } : {};
  fields[head] = withValue(fields[head], rest, value);
  return fields;
}

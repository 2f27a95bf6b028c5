/** A JSON schema as an OpenAPI document writes it (the parts an answer's keys are checked against). */
interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  additionalProperties?: boolean | Schema;
}
type OpenApiDocument = { components?: { schemas?: Record<string, Schema> } };

/**
 * The paths of every key of `value` that its schema (`schemaName` in the document, followed through `$ref`,
 * `allOf`, items and properties) does not name: a field the answer carries but `/docs` and the generated UI
 * types do not know. A schema typed as a bare object (`type: object` without properties) accepts anything below it.
 */
export function undocumentedKeys(document: OpenApiDocument, schemaName: string, value: unknown): string[] {
  const schemas = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined): Schema | undefined => {
    let s = schema;
    for (let hops = 0; s?.$ref && hops < 20; hops++) s = schemas[s.$ref.replace('#/components/schemas/', '')];
    return s;
  };
  const propertiesOf = (schema: Schema | undefined): Map<string, Schema> | undefined => {
    const s = resolve(schema);
    if (!s) return undefined;
    const parts = [s, ...(s.allOf ?? [])].map(resolve);
    if (parts.every((p) => !p?.properties && !p?.allOf)) return undefined;
    const all = new Map<string, Schema>();
    for (const part of parts) {
      for (const [name, property] of Object.entries(part?.properties ?? {})) all.set(name, property);
      if (part !== s && part?.allOf) for (const [name, property] of propertiesOf(part) ?? []) all.set(name, property);
    }
    return all;
  };
  const found: string[] = [];
  const walk = (schema: Schema | undefined, v: unknown, path: string): void => {
    const s = resolve(schema);
    if (!s || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(s.items, item, `${path}[${i}]`));
      return;
    }
    const properties = propertiesOf(s);
    if (!properties) return;
    for (const [key, child] of Object.entries(v)) {
      const property = properties.get(key);
      if (property === undefined) found.push(path ? `${path}.${key}` : key);
      else walk(property, child, path ? `${path}.${key}` : key);
    }
  };
  if (!schemas[schemaName]) throw new Error(`no schema ${schemaName} in the document`);
  walk({ $ref: `#/components/schemas/${schemaName}` }, value, '');
  return found;
}

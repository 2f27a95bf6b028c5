/**
 * The `application/x-www-form-urlencoded` dialect the Stripe SDK speaks: nested keys in brackets
 * (`metadata[reference]=…`), arrays with indices (`allowed_payment_method_types[0]=card`).
 */

/** A decoded form value: a string, an object of values, or a list of values. */
export type FormValue = string | FormObject | FormValue[];
/** A decoded form body or nested object. */
export interface FormObject {
  [key: string]: FormValue;
}

/** A body the fake cannot decode (conflicting keys), answered as a 400 like Stripe does. */
export class FormError extends Error {}

function decode(text: string): string {
  return decodeURIComponent(text.replace(/\+/g, ' '));
}

function keyPath(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (match === null) return [key];
  const rest = match[2].length === 0 ? [] : match[2].slice(1, -1).split('][');
  return [match[1], ...rest];
}

function assign(root: FormObject, path: string[], value: string): void {
  let node = root;
  for (let i = 0; i < path.length; i += 1) {
    // `a[]=x` appends, as qs-style encoders write arrays without indices.
    const key = path[i] === '' ? String(Object.keys(node).length) : path[i];
    if (i === path.length - 1) {
      if (key in node) throw new FormError(`Invalid array or object: ${path.join('.')} was given twice`);
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next === 'string' || Array.isArray(next))
      throw new FormError(`Invalid object: ${path.slice(0, i + 1).join('.')}`);
    node = next ?? (node[key] = {});
  }
}

function arrayify(value: FormValue, key: string): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k) => [k, arrayify(value[k], k)] as const);
  // Metadata keys are free text and may well be digits: never turn metadata into a list.
  const indexed = keys.length > 0 && key !== 'metadata' && keys.every((k, i) => k === String(i));
  return indexed ? entries.map(([, v]) => v) : Object.fromEntries(entries);
}

/** Decode a form body (or query string without `?`) into nested objects and arrays. */
export function parseForm(body: string): FormObject {
  const root: FormObject = {};
  for (const pair of body.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decode(eq < 0 ? pair : pair.slice(0, eq));
    assign(root, keyPath(key), decode(eq < 0 ? '' : pair.slice(eq + 1)));
  }
  return arrayify(root, '') as FormObject;
}

/** A canonical text of decoded parameters: equal for the same parameters in any order. */
export function fingerprint(value: FormValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  return `{${Object.keys(value)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${fingerprint(value[k])}`)
    .join(',')}}`;
}

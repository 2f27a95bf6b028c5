import { invalidRequest } from './errors';
import type { FormObject, FormValue } from './form';

/** Reject parameters the fake does not model, as Stripe rejects unknown ones (so typos surface in tests). */
export function onlyKnown(params: FormObject, known: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) throw invalidRequest(`Received unknown parameter: ${key}`, 'parameter_unknown', key);
  }
}

/** A string parameter, or undefined when absent. */
export function optionalString(params: FormObject, name: string): string | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${name}`, 'parameter_invalid_string', name);
  return value;
}

/** A positive integer parameter, or undefined when absent. */
export function optionalPositiveInt(params: FormObject, name: string, max = 99_999_999): number | undefined {
  const raw = optionalString(params, name);
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) throw invalidRequest(`Invalid integer: ${raw}`, 'parameter_invalid_integer', name);
  const value = Number(raw);
  if (value < 1) throw invalidRequest('This value must be greater than or equal to 1.', 'amount_too_small', name);
  if (value > max) throw invalidRequest(`Amount must be no more than ${max}`, 'amount_too_large', name);
  return value;
}

/** A positive integer parameter that must be present. */
export function requiredPositiveInt(params: FormObject, name: string): number {
  const value = optionalPositiveInt(params, name);
  if (value === undefined) throw invalidRequest(`Missing required param: ${name}.`, 'parameter_missing', name);
  return value;
}

/** A list of strings, or undefined when absent. */
export function optionalStringList(params: FormObject, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === 'string')) {
    throw invalidRequest(`Invalid array: ${name}`, 'parameter_invalid_array', name);
  }
  return value;
}

/** A nested object parameter, or undefined when absent. */
export function optionalObject(params: FormObject, name: string): FormObject | undefined {
  const value: FormValue | undefined = params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Array.isArray(value))
    throw invalidRequest(`Invalid object: ${name}`, 'parameter_invalid_object', name);
  return value;
}

/** Metadata with Stripe's limits: at most 50 keys of up to 40 characters, string values up to 500. */
export function metadataOf(params: FormObject): Record<string, string> {
  const metadata = optionalObject(params, 'metadata') ?? {};
  const entries = Object.entries(metadata);
  if (entries.length > 50)
    throw invalidRequest('Metadata can have at most 50 keys.', 'parameter_invalid_metadata', 'metadata');
  const result: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (typeof value !== 'string')
      throw invalidRequest(`Invalid metadata value for ${key}`, 'parameter_invalid_metadata', `metadata[${key}]`);
    if (key.length > 40)
      throw invalidRequest(
        `Metadata keys can be at most 40 characters: ${key}`,
        'parameter_invalid_metadata',
        `metadata[${key}]`,
      );
    if (value.length > 500)
      throw invalidRequest(
        `Metadata values can be at most 500 characters: ${key}`,
        'parameter_invalid_metadata',
        `metadata[${key}]`,
      );
    // An empty value unsets the key, as in Stripe.
    if (value !== '') result[key] = value;
  }
  return result;
}

import type { OpenAPIObject } from '@nestjs/swagger';
import { HTTP_PROBLEM_STATUS, problemResponse, PUBLIC_EXTENSION, ROLES_EXTENSION } from './api-errors';

/** HTTP methods of an OpenAPI path item. */
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

type Json = Record<string, unknown>;
type Operation = {
  summary?: string;
  description?: string;
  parameters?: Array<{ in?: string; name?: string; description?: string; $ref?: string }>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Json }> }>;
  security?: unknown[];
  [extension: `x-${string}`]: unknown;
};

/** Every operation of a document as `METHOD /path` with the operation itself. */
export function operationsOf(document: OpenAPIObject): Array<{ name: string; operation: Operation }> {
  const out: Array<{ name: string; operation: Operation }> = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (operation) out.push({ name: `${method.toUpperCase()} ${path}`, operation });
    }
  }
  return out;
}

/** Add `code` to the error answer of `status`, creating it when the operation has none. */
function addProblem(operation: Operation, status: number, code: string, note?: string): void {
  const responses = (operation.responses ??= {});
  const existing = responses[String(status)];
  if (!existing) {
    responses[String(status)] = problemResponse(status, [code], note);
    return;
  }
  if (!(existing.description ?? '').includes(code))
    existing.description = `${code}${note ? ` (${note})` : ''}; ${existing.description ?? ''}`;
}

/**
 * Finish the error answers and security of every operation from what the code declares once:
 * `@Public()` operations need no token (`security: []`), others answer 401 UNAUTHORIZED; `@Roles(...)`
 * are named in the description with their 403 FORBIDDEN; an operation with parameters or a body answers
 * 400 VALIDATION_FAILED, one with a body 415 UNSUPPORTED_MEDIA_TYPE, one reading after `?after=` 503
 * READ_MODEL_BEHIND. Business codes come from each operation's `@ApiErrors(...)`.
 */
export function completeOperations(document: OpenAPIObject): OpenAPIObject {
  for (const { operation } of operationsOf(document)) {
    const isPublic = operation[PUBLIC_EXTENSION] === true;
    delete operation[PUBLIC_EXTENSION];
    const roles = operation[ROLES_EXTENSION] as string[] | undefined;
    delete operation[ROLES_EXTENSION];
    if (isPublic) operation.security = [];
    else addProblem(operation, HTTP_PROBLEM_STATUS.UNAUTHORIZED, 'UNAUTHORIZED', 'no valid bearer token');
    if (roles && !isPublic) {
      operation.description = `${operation.description ? `${operation.description}\n\n` : ''}Roles: ${roles.join(', ')}.`;
      addProblem(operation, 403, 'FORBIDDEN', `a token without the role ${roles.join(' or ')}`);
    }
    const parameters = (operation.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
    if (parameters.length > 0 || operation.requestBody)
      addProblem(
        operation,
        HTTP_PROBLEM_STATUS.VALIDATION_FAILED,
        'VALIDATION_FAILED',
        'each bad field named in errors',
      );
    if (operation.requestBody)
      addProblem(
        operation,
        HTTP_PROBLEM_STATUS.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        'the body was not sent as application/json',
      );
    if (parameters.some((p) => p.in === 'query' && p.name === 'after'))
      addProblem(
        operation,
        HTTP_PROBLEM_STATUS.READ_MODEL_BEHIND,
        'READ_MODEL_BEHIND',
        'the read model did not reach ?after= in time',
      );
  }
  return document;
}

/** What the rule check needs to know besides the document. */
export interface OpenApiRuleOptions {
  /** Operations (`METHOD /path`) anyone may call without a token; every other one must need one. */
  publicOperations: readonly string[];
}

const CODE = /\b[A-Z][A-Z_]{2,}\b/;
const isSuccess = (status: string): boolean => /^2\d\d$/.test(status);
const isError = (status: string): boolean => /^[45]\d\d$/.test(status);

/** Whether a success answer's schema is a named class (a `$ref`, or an array of them), or a non-JSON body with a schema. */
function hasSchemaClass(response: { content?: Record<string, { schema?: Json }> }): boolean {
  const content = response.content ?? {};
  const entries = Object.entries(content);
  if (entries.length === 0) return false;
  return entries.every(([media, { schema }]) => {
    if (!schema) return false;
    if (!media.includes('json')) return true;
    const items = schema.items as Json | undefined;
    return typeof schema.$ref === 'string' || (schema.type === 'array' && typeof items?.$ref === 'string');
  });
}

/**
 * The rules every HTTP operation of the apps follows in OpenAPI, checked on a whole document: each
 * operation has a summary, described path and query parameters, a response schema class for its success
 * answer, its error answers each naming their codes, and needs a token unless it is one of
 * `publicOperations` (which must be marked as needing none). Answers one line per violation; empty when
 * the document follows every rule.
 */
export function openApiRuleViolations(document: OpenAPIObject, options: OpenApiRuleOptions): string[] {
  const problems: string[] = [];
  const publicOps = new Set(options.publicOperations);
  const globalBearer = (document.security ?? []).some((s) => 'bearer' in s);
  const seen = new Set<string>();
  for (const { name, operation } of operationsOf(document)) {
    seen.add(name);
    if (!operation.summary?.trim()) problems.push(`${name}: no summary`);
    for (const p of operation.parameters ?? []) {
      if ((p.in === 'path' || p.in === 'query') && !p.description?.trim())
        problems.push(`${name}: ${p.in} parameter ${p.name} has no description`);
    }
    const responses = Object.entries(operation.responses ?? {});
    const successes = responses.filter(([status]) => isSuccess(status));
    if (successes.length === 0) problems.push(`${name}: no success answer`);
    for (const [status, response] of successes) {
      // 204 No Content has no body, so no schema to name.
      if (status !== '204' && !hasSchemaClass(response))
        problems.push(`${name}: success answer ${status} has no schema class`);
    }
    const errors = responses.filter(([status]) => isError(status));
    if (errors.length === 0) problems.push(`${name}: no error answers`);
    for (const [status, response] of errors) {
      if (!CODE.test(response.description ?? '')) problems.push(`${name}: error answer ${status} names no code`);
    }
    const needsNoToken = Array.isArray(operation.security) && operation.security.length === 0;
    if (publicOps.has(name) && !needsNoToken) problems.push(`${name}: public, but marked as needing a token`);
    if (!publicOps.has(name) && (needsNoToken || (!globalBearer && !operation.security)))
      problems.push(`${name}: needs a token, but is not marked so`);
  }
  for (const name of publicOps) if (!seen.has(name)) problems.push(`${name}: listed as public but not in the document`);
  return problems;
}

/** Field names that mean money (a price, an amount, credit…): under the convention they end in `Fen`. */
const MONEY_NAME =
  /price|amount|credit|exposure|available|paid|outstanding|increment|minimumBid|receivable|fen|cost|value|gross|total|balance|refund|fee|commission/i;
/** A money-like name is fine when it says its unit: fen, or base units (a quantity such as `availableBase`). */
const SAYS_UNIT = /(Fen|Base)$/;

/** Whether a numeric field named `name` is money that does not say it is fen. */
export const isMoneyNotInFen = (name: string): boolean => MONEY_NAME.test(name) && !SAYS_UNIT.test(name);

/**
 * Numeric properties of a document's schemas whose names mean money but do not end in `Fen` (nor `Base`, a
 * quantity), as `Schema.property`; empty when every money field of the document says it is in fen.
 */
export function moneySchemaViolations(document: OpenAPIObject): string[] {
  const problems: string[] = [];
  for (const [schemaName, schema] of Object.entries(document.components?.schemas ?? {})) {
    const properties =
      (schema as { properties?: Record<string, { type?: string; items?: { type?: string } }> }).properties ?? {};
    for (const [name, property] of Object.entries(properties)) {
      const type = property.type === 'array' ? property.items?.type : property.type;
      if ((type === 'integer' || type === 'number') && isMoneyNotInFen(name)) problems.push(`${schemaName}.${name}`);
    }
  }
  return problems;
}

/** The same check on an answer or frame as sent: the paths of its numeric (or null) money fields not in `…Fen`. */
export function moneyFieldsNotInFen(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => moneyFieldsNotInFen(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, field]) => {
    const here = `${path}.${key}`;
    if ((typeof field === 'number' || field === null) && isMoneyNotInFen(key)) return [here];
    return moneyFieldsNotInFen(field, here);
  });
}

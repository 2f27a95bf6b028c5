import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type FieldError } from './problem';

/**
 * Flatten class-validator errors into one entry per bad field, with dotted paths for nested objects
 * and array items (`lines.0.quantity`). Non-whitelisted properties appear under their own path too.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    // class-validator reports a non-object body ("an unknown value was passed") without a property.
    const path = error.property ? (parent ? `${parent}.${error.property}` : error.property) : parent;
    const messages = Object.values(error.constraints ?? {});
    // A property that was not sent at all (optional ones are skipped by @IsOptional) gets one plain message.
    const missing =
      error.property !== undefined &&
      error.value === undefined &&
      messages.length > 0 &&
      !error.constraints?.whitelistValidation;
    if (messages.length > 0)
      out.push({ field: path || 'body', message: missing ? `${path} is required` : messages.join('; ') });
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** The 400 `VALIDATION_FAILED` problem naming every bad field. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fieldErrors = flattenValidationErrors(errors);
  const names = [...new Set(fieldErrors.map((e) => e.field))];
  return new ProblemException(400, 'VALIDATION_FAILED', `Invalid request: ${names.join(', ')}`, {
    errors: fieldErrors,
  });
}

/** Names every object inherits; no DTO declares one, and class-transformer silently drops them before the whitelist check. */
const INHERITED_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__']);

/** Paths of own properties named like inherited ones (`toString`, `__proto__`…), at any depth of a parsed body or query. */
export function inheritedNamePaths(value: unknown): string[] {
  const paths: string[] = [];
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (node === null || typeof node !== 'object') continue;
    for (const key of Object.keys(node)) {
      const at = path ? `${path}.${key}` : key;
      if (INHERITED_NAMES.has(key)) paths.push(at);
      else stack.push([(node as Record<string, unknown>)[key], at]);
    }
  }
  return paths.sort();
}

/** The whitelist, applied to the raw input as well: a property named like an inherited one is refused, not dropped. */
class ProblemValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const inherited = metadata.type === 'custom' ? [] : inheritedNamePaths(value);
    if (inherited.length > 0) {
      const errors = inherited.map((field) => ({
        field,
        message: `property ${field.split('.').at(-1)} should not exist`,
      }));
      throw new ProblemException(400, 'VALIDATION_FAILED', `Invalid request: ${inherited.join(', ')}`, { errors });
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: whitelist, reject unknown properties, transform to DTO classes, report every field. */
export function createValidationPipe(): ValidationPipe {
  return new ProblemValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The value is read to tell a missing field from a bad one; problems never echo it.
    validationError: { target: false, value: true },
    exceptionFactory: validationProblem,
  });
}

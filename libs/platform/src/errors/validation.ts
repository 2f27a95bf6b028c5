import { ValidationPipe, type ValidationError } from '@nestjs/common';
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
    if (messages.length > 0) out.push({ field: path || 'body', message: messages.join('; ') });
    if (error.children && error.children.length > 0) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

/** The 400 `VALIDATION_FAILED` problem naming every bad field. */
export function validationProblem(errors: ValidationError[]): ProblemException {
  const fieldErrors = flattenValidationErrors(errors);
  const names = [...new Set(fieldErrors.map((e) => e.field))];
  return new ProblemException(400, 'VALIDATION_FAILED', `Invalid request: ${names.join(', ')}`, { errors: fieldErrors });
}

/** The global pipe: whitelist, reject unknown properties, transform to DTO classes, report every field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: validationProblem,
  });
}

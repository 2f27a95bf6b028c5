import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsObject,
  IsOptional,
  registerDecorator,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

/** Control characters: NUL, CR, LF, TAB, ESC, DEL and the C1 range. */
const CONTROL = /\p{Cc}/u;
/** Control characters other than the line breaks and tabs a multi-line note may hold. */
const CONTROL_BUT_LINE_BREAKS = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/u;
/** Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they reorder what a reader sees. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
/** Invisible format characters (bidi marks, zero-width spaces and joiners, BOM, soft hyphen) and line/paragraph separators. */
const INVISIBLE = /[\p{Cf}\u2028\u2029]/u;
const EDGE_SPACE = /^\s|\s$/u;
const VISIBLE = /[^\s\p{Cf}]/u;

/** Why `value` is not identifier text of at most `max` characters, or undefined when it is. */
export function identifierTextProblem(value: unknown, max: number): string | undefined {
  if (typeof value !== 'string' || value.length < 1 || value.length > max)
    return `must be a string of 1-${max} characters`;
  if (CONTROL.test(value)) return 'must not contain control characters (NUL, CR, LF, tab…)';
  if (INVISIBLE.test(value)) return 'must not contain invisible or bidirectional-control characters';
  if (!VISIBLE.test(value)) return 'must not be blank';
  if (EDGE_SPACE.test(value)) return 'must not start or end with a space';
  return undefined;
}

/** Why `value` is not text for people of at most `max` characters, or undefined when it is. */
export function plainTextProblem(value: unknown, max: number, multiline = false): string | undefined {
  if (typeof value !== 'string' || value.length < 1 || value.length > max)
    return `must be a string of 1-${max} characters`;
  if ((multiline ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(value)) {
    return multiline
      ? 'must not contain control characters other than line breaks and tabs'
      : 'must not contain control characters (NUL, CR, LF, tab…)';
  }
  if (BIDI_CONTROL.test(value)) return 'must not contain bidirectional override or isolate characters';
  if (!VISIBLE.test(value)) return 'must not be blank';
  return undefined;
}

function textRule(
  name: string,
  problem: (value: unknown) => string | undefined,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { ...options },
      validator: {
        validate: (value: unknown) => problem(value) === undefined,
        defaultMessage: (args) => `${args?.property ?? String(propertyName)} ${problem(args?.value) ?? 'is invalid'}`,
      },
    });
}

/**
 * A free-text identifier that something is looked up or de-duplicated by (an inspection's test id,
 * a payment reference, a batch id, a unit name): 1-`max` characters, at least one visible, no
 * control, invisible or bidirectional-control characters, no leading or trailing space; so two
 * references that look the same are the same.
 */
export function IsIdentifierText(max: number, options?: ValidationOptions): PropertyDecorator {
  return textRule('isIdentifierText', (value) => identifierTextProblem(value, max), options);
}

/**
 * Text for people (names, titles, addresses, reasons): 1-`max` characters, not blank, no control
 * characters (with `multiline`, line breaks and tabs are allowed) and no bidirectional overrides or
 * isolates, which would make the text read differently from what it holds.
 */
export function IsPlainText(max: number, options?: ValidationOptions & { multiline?: boolean }): PropertyDecorator {
  const { multiline = false, ...rest } = options ?? {};
  return textRule('isPlainText', (value) => plainTextProblem(value, max, multiline), rest);
}

type ClassOf = () => new (...args: never[]) => object;

/** A nested object of class `type`: required (or absent with `optional`), never an array or a scalar. */
export function IsNestedObject(type: ClassOf, options: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(options.optional ? IsOptional() : IsDefined(), IsObject(), ValidateNested(), Type(type));
}

/** An array whose every element is an object of class `type` (a nested array or a scalar element is refused). */
export function IsObjectArray(type: ClassOf): PropertyDecorator {
  return applyDecorators(IsArray(), IsObject({ each: true }), ValidateNested({ each: true }), Type(type));
}

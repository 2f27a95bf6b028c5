import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, registerDecorator, type ValidationOptions } from 'class-validator';

/** True when `value` is a real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Validates a business date (YYYY-MM-DD, Asia/Shanghai calendar). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date written YYYY-MM-DD`, ...options },
      validator: { validate: isCalendarDate },
    });
}

/** Query parameter of every list/get endpoint: answer only once the read model has passed `after`. */
export class AfterQueryDto {
  @ApiPropertyOptional({ description: 'a log position from a command response; the answer waits until it is visible' })
  @IsOptional()
  @Matches(/^\d{1,20}$/, { message: 'after must be a log position (decimal digits)' })
  after?: string;
}

/** Validates that a property differs from another one of the same object (e.g. a transfer's `to` and `from`). */
export function IsNotEqualTo(other: string, options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isNotEqualTo',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [other],
      options: { message: `${String(propertyName)} must differ from ${other}`, ...options },
      validator: {
        validate: (value: unknown, args) => value !== (args?.object as Record<string, unknown> | undefined)?.[other],
      },
    });
}

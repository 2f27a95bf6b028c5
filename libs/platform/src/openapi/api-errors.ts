import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiExtension,
  ApiExtraModels,
  ApiOperation,
  ApiParam,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { DomainErrorCode } from '@gx/domain/shared/domain-error';
import { DOMAIN_ERROR_STATUS } from '../errors/domain-status';

/** One bad field of a 400 answer. */
export class ProblemFieldView {
  @ApiProperty({ example: 'quantity' }) field: string;
  @ApiProperty({ example: 'quantity must not be less than 1' }) message: string;
}

/** An error answer: RFC 9457 application/problem+json. */
export class ProblemView {
  @ApiProperty({ example: 'about:blank' }) type: string;
  @ApiProperty({ example: 'Conflict' }) title: string;
  @ApiProperty({ example: 409 }) status: number;
  @ApiProperty({ example: '0 箱(5kg) available, 20 asked' }) detail: string;
  @ApiProperty({ example: 'INSUFFICIENT_STOCK', description: 'stable business code' }) code: string;
  @ApiPropertyOptional({ type: [ProblemFieldView], description: 'each bad field (validation failures)' })
  errors?: ProblemFieldView[];
  @ApiPropertyOptional({ description: 'the request’s correlation id, also in the x-correlation-id header' })
  correlationId?: string;
}

/** Codes the HTTP layer answers besides the business codes of the domain. */
export const HTTP_PROBLEM_STATUS = {
  VALIDATION_FAILED: 400,
  INVALID_SIGNATURE: 400,
  UNAUTHORIZED: 401,
  NOT_CONFIGURED: 404,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNKNOWN_BATCH: 422,
  UNKNOWN_UNIT: 422,
  STORE_UNAVAILABLE: 503,
  READ_MODEL_BEHIND: 503,
} as const;

/** A code an operation may answer: a business code of the domain or one of the HTTP layer. */
export type ProblemCode = DomainErrorCode | keyof typeof HTTP_PROBLEM_STATUS;

const statusOf = (code: ProblemCode): number =>
  code in HTTP_PROBLEM_STATUS
    ? HTTP_PROBLEM_STATUS[code as keyof typeof HTTP_PROBLEM_STATUS]
    : DOMAIN_ERROR_STATUS[code as DomainErrorCode];

/** The OpenAPI response of one status answering `codes` (problem+json). */
export function problemResponse(
  status: number,
  codes: readonly string[],
  note?: string,
): { description: string; content: Record<string, { schema: { $ref: string } }> } {
  return {
    description: `${codes.join(', ')}${note ? `: ${note}` : ''}`,
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemView) } } },
  };
}

/**
 * The error answers of an operation, by business code: `@ApiErrors('NOT_FOUND', 'INSUFFICIENT_STOCK')`
 * documents 404 NOT_FOUND and 409 INSUFFICIENT_STOCK as problem+json. 400 VALIDATION_FAILED, 401 and
 * 403 follow from the operation's input and roles (see {@link completeOperations}); list the rest here.
 */
export function ApiErrors(...codes: ProblemCode[]): MethodDecorator {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of codes) byStatus.set(statusOf(code), [...(byStatus.get(statusOf(code)) ?? []), code]);
  return applyDecorators(
    ApiExtraModels(ProblemView),
    ...[...byStatus].map(([status, group]) => ApiResponse({ status, ...problemResponse(status, group) })),
  );
}

/** Extension naming a public operation (no token needed); {@link completeOperations} turns it into `security: []`. */
export const PUBLIC_EXTENSION = 'x-gx-public';
/** Extension listing the roles an operation admits; {@link completeOperations} documents them and their 403. */
export const ROLES_EXTENSION = 'x-gx-roles';

/** Mark an operation or controller public in the OpenAPI document. */
export const ApiPublic = (): MethodDecorator & ClassDecorator =>
  ApiExtension(PUBLIC_EXTENSION, true) as MethodDecorator & ClassDecorator;
/** Record the roles of an operation or controller in the OpenAPI document. */
export const ApiRoles = (roles: readonly string[]): MethodDecorator & ClassDecorator =>
  ApiExtension(ROLES_EXTENSION, [...roles]) as MethodDecorator & ClassDecorator;

/** What {@link ApiOp} documents of an operation. */
export interface ApiOpOptions {
  summary: string;
  /** The rule, where it is not obvious from the summary. */
  description?: string;
  /** The schema class of the success answer. */
  answer: Type<unknown>;
  /** Status of the success answer (default 200). */
  status?: 200 | 201 | 202;
  /** Path parameters by name, with their descriptions. */
  params?: Record<string, string>;
  /** Business codes of the error answers (400 VALIDATION_FAILED, 401 and 403 are added from the input and roles). */
  errors?: ProblemCode[];
}

/** An operation's summary, description, path parameters, success answer schema and error codes in one decorator. */
export function ApiOp(options: ApiOpOptions): MethodDecorator {
  return applyDecorators(
    ApiOperation({
      summary: options.summary,
      ...(options.description !== undefined && { description: options.description }),
    }),
    ...Object.entries(options.params ?? {}).map(([name, description]) => ApiParam({ name, description })),
    ApiResponse({ status: options.status ?? 200, type: options.answer, description: options.summary }),
    ApiErrors(...(options.errors ?? [])),
  );
}

/**
 * An operation that is public in routing only (it checks a token itself, e.g. from `?access_token=` for
 * EventSource): documented as needing a token. Place it below `@Public()`: the nearer decorator wins.
 */
export const ApiNeedsToken = (): MethodDecorator => ApiExtension(PUBLIC_EXTENSION, false) as MethodDecorator;

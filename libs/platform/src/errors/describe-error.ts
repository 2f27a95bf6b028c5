import { HttpException } from '@nestjs/common';
import { isDomainError } from '@gx/domain/shared/domain-error';
import { isStoreUnavailable } from '@gx/eventstore/store-faults';
import { DOMAIN_ERROR_STATUS } from './domain-status';
import {
  ProblemException,
  problemTitle,
  problemType,
  type FieldError,
  type Problem,
  type ProblemExtensions,
} from './problem';

/** What the filter answers for one thrown value, before the correlation id is added. */
export interface ErrorDescription {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
  /** Extension members of the problem document. */
  extensions?: ProblemExtensions;
  headers: Record<string, string>;
  /** True for unexpected failures, which are logged with their stack. */
  unexpected: boolean;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  410: 'GONE',
  411: 'LENGTH_REQUIRED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
  431: 'REQUEST_HEADER_FIELDS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

const INTERNAL_DETAIL = 'An unexpected error occurred; quote the correlation id when reporting it.';
/** Seconds a client should wait before retrying after repeated write conflicts. */
const CONFLICT_RETRY_AFTER_SECONDS = '1';
/** Seconds a client should wait before retrying while a store refuses writes (disk full or read-only, server away). */
const STORE_RETRY_AFTER_SECONDS = '5';

/** Map anything thrown while serving a request to its problem (status, code, detail, errors, headers). */
export function describeError(exception: unknown): ErrorDescription {
  if (exception instanceof ProblemException) {
    return {
      status: exception.status,
      code: exception.code,
      detail: exception.detail,
      ...(exception.errors && { errors: exception.errors }),
      ...(exception.extensions && { extensions: exception.extensions }),
      headers: exception.headers,
      // Thrown on purpose (e.g. a read-your-writes timeout): its detail is meant for the client.
      unexpected: false,
    };
  }
  if (isDomainError(exception)) {
    const status = DOMAIN_ERROR_STATUS[exception.code] ?? 409;
    const errors =
      status === 422 && exception.field ? [{ field: exception.field, message: exception.message }] : undefined;
    const extensions = exception.extensions;
    return {
      status,
      code: exception.code,
      detail: exception.message,
      ...(errors && { errors }),
      ...(extensions && { extensions }),
      headers: {},
      unexpected: false,
    };
  }
  // Matched by name: the event store adapters may come from another copy of the module.
  if (exception instanceof Error && exception.name === 'ConcurrencyError') {
    return {
      status: 503,
      code: 'CONFLICT_RETRY',
      detail: 'The resource was changed concurrently too many times; retry the request.',
      headers: { 'Retry-After': CONFLICT_RETRY_AFTER_SECONDS },
      unexpected: false,
    };
  }
  if (isStoreUnavailable(exception)) {
    return {
      status: 503,
      code: 'STORE_UNAVAILABLE',
      detail: 'The data store is not accepting writes right now; nothing of this request was saved. Retry later.',
      headers: { 'Retry-After': STORE_RETRY_AFTER_SECONDS },
      // Logged: an operator has to see which store refuses and why.
      unexpected: true,
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) return internal(status);
    return {
      status,
      code: CODE_BY_STATUS[status] ?? `HTTP_${status}`,
      detail: exception.message,
      headers: {},
      unexpected: false,
    };
  }
  return internal(500);
}

function internal(status: number): ErrorDescription {
  return {
    status,
    code: status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL',
    detail: INTERNAL_DETAIL,
    headers: {},
    unexpected: true,
  };
}

/** The problem document for a description, stamped with the request's correlation id (extension members first: never over a standard one). */
export function problemBody(d: ErrorDescription, correlationId: string): Problem & Record<string, unknown> {
  return {
    ...d.extensions,
    type: problemType(d.code),
    title: problemTitle(d.code),
    status: d.status,
    detail: d.detail,
    code: d.code,
    ...(d.errors && { errors: d.errors }),
    correlationId,
  };
}

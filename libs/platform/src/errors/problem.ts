/** One bad field of a request, with a dotted path such as `lines.0.quantity`. */
export interface FieldError {
  field: string;
  message: string;
}

/** An RFC 9457 problem document as every app answers errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Stable machine-readable code, e.g. `SOLD_OUT`, `VALIDATION_FAILED`. */
  code: string;
  errors?: FieldError[];
  correlationId: string;
}

/**
 * RFC 9457 extension members of a problem: figures of the refusal a client can act on (e.g. BID_TOO_LOW's
 * `minimumBidFen`), named by the API's conventions. They never replace a standard member.
 */
export type ProblemExtensions = Readonly<Record<string, number | string | boolean>>;

/** Media type of problem documents. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Options of a {@link ProblemException}. */
export interface ProblemOptions {
  errors?: FieldError[];
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  extensions?: ProblemExtensions;
}

/** Throw from a controller or service to answer a specific problem (status, code, detail, errors). */
export class ProblemException extends Error {
  readonly errors?: FieldError[];
  readonly headers: Record<string, string>;
  readonly extensions?: ProblemExtensions;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    options: ProblemOptions = {},
  ) {
    super(detail);
    this.name = 'ProblemException';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    if (options.extensions) this.extensions = options.extensions;
  }
}

/** `SOLD_OUT` → `Sold out`: a readable title derived from the stable code. */
export function problemTitle(code: string): string {
  const words = code.toLowerCase().split('_').join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A URI identifying the problem type; derived from the code so clients can switch on either. */
export function problemType(code: string): string {
  return `urn:gx:problem:${code.toLowerCase().split('_').join('-')}`;
}

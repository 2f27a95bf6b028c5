/** One bad field of a problem document (`lines.0.quantity`). */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem+json answer of the API, as an Error the UI can show. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: FieldProblem[] = [],
    /** Numeric extension members of the problem (figures of the refusal, e.g. `minimumBidFen`). */
    readonly figures: Readonly<Record<string, number>> = {},
  ) {
    super(describeProblem({ status, code, detail, errors: fields }));
    this.name = 'ApiProblem';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A readable sentence for a problem document: its detail, then every bad field named with its message
 * (`Validation failed — harvestDate: must be a date`). Unknown shapes fall back to the HTTP status.
 */
export function describeProblem(body: unknown, status = 0): string {
  if (!isRecord(body)) return status ? `HTTP ${status}` : 'Request failed';
  const detail =
    typeof body.detail === 'string' && body.detail
      ? body.detail
      : typeof body.title === 'string'
        ? body.title
        : `HTTP ${String(body.status ?? status)}`;
  const errors = Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
  const fields = errors.map((e) => `${String(e.field)}: ${String(e.message)}`);
  return fields.length > 0 ? `${detail} — ${fields.join('; ')}` : detail;
}

/** Members every problem document has; the others are extension members. */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'code', 'errors', 'correlationId']);

/** Turn any answer body with an error status into an {@link ApiProblem}. */
export function toProblem(body: unknown, status: number): ApiProblem {
  const record = isRecord(body) ? body : {};
  const fields = Array.isArray(record.errors)
    ? record.errors.filter(isRecord).map((e) => ({ field: String(e.field), message: String(e.message) }))
    : [];
  const detail = describeProblem(body, status).split(' — ')[0] ?? '';
  // Own keys only, kept in a fresh object: the body is the server's, its member names are data.
  const figures: Record<string, number> = Object.fromEntries(
    Object.entries(record).flatMap(([name, value]) =>
      !STANDARD_MEMBERS.has(name) && typeof value === 'number' && Number.isFinite(value) ? [[name, value]] : [],
    ),
  );
  return new ApiProblem(
    status,
    typeof record.code === 'string' ? record.code : `HTTP_${status}`,
    detail,
    fields,
    figures,
  );
}

/** The message to show for anything thrown while talking to the API. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

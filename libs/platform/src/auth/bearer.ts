const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/i;

/** The token of an `Authorization: Bearer …` header, or null when there is none or it is malformed. */
export function bearerToken(header: unknown): string | null {
  const match = typeof header === 'string' ? BEARER.exec(header) : null;
  return match ? match[1] : null;
}

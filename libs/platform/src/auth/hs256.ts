import { createHmac, timingSafeEqual, type KeyObject } from 'node:crypto';

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const SIGNATURE_BYTES = 32;

function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** What a verified token must also satisfy. */
export interface Hs256Expectations {
  issuer: string;
  /** Unix seconds. */
  nowSeconds: number;
}

/**
 * Verify a compact JWS signed with HS256 and return its claims, or null. Deliberately narrow — only
 * what this service issues is accepted: exactly three base64url segments; a header whose `alg` is
 * HS256 (no `none`, no other algorithm, no `crit` extensions); a signature that matches (compared in
 * constant time); an `exp` in the future, an `nbf` (when present) in the past, and our issuer.
 *
 * It replaces jsonwebtoken's verify on the request path, which does the same checks with several
 * times the CPU (option parsing, key type probing, generic algorithm dispatch) on every request.
 */
export function verifyHs256(token: string, key: KeyObject, expect: Hs256Expectations): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) return null;
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson(headerPart);
  if (header === null || header.alg !== 'HS256' || 'crit' in header) return null;
  if (header.typ !== undefined && header.typ !== 'JWT') return null;
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== SIGNATURE_BYTES) return null;
  const expected = createHmac('sha256', key).update(`${headerPart}.${payloadPart}`).digest();
  if (!timingSafeEqual(signature, expected)) return null;
  const claims = decodeJson(payloadPart);
  if (claims === null) return null;
  const { exp, nbf, iss } = claims;
  if (typeof exp !== 'number' || !(expect.nowSeconds < exp)) return null;
  if (nbf !== undefined && !(typeof nbf === 'number' && nbf <= expect.nowSeconds)) return null;
  if (iss !== expect.issuer) return null;
  return claims;
}

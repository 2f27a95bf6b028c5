import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeApiError, invalidRequest } from './errors';
import { FormError, fingerprint, parseForm, type FormObject } from './form';
import type { IdempotencyCheck, IdempotencyKeys } from './idempotency';
import { newId, type RequestOrigin } from './store';

/** One API request the fake answered. */
export interface FakeRequest {
  method: string;
  path: string;
  requestId: string;
  idempotencyKey?: string;
  status: number;
  /** True when the answer was a replay of an earlier one under the same idempotency key. */
  replayed: boolean;
}

/** A route: decoded parameters and path captures in, a Stripe object out (or a thrown FakeApiError). */
export interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handle(params: FormObject, origin: RequestOrigin, captures: string[]): unknown;
}

/** Failures a test asks for, consumed by the next requests. */
export interface InjectedFailures {
  /** Statuses to answer (with an api_error) instead of handling the request, in order. */
  statuses: number[];
  /** How many of the next requests get their connection dropped without an answer. */
  drops: number;
}

/** What the request handler needs from the fake. */
export interface ServerContext {
  secretKey: string;
  apiVersion: string;
  routes: readonly Route[];
  idempotency: IdempotencyKeys;
  failures: InjectedFailures;
  log: FakeRequest[];
}

const MAX_BODY = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function mask(key: string): string {
  return key.length <= 8 ? '***' : `${key.slice(0, 8)}***${key.slice(-4)}`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Handle one HTTP request as the Stripe API would. */
export async function handleRequest(ctx: ServerContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://stripe-fake');
  const requestId = newId('req', 14);
  const idempotencyKey = method === 'POST' ? header(req, 'idempotency-key') : undefined;
  const entry: FakeRequest = {
    method,
    path: url.pathname,
    requestId,
    status: 0,
    replayed: false,
    ...(idempotencyKey !== undefined && { idempotencyKey }),
  };
  ctx.log.push(entry);

  if (ctx.failures.drops > 0) {
    ctx.failures.drops -= 1;
    req.socket.destroy();
    return;
  }
  const send = (status: number, text: string, extra: Record<string, string> = {}): void => {
    entry.status = status;
    res.writeHead(status, {
      'content-type': 'application/json',
      'request-id': requestId,
      'stripe-version': header(req, 'stripe-version') ?? ctx.apiVersion,
      ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
      ...extra,
    });
    res.end(text);
  };
  const sendError = (error: FakeApiError): void => send(error.status, JSON.stringify(error.body(), null, 2));

  const injected = ctx.failures.statuses.shift();
  if (injected !== undefined) {
    return sendError(
      new FakeApiError(injected, 'api_error', 'An unknown error occurred (injected by the Stripe fake).'),
    );
  }
  if (header(req, 'authorization') !== `Bearer ${ctx.secretKey}`) {
    const given = (header(req, 'authorization') ?? '').replace(/^Bearer /, '');
    return sendError(new FakeApiError(401, 'invalid_request_error', `Invalid API Key provided: ${mask(given)}`));
  }
  let route: Route | undefined;
  let captures: string[] = [];
  for (const candidate of ctx.routes) {
    const match = candidate.method === method ? candidate.path.exec(url.pathname) : null;
    if (match !== null) {
      route = candidate;
      captures = match.slice(1);
      break;
    }
  }
  if (route === undefined) {
    return sendError(
      invalidRequest(`Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs.`),
    );
  }

  let params: FormObject;
  try {
    params = parseForm(method === 'POST' ? body : url.search.slice(1));
  } catch (error) {
    if (error instanceof FormError || error instanceof URIError) return sendError(invalidRequest(error.message));
    throw error;
  }
  const endpoint = `${method} ${url.pathname}`;
  const print = fingerprint(params);
  if (idempotencyKey !== undefined) {
    let check: IdempotencyCheck;
    try {
      check = ctx.idempotency.check(idempotencyKey, endpoint, print);
    } catch (error) {
      if (error instanceof FakeApiError) return sendError(error);
      throw error;
    }
    if (check.kind === 'replay') {
      entry.replayed = true;
      return send(check.saved.status, check.saved.body, {
        'idempotent-replayed': 'true',
        'original-request': check.saved.requestId,
      });
    }
  }
  const keep = (status: number, text: string): void => {
    if (idempotencyKey !== undefined)
      ctx.idempotency.save(idempotencyKey, { endpoint, fingerprint: print, status, body: text, requestId });
  };
  try {
    const text = JSON.stringify(
      route.handle(params, { id: requestId, idempotencyKey: idempotencyKey ?? null }, captures),
      null,
      2,
    );
    keep(200, text);
    send(200, text);
  } catch (error) {
    if (!(error instanceof FakeApiError)) throw error;
    // Stripe keeps outcomes of requests that started executing (a decline), not of rejected input.
    if (error.replayable) keep(error.status, JSON.stringify(error.body(), null, 2));
    sendError(error);
  }
}

/** What the read-side workers log through; a Nest `Logger` or `console` fits. */
export interface WorkerLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, trace?: string): void;
}

/** The message of anything thrown, for logs and status. */
export function errorMessage(err: unknown): string {
  // Duck-typed: errors from native modules or other realms fail `instanceof Error`.
  const message = typeof err === 'object' && err !== null ? (err as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(err);
}

/** The stack of anything thrown, when it has one. */
export function errorTrace(err: unknown): string | undefined {
  const stack = typeof err === 'object' && err !== null ? (err as { stack?: unknown }).stack : undefined;
  return typeof stack === 'string' ? stack : undefined;
}

/** Resolve after `ms`, or reject with the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortedError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortedError());
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Work was interrupted because its lease was lost or its worker stopped; not a failure. */
export class AbortedError extends Error {
  constructor() {
    super('interrupted: the lease was lost or the worker stopped');
    this.name = 'AbortedError';
  }
}

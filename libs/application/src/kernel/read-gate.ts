import { Inject, Injectable } from '@nestjs/common';
import { ReadModels } from '@gx/readstore';
import { CONFIG, ProblemException, type AppConfig } from '@gx/platform';

/** Read-your-writes for queries: `?after=<position>` waits, bounded, until the projection has passed it. */
@Injectable()
export class ReadGate {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolve once `projections` have passed `after` (immediately when absent); 503 READ_MODEL_BEHIND on timeout. */
  async after(projections: string | string[], after: string | undefined): Promise<void> {
    if (after === undefined) return;
    const passed = await this.readModels.waitFor(projections, after, this.config.readWaitTimeoutMs);
    if (!passed) {
      throw new ProblemException(503, 'READ_MODEL_BEHIND', `the read model has not yet reached position ${after}; retry shortly`, {
        headers: { 'Retry-After': '1' },
      });
    }
  }
}

/** A document as clients see it: without the store's bookkeeping fields. */
export function publicView<T extends { _id: string; _position?: string }>(doc: T): Omit<T, '_id' | '_position'> {
  const { _id: _ignoredId, _position: _ignoredPosition, ...rest } = doc;
  return rest;
}

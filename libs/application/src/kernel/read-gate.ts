import { Inject, Injectable } from '@nestjs/common';
import { comparePositions, EVENT_STORE, type EventStore } from '@gx/eventstore';
import { ReadModels } from '@gx/readstore';
import { CONFIG, ProblemException, type AppConfig } from '@gx/platform';

/** Read-your-writes for queries: `?after=<position>` waits, bounded, until the projection has passed it. */
@Injectable()
export class ReadGate {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Resolve once `projections` have passed `after` (immediately when absent); 503 READ_MODEL_BEHIND on
   * timeout. A position beyond the head of the log was never answered by any command and can never be
   * reached: 400 naming `after`, at once.
   */
  async after(projections: string | string[], after: string | undefined): Promise<void> {
    if (after === undefined) return;
    if (await this.readModels.waitFor(projections, after, 0)) return;
    const head = await this.events.headPosition();
    if (comparePositions(after, head) > 0) {
      const message = `position ${after} is beyond the end of the log (${head}); pass a position a command answered`;
      throw new ProblemException(400, 'VALIDATION_FAILED', 'Invalid request: after', {
        errors: [{ field: 'after', message }],
      });
    }
    const passed = await this.readModels.waitFor(projections, after, this.config.readWaitTimeoutMs);
    if (!passed) {
      throw new ProblemException(
        503,
        'READ_MODEL_BEHIND',
        `the read model has not yet reached position ${after}; retry shortly`,
        {
          headers: { 'Retry-After': '1' },
        },
      );
    }
  }
}

/** A document as clients see it: without the store's bookkeeping fields. */
export function publicView<T extends { _id: string; _position?: string }>(doc: T): Omit<T, '_id' | '_position'> {
  const { _id: _ignoredId, _position: _ignoredPosition, ...rest } = doc;
  return rest;
}

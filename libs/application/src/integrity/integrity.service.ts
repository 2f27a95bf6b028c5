import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@gx/eventstore';
import { CONFIG, type AppConfig } from '@gx/platform';
import { checkProjection, ReadModels, type Disagreement, type ProjectionCheck } from '@gx/readstore';
import { Declarations } from '../kernel/declarations';

/** Most disagreements listed in one answer (their total count is always given). */
const MAX_LISTED = 200;

/** The ledger integrity check: every read model against a fresh fold of the log. */
@Injectable()
export class IntegrityService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly readModels: ReadModels,
    private readonly declarations: Declarations,
  ) {}

  async check(now: Date) {
    let result = await this.checkAll();
    // Events projected while we compared can make a document look wrong; a real disagreement survives a second look.
    if (result.some((r) => r.check && r.check.disagreements.length > 0)) result = await this.checkAll();
    const disagreements = result.flatMap((r) => r.check?.disagreements ?? []);
    return {
      checkedAt: now.toISOString(),
      ok: disagreements.length === 0 && result.every((r) => r.check),
      projections: result.map((r) => ({
        projection: r.projection,
        upTo: r.check?.upTo ?? null,
        documents: r.check?.documents ?? null,
        disagreements: r.check?.disagreements.length ?? null,
        lagging: !r.check,
      })),
      disagreementCount: disagreements.length,
      disagreements: disagreements.slice(0, MAX_LISTED),
    };
  }

  private async checkAll(): Promise<Array<{ projection: string; check?: ProjectionCheck }>> {
    const out: Array<{ projection: string; check?: ProjectionCheck }> = [];
    for (const projection of this.declarations.projections()) {
      const head = await this.events.headPosition();
      if (!(await this.readModels.waitFor(projection.name, head, this.config.readWaitTimeoutMs))) {
        out.push({ projection: projection.name });
        continue;
      }
      const check = await checkProjection(this.events, this.readModels, projection, head);
      out.push({
        projection: projection.name,
        check: { ...check, disagreements: check.disagreements.filter((d) => !movedOn(d, head)) },
      });
    }
    return out;
  }
}

/** A stored document written by an event after `upTo` is newer than the fold, not wrong. */
function movedOn(d: Disagreement, upTo: string): boolean {
  const position = d.actual?._position;
  return position !== undefined && BigInt(position) > BigInt(upTo);
}

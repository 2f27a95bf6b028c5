import { Inject } from '@nestjs/common';
import { CLOCK, type Clock } from '@gx/platform';
import type { DeadlineHandler } from '@gx/readstore';
import { systemContext } from '../kernel/command-context';
import { DeclareWorkerTasks, type WorkerTaskSource } from '../kernel/declarations';
import type { WorkerTasks } from '../worker/worker-tasks';
import { KitchenFulfilment, kitchenFulfilmentProcessManager } from './kitchen-fulfilment';
import { KITCHEN, STANDING_CUTOFF, type StandingCutoffPayload } from './kitchen.projection';
import { generationCommandId, StandingOrderCommands } from './standing-order.commands';

function isCutoffPayload(payload: unknown): payload is StandingCutoffPayload {
  const p = payload as Partial<StandingCutoffPayload> | null;
  return typeof p?.standingOrderId === 'string' && typeof p.date === 'string';
}

/**
 * The handler of a standing order's cut-off deadline: generate the date's delivery, deciding at the
 * injected clock's "now". A refusal (the cut-off not yet reached) fails the run, and the scheduler
 * retries it; a date skipped or paused meanwhile is a no-op.
 */
export function standingCutoffHandler(deps: { standing: StandingOrderCommands; clock: Clock }): DeadlineHandler {
  return async (payload) => {
    if (!isCutoffPayload(payload)) throw new Error(`malformed ${STANDING_CUTOFF} payload: ${JSON.stringify(payload)}`);
    const { standingOrderId, date } = payload;
    await deps.standing.generate(
      standingOrderId,
      date,
      systemContext('kitchen-cutoff', generationCommandId(standingOrderId, date), deps.clock.now()),
    );
  };
}

/** What the kitchen context runs in the worker: the cut-off deadlines and the fulfilment process manager. */
@DeclareWorkerTasks()
export class KitchenWorkerTasks implements WorkerTaskSource {
  constructor(
    private readonly fulfilment: KitchenFulfilment,
    private readonly standing: StandingOrderCommands,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  tasks(): WorkerTasks {
    const { clock } = this;
    return {
      processManagers: [kitchenFulfilmentProcessManager(this.fulfilment, clock)],
      deadlineHandlers: { [STANDING_CUTOFF]: standingCutoffHandler({ standing: this.standing, clock }) },
      deadlineCollections: [KITCHEN.cutoffs],
    };
  }
}

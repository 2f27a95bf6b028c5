import { Injectable } from '@nestjs/common';
import { DomainError, parkingDecider, parkingStream, type StuckEventRef, type SubscriberKind } from '@gx/domain';
import { CommandRunner, type CommandContext } from '@gx/eventstore';
import { ProjectionAdmin } from './projection-admin';

/** What an operator's park or retry answers: the subscriber, the event acted on, and the audit event's position. */
export interface StuckSubscriberAction {
  kind: SubscriberKind;
  name: string;
  event: StuckEventRef;
  reason?: string;
  position: string;
}

/**
 * The way out for a projection or process manager stuck on an event, once its cause is understood:
 * retry the event now, or park it (that subscriber skips that one event). Both are audited events in
 * the subscriber's parking stream; the worker running the subscriber reads them from there.
 */
@Injectable()
export class StuckSubscribers {
  constructor(
    private readonly runner: CommandRunner,
    private readonly admin: ProjectionAdmin,
  ) {}

  /** Park the event at `position`, which must be the one `name` fails on right now. */
  async park(name: string, position: string, reason: string, ctx: CommandContext): Promise<StuckSubscriberAction> {
    const { kind, event } = await this.failingEvent(name, position);
    const out = await this.runner.execute(
      parkingDecider,
      parkingStream(kind, name),
      { type: 'ParkEvent', kind, name, event, reason },
      ctx,
    );
    return { kind, name, event, reason: reason.trim(), position: out.position };
  }

  /** Retry the failing event now instead of after its backoff. */
  async retry(name: string, ctx: CommandContext): Promise<StuckSubscriberAction> {
    const { kind, event } = await this.failingEvent(name);
    const out = await this.runner.execute(
      parkingDecider,
      parkingStream(kind, name),
      { type: 'RequestRetry', kind, name, event },
      ctx,
    );
    return { kind, name, event, position: out.position };
  }

  private async failingEvent(name: string, position?: string): Promise<{ kind: SubscriberKind; event: StuckEventRef }> {
    const status = await this.admin.one(name);
    const failing = status.failing;
    if (status.state !== 'failing' || !failing)
      throw new DomainError('INVALID_STATE', `${status.kind} ${name} is not failing (${status.state})`, 'name');
    if (position !== undefined && failing.position !== position) {
      throw new DomainError(
        'INVALID_STATE',
        `${status.kind} ${name} fails on the event at position ${failing.position}, not ${position}`,
        'position',
      );
    }
    const { eventId, type, streamId, error } = failing;
    return { kind: status.kind, event: { position: failing.position, eventId, type, streamId, error } };
  }
}

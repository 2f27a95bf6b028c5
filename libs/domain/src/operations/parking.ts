import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** What runs in the worker and follows the log: a projection or a process manager. */
export type SubscriberKind = 'projection' | 'process-manager';

/** The event a subscriber fails on, as the operator saw it when acting. */
export interface StuckEventRef {
  position: string;
  eventId: string;
  type: string;
  streamId: string;
  error: string;
}

/** An operator parked the event a subscriber kept failing on: that subscriber skips it for good. */
export interface SubscriberEventParked {
  type: 'SubscriberEventParked';
  data: { kind: SubscriberKind; name: string; event: StuckEventRef; reason: string };
}

/** An operator asked the subscriber to retry its failing event now instead of after its backoff. */
export interface SubscriberRetryRequested {
  type: 'SubscriberRetryRequested';
  data: { kind: SubscriberKind; name: string; event: StuckEventRef };
}

export type ParkingEvent = SubscriberEventParked | SubscriberRetryRequested;

export type ParkingCommand =
  | { type: 'ParkEvent'; kind: SubscriberKind; name: string; event: StuckEventRef; reason: string }
  | { type: 'RequestRetry'; kind: SubscriberKind; name: string; event: StuckEventRef };

/** Positions parked so far on one subscriber. */
export interface ParkingState {
  parked: ReadonlySet<string>;
}

/**
 * Stream of one subscriber's operator actions: `parking-<kind>.<name>`. The worker running the
 * subscriber reads it while an event fails; the operations app lists parked events from it.
 */
export const parkingStream = (kind: SubscriberKind, name: string): string => `parking-${kind}.${name}`;

/** Audited operator actions on a stuck subscriber: park its failing event, or retry it now. */
export const parkingDecider: Decider<ParkingCommand, ParkingEvent, ParkingState> & { name: string } = {
  name: 'parking',
  initialState: { parked: new Set() },
  decide(command, state) {
    switch (command.type) {
      case 'ParkEvent': {
        const reason = command.reason.trim();
        if (reason.length === 0) throw new DomainError('INVALID_STATE', 'a park needs a reason', 'reason');
        if (state.parked.has(command.event.position)) {
          throw new DomainError('ALREADY_DECIDED', `${command.name} already skips the event at ${command.event.position}`, 'position');
        }
        return [{ type: 'SubscriberEventParked', data: { kind: command.kind, name: command.name, event: command.event, reason } }];
      }
      case 'RequestRetry':
        return [{ type: 'SubscriberRetryRequested', data: { kind: command.kind, name: command.name, event: command.event } }];
      default:
        return assertNever(command);
    }
  },
  evolve(state, event) {
    if (event.type !== 'SubscriberEventParked') return state;
    return { parked: new Set([...state.parked, event.data.event.position]) };
  },
};

import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { ParkingEvent, StuckEventRef, SubscriberKind } from './parking.events';
import { evolveParking, initialParkingState, type ParkingState } from './parking.state';

export type ParkingCommand =
  | { type: 'ParkEvent'; kind: SubscriberKind; name: string; event: StuckEventRef; reason: string }
  | { type: 'RequestRetry'; kind: SubscriberKind; name: string; event: StuckEventRef };

/** Audited operator actions on a stuck subscriber: park its failing event, or retry it now. */
export const parkingDecider: Decider<ParkingCommand, ParkingEvent, ParkingState> & { name: string } = {
  name: 'parking',
  initialState: initialParkingState,
  decide(command, state) {
    switch (command.type) {
      case 'ParkEvent': {
        const reason = command.reason.trim();
        if (reason.length === 0) throw new DomainError('INVALID_STATE', 'a park needs a reason', 'reason');
        if (state.parked.has(command.event.position)) {
          throw new DomainError(
            'ALREADY_DECIDED',
            `${command.name} already skips the event at ${command.event.position}`,
            'position',
          );
        }
        return [
          {
            type: 'SubscriberEventParked',
            data: { kind: command.kind, name: command.name, event: command.event, reason },
          },
        ];
      }
      case 'RequestRetry':
        return [
          { type: 'SubscriberRetryRequested', data: { kind: command.kind, name: command.name, event: command.event } },
        ];
      default:
        return assertNever(command);
    }
  },
  evolve: evolveParking,
};

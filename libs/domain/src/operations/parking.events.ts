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

/**
 * Stream of one subscriber's operator actions: `parking-<kind>.<name>`. The worker running the
 * subscriber reads it while an event fails; the operations app lists parked events from it.
 */
export const parkingStream = (kind: SubscriberKind, name: string): string => `parking-${kind}.${name}`;

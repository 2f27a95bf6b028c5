import type { DomainEvent } from '@gx/domain';
import type { RecordedEvent } from '@gx/eventstore';

/**
 * Every event type of one union, as a record so that the compiler refuses a type left out. Its keys are
 * the types the projection subscribes to; {@link eventNarrower} looks types up as own keys only, so that
 * `constructor` or `toString` is never taken for an event type.
 */
export type EventTypes<E extends DomainEvent> = Record<E['type'], true>;

/**
 * Narrows a recorded event to one context's union: the event when it comes from a stream of `prefix`
 * (`lot-`, `campaign-`…) and its type is one of `types`; otherwise undefined.
 */
export function eventNarrower<E extends DomainEvent>(
  prefix: string,
  types: EventTypes<E>,
): (event: RecordedEvent) => E | undefined {
  return (event) =>
    event.streamId.startsWith(prefix) && Object.hasOwn(types, event.type)
      ? ({ type: event.type, data: event.data } as E)
      : undefined;
}

/** A domain event as the decider sees it: a past-tense type and its data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/**
 * A pure decider: `decide` turns a command and the current state into events (or throws a
 * DomainError); `evolve` folds one event into the state. Time, ids and prices come in on the command.
 */
export interface Decider<C, E extends DomainEvent, S> {
  /** Stable name of the aggregate (the command runner keeps one decider's state per stream under it). */
  name: string;
  /**
   * Schema version of the data of each event type this decider writes now (absent: 1). Raise one when an
   * event's data changes shape and add the upcaster from the previous version (libs/application/src/upcasters.ts),
   * so that the events of old logs reach `evolve` in the current shape.
   */
  schemaVersions?: Partial<Record<E['type'], number>>;
  decide(command: C, state: S): E[];
  evolve(state: S, event: E): S;
  initialState: S;
}

/** Fold events into a state from the decider's initial state. */
export function fold<E extends DomainEvent, S>(
  decider: Pick<Decider<never, E, S>, 'evolve' | 'initialState'>,
  events: readonly E[],
): S {
  return events.reduce((s, e) => decider.evolve(s, e), decider.initialState);
}

/** Exhaustiveness check for discriminated unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected variant: ${JSON.stringify(x)}`);
}

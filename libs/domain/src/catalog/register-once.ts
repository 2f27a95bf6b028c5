import type { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/** State of a piece of master data that is registered once under its code. */
export type RegisteredState<T> = { exists: false } | { exists: true; data: T };

/** Command `{type, data}` and event `{type, data}` of a register-once aggregate. */
export interface RegisterCommand<N extends string, T> {
  type: N;
  data: T;
}
export interface RegisteredEvent<N extends string, T> {
  type: N;
  data: T;
}

/**
 * Decider for master data registered once under a code (warehouses, SKUs, producers, pickup points):
 * a second registration is ALREADY_EXISTS; `validate` adds the record's own rules.
 */
export function registerOnceDecider<CN extends string, EN extends string, T extends object>(options: {
  name: string;
  commandType: CN;
  eventType: EN;
  label: string;
  /** The record's identifying field, for messages (default `code`). */
  key?: keyof T & string;
  validate?: (data: T) => void;
}): Decider<RegisterCommand<CN, T>, RegisteredEvent<EN, T>, RegisteredState<T>> & { name: string } {
  return {
    name: options.name,
    initialState: { exists: false },
    decide(command, state) {
      if (state.exists) {
        const key = options.key ?? ('code' as keyof T & string);
        throw new DomainError('ALREADY_EXISTS', `${options.label} ${String(command.data[key])} already exists`, key);
      }
      options.validate?.(command.data);
      return [{ type: options.eventType, data: command.data }];
    },
    evolve(state, event) {
      return event.type === options.eventType ? { exists: true, data: event.data } : state;
    },
  };
}

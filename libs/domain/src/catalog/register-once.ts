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

/** Command/event of an edit of editable master data: the changed fields only. */
export interface UpdateCommand<N extends string, T> {
  type: N;
  code: string;
  changes: Partial<Omit<T, 'code'>>;
}
export interface UpdatedEvent<N extends string, T> {
  type: N;
  data: { code: string; changes: Partial<Omit<T, 'code'>> };
}

/**
 * Decider for master data registered once under its code and edited after (kitchens, pickup points):
 * registration as `registerOnceDecider`; an edit of an unregistered code is NOT_FOUND, an edit that
 * changes nothing appends nothing, and `validate` sees the record as it would be after the edit.
 */
export function editableDecider<
  CN extends string,
  EN extends string,
  UN extends string,
  UEN extends string,
  T extends { code: string },
>(options: {
  name: string;
  commandType: CN;
  eventType: EN;
  updateType: UN;
  updatedType: UEN;
  label: string;
  validate?: (data: T) => void;
}): Decider<
  RegisterCommand<CN, T> | UpdateCommand<UN, T>,
  RegisteredEvent<EN, T> | UpdatedEvent<UEN, T>,
  RegisteredState<T>
> & { name: string } {
  const register = registerOnceDecider<CN, EN, T>(options);
  return {
    name: options.name,
    initialState: { exists: false },
    decide(command, state) {
      if (command.type === options.commandType) return register.decide(command as RegisterCommand<CN, T>, state);
      const { code, changes } = command as UpdateCommand<UN, T>;
      if (!state.exists) throw new DomainError('NOT_FOUND', `no ${options.label} ${code}`, 'code');
      const changed = Object.fromEntries(
        Object.entries(changes).filter(
          ([k, v]) =>
            v !== undefined && JSON.stringify((state.data as Record<string, unknown>)[k]) !== JSON.stringify(v),
        ),
      ) as Partial<Omit<T, 'code'>>;
      if (Object.keys(changed).length === 0) return [];
      options.validate?.({ ...state.data, ...changed });
      return [{ type: options.updatedType, data: { code: state.data.code, changes: changed } }];
    },
    evolve(state, event) {
      if (event.type === options.eventType) return register.evolve(state, event as RegisteredEvent<EN, T>);
      if (event.type === options.updatedType && state.exists)
        return { exists: true, data: { ...state.data, ...(event as UpdatedEvent<UEN, T>).data.changes } };
      return state;
    },
  };
}

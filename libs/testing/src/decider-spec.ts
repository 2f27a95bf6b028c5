import { fold, isDomainError, type Decider, type DomainEvent } from '@gx/domain';

/**
 * given(events).when(command).then(events) / .thenFails(code): a decider spec in one line,
 * asserting on the events a command produces from a history (Emmett / Dudycz style).
 */
export function given<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: E[] = []) {
  return {
    when(command: C) {
      const run = (): E[] => decider.decide(command, fold(decider, history));
      return {
        then(expected: E[]): void {
          expect(run()).toEqual(expected);
        },
        thenFails(code: string, field?: string): void {
          let error: unknown;
          try {
            run();
          } catch (e) {
            error = e;
          }
          expect(isDomainError(error)).toBe(true);
          expect(error).toMatchObject(field ? { code, field } : { code });
        },
        events: run,
      };
    },
  };
}

/** Decide `commands` one after another from `history`, as the CommandRunner does; the whole history after them. */
export function decideAll<C, E extends DomainEvent, S>(decider: Decider<C, E, S>, history: E[], ...commands: C[]): E[] {
  return commands.reduce<E[]>(
    (events, command) => [...events, ...decider.decide(command, fold(decider, events))],
    history,
  );
}

import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import type { DesignatedCountyEvent } from './designated-county.events';
import {
  evolveDesignatedCounty,
  initialDesignatedCountyState,
  type DesignatedCountyState,
} from './designated-county.state';

export type DesignatedCountyCommand =
  | { type: 'DesignateCounty'; county: string; note?: string; by: string; now: string }
  | { type: 'WithdrawCountyDesignation'; county: string; by: string; now: string };

/** Designating a designated county, or withdrawing an undesignated one, changes nothing. */
export const designatedCountyDecider: Decider<DesignatedCountyCommand, DesignatedCountyEvent, DesignatedCountyState> & {
  name: string;
} = {
  name: 'designated-county',
  initialState: initialDesignatedCountyState,
  decide(command, state) {
    if (command.county.trim() === '') throw new DomainError('INVALID_STATE', 'county must be named', 'county');
    switch (command.type) {
      case 'DesignateCounty': {
        if (state.designated && (state.note ?? '') === (command.note ?? '')) return [];
        const { county, note, by, now } = command;
        return [{ type: 'CountyDesignated', data: { county, ...(note ? { note } : {}), by, at: now } }];
      }
      case 'WithdrawCountyDesignation':
        if (!state.designated) return [];
        return [
          { type: 'CountyDesignationWithdrawn', data: { county: command.county, by: command.by, at: command.now } },
        ];
      default:
        return assertNever(command);
    }
  },
  evolve: evolveDesignatedCounty,
};

import { assertNever, type Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';

/**
 * A county designated a poverty-alleviation county (脱贫县) in master data. Budget-funded canteens
 * report the share of each month's purchases from such counties (the "832 platform" rule), so the
 * batches a kitchen delivery is issued from are marked with their county's designation at that moment.
 */
export type DesignatedCountyEvent =
  | { type: 'CountyDesignated'; data: { county: string; note?: string; by: string; at: string } }
  | { type: 'CountyDesignationWithdrawn'; data: { county: string; by: string; at: string } };

// A type, not an interface: read-model documents need its implicit index signature.
export type DesignatedCountyState = {
  county: string;
  designated: boolean;
  note?: string;
  since?: string;
  by?: string;
};

export const initialDesignatedCountyState: DesignatedCountyState = { county: '', designated: false };

/** The least share of a month's purchases that budget-funded canteens must buy from designated counties. */
export const DESIGNATED_SHARE_TARGET = 0.1;

/** Stream of one county's designation: `county-<name>`. */
export const designatedCountyStream = (county: string): string => `county-${county}`;

export type DesignatedCountyCommand =
  | { type: 'DesignateCounty'; county: string; note?: string; by: string; now: string }
  | { type: 'WithdrawCountyDesignation'; county: string; by: string; now: string };

export function evolveDesignatedCounty(state: DesignatedCountyState, event: DesignatedCountyEvent): DesignatedCountyState {
  switch (event.type) {
    case 'CountyDesignated': {
      const { county, note, by, at } = event.data;
      return { county, designated: true, since: at, by, ...(note ? { note } : {}) };
    }
    case 'CountyDesignationWithdrawn':
      return { county: event.data.county, designated: false, since: event.data.at, by: event.data.by };
    default:
      return state;
  }
}

/** Designating a designated county, or withdrawing an undesignated one, changes nothing. */
export const designatedCountyDecider: Decider<DesignatedCountyCommand, DesignatedCountyEvent, DesignatedCountyState> & { name: string } = {
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
        return [{ type: 'CountyDesignationWithdrawn', data: { county: command.county, by: command.by, at: command.now } }];
      default:
        return assertNever(command);
    }
  },
  evolve: evolveDesignatedCounty,
};

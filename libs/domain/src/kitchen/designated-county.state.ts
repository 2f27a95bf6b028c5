import type { DesignatedCountyEvent } from './designated-county.events';

// A type, not an interface: read-model documents need its implicit index signature.
export type DesignatedCountyState = {
  county: string;
  designated: boolean;
  note?: string;
  since?: string;
  by?: string;
};

export const initialDesignatedCountyState: DesignatedCountyState = { county: '', designated: false };

/** Fold one designation event; unknown event types leave the state unchanged. */
export function evolveDesignatedCounty(
  state: DesignatedCountyState,
  event: DesignatedCountyEvent,
): DesignatedCountyState {
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

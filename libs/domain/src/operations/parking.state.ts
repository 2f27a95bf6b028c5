import type { ParkingEvent } from './parking.events';

/** Positions parked so far on one subscriber. */
export interface ParkingState {
  parked: ReadonlySet<string>;
}

export const initialParkingState: ParkingState = { parked: new Set() };

/** Fold one parking event: a park adds its position; a retry request changes nothing. */
export function evolveParking(state: ParkingState, event: ParkingEvent): ParkingState {
  if (event.type !== 'SubscriberEventParked') return state;
  return { parked: new Set([...state.parked, event.data.event.position]) };
}

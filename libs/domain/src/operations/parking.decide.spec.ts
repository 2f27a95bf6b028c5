import { given } from '@gx/testing';
import { parkingDecider } from './parking.decide';
import type { ParkingEvent, StuckEventRef } from './parking.events';

const event: StuckEventRef = {
  position: '42',
  eventId: 'e-42',
  type: 'StockReceived',
  streamId: 'stock-SKU@WH',
  error: 'boom',
};
const parked: ParkingEvent = {
  type: 'SubscriberEventParked',
  data: { kind: 'projection', name: 'stock', event, reason: 'bad import' },
};

describe('parking: an operator skips or retries the event a subscriber is stuck on', () => {
  it('parks the event with its trimmed reason', () => {
    given(parkingDecider)
      .when({ type: 'ParkEvent', kind: 'projection', name: 'stock', event, reason: '  bad import ' })
      .then([parked]);
  });

  it('refuses a blank reason', () => {
    given(parkingDecider)
      .when({ type: 'ParkEvent', kind: 'projection', name: 'stock', event, reason: ' \t ' })
      .thenFails('INVALID_STATE', 'reason');
  });

  it('refuses to park the same event twice', () => {
    given(parkingDecider, [parked])
      .when({ type: 'ParkEvent', kind: 'projection', name: 'stock', event, reason: 'again' })
      .thenFails('ALREADY_DECIDED', 'position');
  });

  it('records a retry request for the failing event', () => {
    given(parkingDecider)
      .when({ type: 'RequestRetry', kind: 'process-manager', name: 'count-adjustments', event })
      .then([
        { type: 'SubscriberRetryRequested', data: { kind: 'process-manager', name: 'count-adjustments', event } },
      ]);
  });
});

import type { RecordedEvent } from '@gx/eventstore';
import { causedBy, stepContext, systemContext } from './command-context';
import { eventNarrower, type EventTypes } from './event-narrowing';

type LotEvent = { type: 'LotListed'; data: { lotId: string } } | { type: 'LotSold'; data: { lotId: string } };
const TYPES: EventTypes<LotEvent> = { LotListed: true, LotSold: true };
const recorded = (streamId: string, type: string): RecordedEvent => ({
  id: 'e-1',
  streamId,
  revision: 0,
  position: '7',
  type,
  data: { lotId: 'L-1' },
  metadata: {
    schemaVersion: 1,
    correlationId: 'corr-1',
    causationId: 'cmd-0',
    actor: 'buyer1',
    occurredAt: '2026-12-01T00:00:00.000Z',
    commandId: 'cmd-1',
  },
});

describe('eventNarrower', () => {
  const asLot = eventNarrower<LotEvent>('lot-', TYPES);

  it('gives the event of the union from its streams, as type and data only', () => {
    expect(asLot(recorded('lot-L-1', 'LotSold'))).toEqual({ type: 'LotSold', data: { lotId: 'L-1' } });
  });

  it('refuses other streams, other types, and names an `in` check would take from the prototype', () => {
    expect(asLot(recorded('sale-S-1', 'LotSold'))).toBeUndefined();
    expect(asLot(recorded('lot-L-1', 'SaleOpened'))).toBeUndefined();
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])
      expect(asLot(recorded('lot-L-1', name))).toBeUndefined();
  });
});

describe('command contexts of the system', () => {
  const now = new Date('2026-12-01T08:00:00.000Z');

  it('causedBy: the component acting under the step id, in the event’s correlation, caused by the event', () => {
    expect(
      causedBy('kitchen-fulfilment', 'kitchen:D-1:create', recorded('standing-SO-1', 'StandingDeliveryDue'), now),
    ).toEqual({
      commandId: 'kitchen:D-1:create',
      actor: 'system:kitchen-fulfilment',
      correlationId: 'corr-1',
      causationId: 'e-1',
      now: '2026-12-01T08:00:00.000Z',
    });
  });

  it('stepContext: caused by what caused the command, else by the command; the actor kept unless named', () => {
    const request = { commandId: 'req-1', actor: 'operator1', correlationId: 'corr-2', now: now.toISOString() };
    expect(stepContext(request, 'lot:L-1:close')).toEqual({
      ...request,
      commandId: 'lot:L-1:close',
      causationId: 'req-1',
    });
    const fromEvent = causedBy('group-buy-fulfilment', 'gb:x', recorded('campaign-GB-1', 'CampaignSucceeded'), now);
    expect(stepContext(fromEvent, 'gb:allocate:GB-1', 'system:group-buy')).toEqual({
      ...fromEvent,
      commandId: 'gb:allocate:GB-1',
      actor: 'system:group-buy',
      causationId: 'e-1',
    });
    expect(systemContext('seed', 'seed:sku:X', now).causationId).toBeUndefined();
  });
});

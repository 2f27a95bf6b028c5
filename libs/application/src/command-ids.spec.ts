import { AUCTION_COMMAND_IDS, AUCTION_DEADLINE_IDS, lotIdFor, paymentIdFor } from './auction/auction.ids';
import { COUNTING_COMMAND_IDS } from './counting/counting.ids';
import { countIdFor } from './counting/count.commands';
import { SEED_COMMAND_IDS } from './demo/seed.ids';
import {
  campaignIdFor,
  GATEWAY_KEYS,
  GROUP_BUY_DEADLINE_IDS,
  GROUP_BUY_IDS,
  orderIdFor,
} from './group-buy/group-buy.ids';
import { KITCHEN_COMMAND_IDS, KITCHEN_DEADLINE_IDS } from './kitchen/kitchen.ids';
import { batchIdFor } from './stock/stock.commands';

/**
 * Deterministic ids are part of the logs already written: a command id that changes makes a redelivered
 * event, a refired deadline or a restarted seeder do its step again; a deadline id that changes leaves the
 * old deadline behind; an entity id derived from a command id that changes makes a retry a second entity.
 * Each scheme's output for fixed inputs is written out here. If this fails, restore the scheme: do not
 * update the expectation (a new scheme gets its line here).
 */
type Scheme = (...args: never[]) => string;
const ARGS = ['P1', 'P2', 'P3'];
const outputs = (registry: Record<string, Scheme>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(registry).map(([name, scheme]) => [
      name,
      (scheme as (...a: string[]) => string)(...ARGS.slice(0, scheme.length)),
    ]),
  );

describe('deterministic id schemes (pinned)', () => {
  it('group buy', () => {
    expect(outputs(GROUP_BUY_IDS)).toEqual({
      reserveQuota: 'gb:reserve:P1:P2',
      undoReserve: 'gb:reserve-undo:P1:P2',
      published: 'gb:published:P1:P2',
      publishRejected: 'gb:publish-rejected:P1:P2',
      close: 'gb:close:P1',
      expire: 'gb:expire:P1',
      releaseUnused: 'gb:release-unused:P1',
      allocate: 'gb:allocate:P1',
      transfer: 'gb:transfer:P1',
      fulfilled: 'gb:fulfilled:P1',
      fulfilmentBlocked: 'gb:fulfilment-blocked:P1',
      releaseQuota: 'gb:release-quota:P1',
      quotaReturned: 'gb:quota-returned:P1',
      confirm: 'gb:confirm:P1',
      pickupHold: 'gb:pickup-hold:P1',
      goodsArrived: 'gb:goods-arrived:P1',
      pickupAllocate: 'gb:pickup-allocate:P1',
      pickupIssue: 'gb:pickup-issue:P1',
      pickupIssued: 'gb:pickup-issued:P1',
      pickupIssueBlocked: 'gb:pickup-issue-blocked:P1',
      intentRecorded: 'gb:intent:P1:P2',
      refunded: 'gb:refunded:P1:P2',
      refundFailed: 'gb:refund-failed:P1:P2',
      eventHandling: 'P1:P2',
      gatewayEvent: 'gateway-event:P1',
    });
    expect(outputs(GATEWAY_KEYS)).toEqual({
      intent: 'gb-order-P1-intent-P2',
      cancelIntent: 'gb-order-P1-cancel-P2',
      refund: 'gb-order-P1-refund-P2',
    });
    expect(outputs(GROUP_BUY_DEADLINE_IDS)).toEqual({ cutoff: 'cutoff:P1', paymentWindow: 'payment-window:P1' });
    expect(GROUP_BUY_IDS.reserveQuota('GB-1a2b3c4d5e6f', 3)).toBe('gb:reserve:GB-1a2b3c4d5e6f:3');
  });

  it('auction', () => {
    expect(outputs(AUCTION_COMMAND_IDS)).toEqual({
      reserveLotStock: 'lot:P1:reserve',
      allocateLotStock: 'lot:P1:allocate',
      releaseLotStock: 'lot:P1:release',
      issueLotStock: 'lot:P1:issue',
      abandonListing: 'lot:P1:abandon',
      closeLot: 'lot:P1:close',
      withdrawLot: 'lot:P1:withdraw',
      voidBid: 'bid:P1:void',
      reserveCredit: 'bid:P1:hold',
      releaseCredit: 'bid:P1:release',
      releaseLotCredit: 'lot:P1:release-credit',
      convertCredit: 'lot:P1:receivable',
      openSale: 'sale:P1:open',
      recordIssued: 'sale:P1:issued',
      recordPayment: 'payment:P1:buyer',
    });
    expect(outputs(AUCTION_DEADLINE_IDS)).toEqual({ close: 'close:P1', listing: 'listing:P1', hold: 'hold:P1' });
  });

  it('kitchen', () => {
    expect(outputs(KITCHEN_COMMAND_IDS)).toEqual({
      generate: 'kitchen:P1:generate:P2',
      createDelivery: 'kitchen:P1:create',
      reserveStock: 'kitchen:P1:reserve:P2',
      commitContract: 'kitchen:P1:commit:P2',
      settleHeld: 'kitchen:P1:held:P2',
      recordReservation: 'kitchen:P1:reserved:P2',
      allocateStock: 'kitchen:P1:allocate:P2',
      issueStock: 'kitchen:P1:issue:P2',
      recordIssued: 'kitchen:P1:issued:P2',
      recordIssueBlocked: 'kitchen:P1:issue-blocked:P2',
      releaseStock: 'kitchen:P1:release:P2',
      settleCancelled: 'kitchen:P1:cancelled:P2',
      settleDelivered: 'kitchen:P1:delivered:P2',
    });
    expect(outputs(KITCHEN_DEADLINE_IDS)).toEqual({ standingCutoff: 'P1' });
  });

  it('counting', () => {
    expect(outputs(COUNTING_COMMAND_IDS)).toEqual({
      adjustStock: 'count:P1:P2:P3',
      recordBlocked: 'count:P1:P2:P3:blocked',
      recordPosted: 'count:P1:P2:P3:posted',
    });
  });

  it('demo seeding', () => {
    expect(outputs(SEED_COMMAND_IDS)).toEqual({
      warehouse: 'seed:warehouse:P1',
      producer: 'seed:producer:P1',
      sku: 'seed:sku:P1',
      pickupPoint: 'seed:pickup-point:P1',
      kitchen: 'seed:kitchen:P1',
      user: 'seed:user:P1',
      receipt: 'seed:receipt:P1',
      buyerCredit: 'seed:credit:P1',
      lot: 'seed:lot:P11',
      campaign: 'seed:campaign:P1:P2',
      kitchenContract: 'seed:kitchen:contract:P1',
      standingOrder: 'seed:kitchen:standing-order:P1',
      designatedCounty: 'seed:kitchen:designated-county:P1',
    });
    expect([SEED_COMMAND_IDS.lot(0), SEED_COMMAND_IDS.receipt(0), SEED_COMMAND_IDS.campaign(0, 'publish')]).toEqual([
      'seed:lot:1',
      'seed:receipt:0',
      'seed:campaign:0:publish',
    ]);
  });

  it('entity ids derived from command ids', () => {
    expect({
      campaign: campaignIdFor('seed:campaign:0:create'),
      order: orderIdFor('GB-1a2b3c4d5e6f', 'join-1'),
      lot: lotIdFor(SEED_COMMAND_IDS.lot(0)),
      payment: paymentIdFor('pay-1'),
      count: countIdFor('count-1'),
      batch: batchIdFor('2026-11-20', 'seed:receipt:0'),
    }).toEqual({
      campaign: 'GB-ef5954b0bbd1',
      order: 'GB-1a2b3c4d5e6f-a026a395a5',
      lot: 'L-0214559cc2d2',
      payment: 'P-0da3174c441a',
      count: 'C-62b1fb78084b',
      batch: 'B-20261120-fdfe4047d737',
    });
  });
});

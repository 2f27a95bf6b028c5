import { decideAll, given } from '@gx/testing';
import { fold } from '../shared/decider';
import { buyerDecider, type BuyerCommand } from './buyer.decide';
import type { BuyerEvent } from './buyer.events';
import { availableCredit, exposureOf } from './buyer.state';

const B = 'BUYER-LC-001';
const NOW = '2026-11-28T02:00:00.000Z';
const approved = (creditLimit: number): BuyerEvent => ({
  type: 'BuyerCreditLimitSet',
  data: { buyerId: B, creditLimit, previous: null, by: 'operator1', at: NOW },
});
const held = (bidId: string, lotId: string, amount: number): BuyerEvent => ({
  type: 'BuyerExposureReserved',
  data: { buyerId: B, bidId, lotId, amount, at: NOW },
});
const reserve = (bidId: string, lotId: string, amount: number): BuyerCommand => ({
  type: 'ReserveExposure',
  buyerId: B,
  bidId,
  lotId,
  amount,
  now: NOW,
});
const run = (history: BuyerEvent[], ...commands: BuyerCommand[]): BuyerEvent[] =>
  decideAll(buyerDecider, history, ...commands);
const stateOf = (events: BuyerEvent[]) => fold(buyerDecider, events);

describe('buyer credit', () => {
  const registered: BuyerEvent = {
    type: 'BuyerRegistered',
    data: { buyerId: B, name: '聊城鲜果批发行', by: 'operator1', at: NOW },
  };
  it('registers a buyer once (again is a no-op, for its further users)', () => {
    given(buyerDecider)
      .when({ type: 'RegisterBuyer', buyerId: B, name: '聊城鲜果批发行', by: 'operator1', now: NOW })
      .then([registered]);
    given(buyerDecider, [registered])
      .when({ type: 'RegisterBuyer', buyerId: B, name: '别的', by: 'operator1', now: NOW })
      .then([]);
    expect(stateOf([registered])).toMatchObject({ registered: true, approved: false, name: '聊城鲜果批发行' });
  });
  it('refuses credit for a buyer never registered (no phantom buyer); one approved before registrations were recorded stays registered', () => {
    given(buyerDecider)
      .when({ type: 'SetCreditLimit', buyerId: B, creditLimit: 1_000_000, by: 'operator1', now: NOW })
      .thenFails('NOT_FOUND', 'id');
    expect(stateOf([approved(1_000_000)]).registered).toBe(true);
  });
  it('approves a buyer with a credit limit, and changing it to the same value is a no-op', () => {
    given(buyerDecider, [registered])
      .when({ type: 'SetCreditLimit', buyerId: B, creditLimit: 1_000_000, by: 'operator1', now: NOW })
      .then([approved(1_000_000)]);
    given(buyerDecider, [approved(1_000_000)])
      .when({ type: 'SetCreditLimit', buyerId: B, creditLimit: 1_000_000, by: 'operator2', now: NOW })
      .then([]);
  });
  it('holds credit for a bid while it fits the available credit, and refuses beyond it', () => {
    given(buyerDecider, [approved(1_000_000)])
      .when(reserve('b1', 'L-1', 600_000))
      .then([held('b1', 'L-1', 600_000)]);
    given(buyerDecider, [approved(1_000_000), held('b1', 'L-1', 600_000)])
      .when(reserve('b2', 'L-2', 400_001))
      .thenFails('CREDIT_EXCEEDED');
  });
  it('refuses any hold for a buyer without approved credit', () => {
    given(buyerDecider)
      .when(reserve('b1', 'L-1', 1))
      .thenFails('CREDIT_EXCEEDED');
  });
  it('counts only the largest hold per lot: raising a bid needs only the difference', () => {
    const events = run([approved(1_000_000)], reserve('b1', 'L-1', 600_000), reserve('b2', 'L-1', 900_000));
    expect(exposureOf(stateOf(events).holds)).toBe(900_000);
    expect(() => run(events, reserve('b3', 'L-2', 100_001))).toThrow(
      expect.objectContaining({ code: 'CREDIT_EXCEEDED' }),
    );
  });
  it('releases a hold once, so the credit is available again', () => {
    const events = run([approved(1_000_000), held('b1', 'L-1', 600_000)], {
      type: 'ReleaseExposure',
      buyerId: B,
      bidId: 'b1',
      reason: 'outbid',
      now: NOW,
    });
    expect(availableCredit(stateOf(events))).toBe(1_000_000);
    given(buyerDecider, events)
      .when({ type: 'ReleaseExposure', buyerId: B, bidId: 'b1', reason: 'outbid', now: NOW })
      .then([]);
  });
  it('turns a won lot into a receivable that counts until paid', () => {
    const won = run(
      [approved(1_000_000), held('b1', 'L-1', 600_000), held('b2', 'L-1', 700_000), held('b3', 'L-2', 100_000)],
      { type: 'ConvertExposure', buyerId: B, lotId: 'L-1', saleId: 'S-1', amount: 500_000, now: NOW },
    );
    expect(won.at(-1)).toEqual({
      type: 'BuyerExposureConverted',
      data: { buyerId: B, lotId: 'L-1', saleId: 'S-1', bidIds: ['b1', 'b2'], amount: 500_000, at: NOW },
    });
    expect(availableCredit(stateOf(won))).toBe(400_000);
    const paid = run(won, {
      type: 'RecordBuyerPayment',
      buyerId: B,
      saleId: 'S-1',
      paymentId: 'P-1',
      amount: 500_000,
      now: NOW,
    });
    expect(availableCredit(stateOf(paid))).toBe(900_000);
    given(buyerDecider, paid)
      .when({ type: 'RecordBuyerPayment', buyerId: B, saleId: 'S-1', paymentId: 'P-1', amount: 500_000, now: NOW })
      .then([]);
  });
  it('releases every hold on a lot that closed unsold', () => {
    const events = run([approved(1_000_000), held('b1', 'L-1', 600_000), held('b2', 'L-1', 700_000)], {
      type: 'ReleaseLotExposure',
      buyerId: B,
      lotId: 'L-1',
      reason: 'unsold',
      now: NOW,
    });
    expect(events.slice(3).map((e) => e.type)).toEqual(['BuyerExposureReleased', 'BuyerExposureReleased']);
    expect(exposureOf(stateOf(events).holds)).toBe(0);
  });
  it('lets an operator cut the limit below what is held: new bids are then refused', () => {
    const cut = run([approved(1_000_000), held('b1', 'L-1', 600_000)], {
      type: 'SetCreditLimit',
      buyerId: B,
      creditLimit: 500_000,
      by: 'operator1',
      now: NOW,
    });
    expect(availableCredit(stateOf(cut))).toBe(-100_000);
    given(buyerDecider, cut)
      .when(reserve('b2', 'L-2', 1))
      .thenFails('CREDIT_EXCEEDED');
  });
});

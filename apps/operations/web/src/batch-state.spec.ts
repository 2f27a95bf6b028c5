import { batchState } from './batch-state';

const pass = { result: 'pass' };
describe('batchState', () => {
  it('marks a batch without a passed inspection first', () => {
    expect(batchState({ inspection: { result: 'missing' }, expiryDate: '2020-01-01' }, '2026-12-03')).toBe(
      'uninspected',
    );
  });
  it('tells expired, expiring within three days and fine apart', () => {
    expect(batchState({ inspection: pass, expiryDate: '2026-12-02' }, '2026-12-03')).toBe('expired');
    expect(batchState({ inspection: pass, expiryDate: '2026-12-03' }, '2026-12-03')).toBe('expiring');
    expect(batchState({ inspection: pass, expiryDate: '2026-12-06' }, '2026-12-03')).toBe('expiring');
    expect(batchState({ inspection: pass, expiryDate: '2026-12-07' }, '2026-12-03')).toBe('ok');
  });
});

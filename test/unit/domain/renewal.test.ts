import { bucketRenewals, DEFAULT_RENEWAL_SETTINGS, isDue, nextTerm, renewalDeal, renewalStateOf } from '../../../src/domain/renewal';
import type { Deal } from '../../../src/domain/deal';
import { aDeal } from '../../builders/deal';

const contract = (overrides: Partial<Deal> = {}) =>
  aDeal({ id: 'c1', name: 'Acme platform', companyId: 'acme', outcome: 'won', stageId: 'won', recurring: true, amountMinor: 1_000_000, closedAt: 1, contractStart: '2026-04-01', contractEnd: '2027-03-31', scope: 'SSO', ...overrides });

describe('contracts and their renewals', () => {
  it('a won recurring deal with an end date waits for its renewal, until it is opened', () => {
    expect(renewalStateOf(contract())).toBe('pending');
    expect(renewalStateOf(contract({ renewal: { dealId: 'r1', projectId: 'p', openedAt: 1 } }))).toBe('created');
    expect(renewalStateOf(contract({ recurring: false }))).toBe('none');
    expect(renewalStateOf(contract({ contractEnd: null }))).toBe('none');
    expect(renewalStateOf(contract({ outcome: 'open' }))).toBe('none');
    expect(renewalStateOf(contract({ archived: true }))).toBe('none');
  });

  it('is due N days before the contract ends (late contracts at once), when the project opens renewals', () => {
    expect(isDue(contract(), DEFAULT_RENEWAL_SETTINGS, '2026-12-30')).toBe(false);
    expect(isDue(contract(), DEFAULT_RENEWAL_SETTINGS, '2026-12-31')).toBe(true);
    expect(isDue(contract(), DEFAULT_RENEWAL_SETTINGS, '2027-06-01')).toBe(true);
    expect(isDue(contract(), { ...DEFAULT_RENEWAL_SETTINGS, daysBefore: 30 }, '2026-12-31')).toBe(false);
    expect(isDue(contract(), { ...DEFAULT_RENEWAL_SETTINGS, enabled: false }, '2027-06-01')).toBe(false);
  });

  it('opens the renewal for the contract’s ARR, closing at the contract end, owned as asked, for the next term', () => {
    const deal = renewalDeal(contract() as Deal & { contractEnd: string }, { id: 'r1', projectId: 'cs', stageId: 'qualification', position: 'a0', ownerId: 'account-owner', companyName: 'Acme', now: 5 });
    expect(deal).toMatchObject({
      id: 'r1', projectId: 'cs', type: 'renewal', recurring: true, amountMinor: 1_000_000, currency: 'EUR', closeDate: '2027-03-31', ownerId: 'account-owner',
      contractStart: '2027-04-01', contractEnd: '2028-03-31', outcome: 'open', scope: 'SSO', name: 'Acme: renewal 2027–2028',
      renews: { dealId: 'c1', arrMinor: 1_000_000, currency: 'EUR', contractEnd: '2027-03-31' },
    });
    expect(nextTerm({ contractStart: null, contractEnd: '2027-03-31' })).toEqual({ start: '2027-04-01', end: '2028-03-31' });
    expect(nextTerm({ contractStart: '2027-01-10', contractEnd: '2027-02-08' })).toEqual({ start: '2027-02-09', end: '2027-03-10' });
  });

  it('buckets open renewals by due window and health; overdue apart', () => {
    const r = (closeDate: string, health: 'good' | 'poor', amountMinor = 100) => ({ closeDate, health, arr: { currency: 'EUR', amountMinor } });
    const buckets = bucketRenewals([r('2026-12-01', 'good'), r('2027-01-10', 'poor', 50), r('2027-02-15', 'good'), r('2026-11-01', 'poor', 70)], '2026-11-20');
    expect(buckets.due[30].good).toEqual({ count: 1, arr: { EUR: 100 } });
    expect(buckets.due[60].poor).toEqual({ count: 1, arr: { EUR: 50 } });
    expect(buckets.due[90].good).toEqual({ count: 2, arr: { EUR: 200 } });
    expect(buckets.overdue.poor).toEqual({ count: 1, arr: { EUR: 70 } });
  });

  it('buckets page by page to the same figures as all at once, leaving the earlier pages untouched', () => {
    const r = (closeDate: string, health: 'good' | 'poor', currency: string, amountMinor: number) => ({ closeDate, health, arr: { currency, amountMinor } });
    const all = [r('2026-12-01', 'good', 'EUR', 100), r('2027-01-10', 'poor', 'USD', 50), r('2026-12-05', 'good', 'USD', 30), r('2026-11-01', 'poor', 'EUR', 70)];
    const first = bucketRenewals(all.slice(0, 2), '2026-11-20');
    const before = JSON.stringify(first);
    const paged = bucketRenewals(all.slice(2), '2026-11-20', first);
    expect(paged).toEqual(bucketRenewals(all, '2026-11-20'));
    expect(paged.due[30].good).toEqual({ count: 2, arr: { EUR: 100, USD: 30 } });
    expect(JSON.stringify(first)).toBe(before);
  });
});

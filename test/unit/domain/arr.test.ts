import type { Account } from '../../../src/domain/arr';
import { applyDealToAccount, arrOn, derivedLifecycle, emptyAccount, movementsOfDeal, nextRenewal } from '../../../src/domain/arr';
import type { Deal } from '../../../src/domain/deal';
import { aDeal } from '../../builders/deal';

const rates = { reportingCurrency: 'EUR', rates: { USD: '0.9' } };
const company = { segment: 'smb' as const, region: 'EMEA', ownerId: 'owner-1' };
const closed = Date.parse('2026-12-15T10:00:00Z');

const contract = (overrides: Partial<Deal> = {}) =>
  aDeal({ id: 'c1', companyId: 'acme', outcome: 'won', stageId: 'won', recurring: true, amountMinor: 1_000_000, closedAt: closed, contractStart: '2027-01-01', contractEnd: '2027-12-31', ...overrides });
const renewal = (overrides: Partial<Deal> = {}) =>
  aDeal({
    id: 'r1', companyId: 'acme', type: 'renewal', recurring: true, amountMinor: 1_000_000, contractStart: '2028-01-01', contractEnd: '2028-12-31',
    renews: { dealId: 'c1', projectId: '10000', arrMinor: 1_000_000, currency: 'EUR', contractStart: '2027-01-01', contractEnd: '2027-12-31' }, ...overrides,
  });
const none = { arrBefore: () => ({}), rates, company };
const having = (amounts: Record<string, number>) => ({ arrBefore: () => amounts, rates, company });

describe('ARR movements of a deal', () => {
  it('a first won contract is new ARR from its start date', () => {
    expect(movementsOfDeal(contract(), none)).toEqual([expect.objectContaining({ id: 'c1.contract', kind: 'new', deltas: { EUR: 1_000_000 }, effectiveOn: '2027-01-01', companyId: 'acme', segment: 'smb' })]);
  });

  it('a contract of a company that already has ARR, or an expansion deal, is expansion', () => {
    expect(movementsOfDeal(contract(), having({ EUR: 500_000 }))[0]!.kind).toBe('expansion');
    expect(movementsOfDeal(contract({ type: 'expansion' }), none)[0]!.kind).toBe('expansion');
  });

  it('open, lost, non-recurring, archived or company-less deals stand for no ARR', () => {
    expect(movementsOfDeal(contract({ outcome: 'open', closedAt: null }), none)).toEqual([]);
    expect(movementsOfDeal(contract({ outcome: 'lost' }), none)).toEqual([]);
    expect(movementsOfDeal(contract({ recurring: false }), none)).toEqual([]);
    expect(movementsOfDeal(contract({ archived: true }), none)).toEqual([]);
    expect(movementsOfDeal(contract({ companyId: null }), none)).toEqual([]);
  });

  it('a renewal won higher is expansion, lower is contraction, equal is no movement, from the renewal start', () => {
    expect(movementsOfDeal(renewal({ outcome: 'won', closedAt: closed, amountMinor: 1_200_000 }), none)).toEqual([expect.objectContaining({ kind: 'expansion', deltas: { EUR: 200_000 }, effectiveOn: '2028-01-01' })]);
    expect(movementsOfDeal(renewal({ outcome: 'won', closedAt: closed, amountMinor: 800_000 }), none)).toEqual([expect.objectContaining({ kind: 'contraction', deltas: { EUR: -200_000 } })]);
    expect(movementsOfDeal(renewal({ outcome: 'won', closedAt: closed }), none)).toEqual([]);
  });

  it('a renewal lost is churn of the renewed ARR the day after the contract ended', () => {
    expect(movementsOfDeal(renewal({ outcome: 'lost', closedAt: closed }), none)).toEqual([expect.objectContaining({ id: 'r1.churn', kind: 'churn', deltas: { EUR: -1_000_000 }, effectiveOn: '2028-01-01' })]);
  });

  it('a renewal won in another currency keeps both legs, its kind from the converted difference', () => {
    const [m] = movementsOfDeal(renewal({ outcome: 'won', closedAt: closed, currency: 'USD', amountMinor: 1_000_000 }), none);
    expect(m).toMatchObject({ kind: 'contraction', deltas: { USD: 1_000_000, EUR: -1_000_000 } });
  });

  it('a renewal typed by hand never counts on top of ARR Relay already counts', () => {
    expect(movementsOfDeal(contract({ type: 'renewal' }), having({ EUR: 1 }))).toEqual([]);
    expect(movementsOfDeal(contract({ type: 'renewal' }), none)[0]!.kind).toBe('new');
  });
});

describe('the account: ledger, contracts and lifecycle', () => {
  const after = (account: Account, deal: Deal) => applyDealToAccount(account, deal, movementsOfDeal(deal, { arrBefore: (d) => arrOn(account, d, deal.id), rates, company }));

  it('sums ARR up to a day and tracks the contract and its renewal decision', () => {
    let account = { ...emptyAccount('acme'), version: 1 };
    account = after(account, contract());
    expect(arrOn(account, '2026-12-31')).toEqual({});
    expect(arrOn(account, '2027-01-01')).toEqual({ EUR: 1_000_000 });
    expect(nextRenewal(account)).toBe('2027-12-31');
    account = after(account, renewal({ outcome: 'won', closedAt: closed, amountMinor: 800_000 }));
    expect(arrOn(account, '2028-01-01')).toEqual({ EUR: 800_000 });
    expect(nextRenewal(account)).toBe('2028-12-31');
    expect(derivedLifecycle('prospect', account, '2028-02-01')).toBe('customer');
  });

  it('reopening a win takes its facts back; the same save twice changes nothing', () => {
    const won = after({ ...emptyAccount('acme'), version: 1 }, contract());
    expect(after(won, contract())).toBe(won);
    const reopened = after(won, contract({ outcome: 'open', closedAt: null }));
    expect(reopened.ledger).toEqual([]);
    expect(reopened.contracts).toEqual([]);
    expect(reopened.wonDeals).toEqual([]);
  });

  it('is churned once its last contract ended unrenewed, customer from the first win', () => {
    let account = after({ ...emptyAccount('acme'), version: 1 }, contract());
    expect(derivedLifecycle('prospect', account, '2026-12-20')).toBe('customer');
    account = after(account, renewal({ outcome: 'lost', closedAt: closed }));
    expect(derivedLifecycle('customer', account, '2027-12-31')).toBe('customer');
    expect(derivedLifecycle('customer', account, '2028-01-01')).toBe('churned');
    expect(nextRenewal(account)).toBeNull();
  });
});

import type { ArrMovement, ArrMovementKind } from '../../../src/domain/arr';
import { arrRetention } from '../../../src/domain/metrics';
import { periodOf } from '../../../src/domain/periods';

const q1 = periodOf('2027-02-15', 'quarter'); // 2027-01-01 … 2027-03-31
const USD = { reportingCurrency: 'USD', rates: { EUR: '1.1' } };

let n = 0;
function movement(companyId: string, kind: ArrMovementKind, amount: number, effectiveOn: string, currency = 'USD', extra: Partial<ArrMovement> = {}): ArrMovement {
  n += 1;
  return { id: `m${n}`, companyId, projectId: 'p1', dealId: `d${n}`, kind, deltas: { [currency]: amount }, effectiveOn, segment: null, region: null, ownerId: 'owner', ...extra };
}

/** Five customers worth 5,000,000 on 31 December: A 1,000,000, B 1,000,000, C 1,200,000, D 300,000, E 1,500,000. */
const base = () => [
  movement('A', 'new', 1_000_000, '2026-01-01'),
  movement('B', 'new', 1_000_000, '2026-03-01'),
  movement('C', 'new', 1_000_000, '2026-05-01'),
  movement('C', 'expansion', 200_000, '2026-09-01'),
  movement('D', 'new', 300_000, '2026-06-01'),
  movement('E', 'new', 1_500_000, '2026-12-31'),
];

describe('NRR, GRR and churn from ARR movements (PRODUCT.md §4)', () => {
  it('matches the hand-computed case: 5,000,000 start, +600,000, −200,000, −300,000 → NRR 102 %, GRR 90 %, revenue churn 6 %', () => {
    const movements = [
      ...base(),
      movement('A', 'expansion', 600_000, '2027-02-01'),
      movement('B', 'contraction', -200_000, '2027-01-15'),
      movement('D', 'churn', -300_000, '2027-03-31'),
    ];
    const r = arrRetention(movements, q1, USD);
    expect(r).toMatchObject({ startingMinor: 5_000_000, expansionMinor: 600_000, contractionMinor: 200_000, churnMinor: 300_000, customersAtStart: 5, customersLost: 1 });
    expect(r.nrr).toBeCloseTo(1.02, 10);
    expect(r.grr).toBeCloseTo(0.9, 10);
    expect(r.revenueChurn).toBeCloseTo(0.06, 10);
    expect(r.logoChurn).toBeCloseTo(0.2, 10);
  });

  it('leaves out a customer acquired during the period, its expansion included', () => {
    const movements = [...base(), movement('F', 'new', 800_000, '2027-01-20'), movement('F', 'expansion', 100_000, '2027-03-01'), movement('A', 'expansion', 600_000, '2027-02-01')];
    const r = arrRetention(movements, q1, USD);
    expect(r.startingMinor).toBe(5_000_000);
    expect(r.expansionMinor).toBe(600_000);
    expect(r.newMinor).toBe(900_000);
    expect(r.customersAtStart).toBe(5);
    expect(r.nrr).toBeCloseTo(1.12, 10);
    expect(r.grr).toBe(1);
  });

  it('counts movements after the period in the next one, and those before it in the starting ARR', () => {
    const movements = [...base(), movement('A', 'expansion', 500_000, '2027-04-01'), movement('B', 'expansion', 250_000, '2026-12-31')];
    const r = arrRetention(movements, q1, USD);
    expect(r.startingMinor).toBe(5_250_000);
    expect(r.expansionMinor).toBe(0);
    expect(r.nrr).toBe(1);
  });

  it('converts contracts in two currencies once, with the site rates', () => {
    // A: 1,000,000 EUR (1,100,000 USD), B: 900,000 USD; A expands 100,000 EUR (110,000 USD), B churns.
    const movements = [movement('A', 'new', 1_000_000, '2026-06-01', 'EUR'), movement('B', 'new', 900_000, '2026-06-01'), movement('A', 'expansion', 100_000, '2027-02-01', 'EUR'), movement('B', 'churn', -900_000, '2027-03-01')];
    const r = arrRetention(movements, q1, USD);
    expect(r.startingMinor).toBe(2_000_000);
    expect(r.expansionMinor).toBe(110_000);
    expect(r.churnMinor).toBe(900_000);
    expect(r.nrr).toBeCloseTo((2_000_000 + 110_000 - 900_000) / 2_000_000, 10);
    expect(r.grr).toBeCloseTo(0.55, 10);
    expect(r.customersLost).toBe(1);
    expect(r.unconvertedCurrencies).toEqual([]);
  });

  it('names a currency without a rate instead of dropping it silently', () => {
    const movements = [movement('A', 'new', 1_000_000, '2026-06-01', 'GBP'), movement('B', 'new', 500_000, '2026-06-01')];
    const r = arrRetention(movements, q1, USD);
    expect(r.unconvertedCurrencies).toEqual(['GBP']);
    expect(r.startingMinor).toBe(500_000);
  });

  it('has no ratios without starting ARR', () => {
    const r = arrRetention([movement('F', 'new', 800_000, '2027-01-20')], q1, USD);
    expect(r).toMatchObject({ nrr: null, grr: null, logoChurn: null, revenueChurn: null, newMinor: 800_000 });
  });

  it('segments by what each company’s latest movement recorded', () => {
    const movements = [movement('A', 'new', 1_000_000, '2026-01-01', 'USD', { segment: 'enterprise' }), movement('B', 'new', 1_000_000, '2026-01-01', 'USD', { segment: 'smb' }), movement('B', 'churn', -1_000_000, '2027-02-01', 'USD', { segment: 'smb' })];
    const smb = arrRetention(movements, q1, USD, (list) => list.at(-1)?.segment === 'smb');
    expect(smb).toMatchObject({ startingMinor: 1_000_000, churnMinor: 1_000_000, grr: 0, customersLost: 1 });
  });
});

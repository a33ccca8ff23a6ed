import type { DealRecord } from '../../../src/contracts/deal';
import type { Stage } from '../../../src/domain/pipeline';
import { formatDate, formatMoney } from '../../../static/src/project-page/pipeline/board-format';
import { cardMarkers } from '../../../static/src/project-page/pipeline/board-markers';
import { columnScope, NOTHING_SAVING } from '../../../static/src/project-page/pipeline/board-model';

/**
 * The board's speed work must not change what it shows: the caches behind its formatters and
 * markers answer exactly what the uncached code does, for every locale, currency and day, and a
 * column's scoped props change only when one of its own cards is saving or asked to take focus.
 */
const DAY = 86_400_000;
const STAGE: Stage = { id: 'disc', name: 'Discovery', probability: 20, forecastCategory: 'pipeline', outcome: 'open', exitCriteria: [], maxDays: 21 };

function aDeal(fields: Partial<DealRecord> = {}): DealRecord {
  return {
    id: 'd1', projectId: '10000', name: 'Deal', companyId: null, contactIds: [], amountMinor: 100_00, currency: 'EUR', recurring: false, type: 'new_business', stageId: 'disc', position: 'a0',
    forecastOverride: null, forecastCategory: 'pipeline', probability: 20, outcome: 'open', lostReason: null, closeDate: '2026-12-01', ownerId: 'u1', source: 'inbound', attribution: null, segment: 'smb',
    nextStep: 'Call', nextStepDue: null, contractStart: null, contractEnd: null, scope: null, notSold: null, stakeholders: null, successCriteria: null,
    stageEnteredAt: 0, pushCount: 0, closedAt: null, archived: false, createdAt: 0, updatedAt: 0, version: 2, handoff: null, ...fields,
  };
}

describe('the board’s cached formatting', () => {
  it('formats an amount per currency and locale, the same on every call', () => {
    const expected = (amount: number, currency: string, locale: string, digits: number) =>
      new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: digits }).format(amount / 10 ** digits);
    for (let round = 0; round < 2; round += 1) {
      expect(formatMoney(1_234_567, 'EUR', 'en-US')).toBe(expected(1_234_567, 'EUR', 'en-US', 2));
      expect(formatMoney(1_234_567, 'EUR', 'de-DE')).toBe(expected(1_234_567, 'EUR', 'de-DE', 2));
      expect(formatMoney(1_234_567, 'USD', 'en-US')).toBe(expected(1_234_567, 'USD', 'en-US', 2));
      expect(formatMoney(1_234_567, 'JPY', 'en-US')).toBe(expected(1_234_567, 'JPY', 'en-US', 0));
    }
    expect(formatMoney(1_234_567, 'EUR', 'de-DE')).not.toBe(formatMoney(1_234_567, 'EUR', 'en-US'));
    expect(formatMoney(1_234_568, 'EUR', 'en-US')).toBe('€12,345.68');
  });

  it('formats a close date per locale as that calendar date, the same on every call', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(formatDate('2027-01-15', 'en-US')).toBe('Jan 15, 2027');
      expect(formatDate('2027-01-15', 'de-DE')).toBe('15.01.2027');
      expect(formatDate('2027-01-16', 'en-US')).toBe('Jan 16, 2027');
    }
  });

  it('stays correct past its bound, when it has forgotten what it formatted', () => {
    const first = formatMoney(1, 'EUR', 'en-US');
    for (let i = 0; i < 6000; i += 1) formatMoney(10_000 + i, 'EUR', 'en-US');
    expect(formatMoney(1, 'EUR', 'en-US')).toBe(first);
    expect(formatMoney(10_000 + 5999, 'EUR', 'en-US')).toBe('€159.99');
  });
});

describe('card markers against a moving clock', () => {
  it('works out “today” again when the board’s clock passes midnight', () => {
    const deal = aDeal({ nextStepDue: '2026-11-20', stageEnteredAt: Date.UTC(2026, 10, 1) });
    const lateEvening = Date.UTC(2026, 10, 20, 23, 59);
    const nextMorning = lateEvening + 2 * 60_000;
    expect(cardMarkers(deal, STAGE, lateEvening).nextStepOverdue).toBe(false);
    expect(cardMarkers(deal, STAGE, nextMorning)).toMatchObject({ nextStepOverdue: true, stale: true, staleReasons: ['next-step-overdue'] });
    // And back: a second board with an older clock is not answered from the newer day.
    expect(cardMarkers(deal, STAGE, lateEvening - DAY).nextStepOverdue).toBe(false);
  });
});

describe('column-scoped props', () => {
  const left = [aDeal({ id: 'a' }), aDeal({ id: 'b' })];
  const right = [aDeal({ id: 'c' })];

  it('gives a column without a saving or focus-bound card the same shared props every time', () => {
    const saving = new Set(['c']);
    expect(columnScope(left, saving, 'c')).toEqual({ saving: NOTHING_SAVING, focusDealId: null });
    expect(columnScope(left, saving, 'c').saving).toBe(columnScope(left, new Set(['c', 'z']), null).saving);
  });

  it('gives the column holding the card the saving set and the focus request', () => {
    const saving = new Set(['c']);
    const scope = columnScope(right, saving, 'c');
    expect(scope.saving).toBe(saving);
    expect(scope.saving.has('c')).toBe(true);
    expect(scope.focusDealId).toBe('c');
    expect(columnScope(right, NOTHING_SAVING, null)).toEqual({ saving: NOTHING_SAVING, focusDealId: null });
  });
});

import type { DealRecord } from '../../../src/contracts/deal';
import type { CriteriaField, Stage } from '../../../src/domain/pipeline';
import { criteriaChanges, criteriaGroups, missingFieldsOf, serverProblems } from '../../../static/src/project-page/pipeline/board-criteria';
import { closeRange, isFiltered, matchesFilters, parseFilters, serializeFilters } from '../../../static/src/project-page/pipeline/board-filters';
import { formatMoney } from '../../../static/src/project-page/pipeline/board-format';
import { cardMarkers } from '../../../static/src/project-page/pipeline/board-markers';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20, 12); // 2026-11-20, in Q4 2026
const CALENDAR = { startMonth: 1 };
/** A fiscal year starting in February: quarters Feb–Apr, May–Jul, Aug–Oct, Nov–Jan. */
const FEBRUARY = { startMonth: 2 };
const STAGE: Stage = { id: 'disc', name: 'Discovery', probability: 20, forecastCategory: 'pipeline', outcome: 'open', exitCriteria: [], maxDays: 21 };

function aDeal(fields: Partial<DealRecord> = {}): DealRecord {
  return {
    id: 'd1', projectId: '10000', name: 'Deal', companyId: null, contactIds: [], amountMinor: 100_00, currency: 'EUR', recurring: false, type: 'new_business', stageId: 'disc', position: 'a0',
    forecastOverride: null, forecastCategory: 'pipeline', probability: 20, outcome: 'open', lostReason: null, closeDate: '2026-12-01', ownerId: 'u1', source: 'inbound', attribution: null, segment: 'smb',
    nextStep: 'Call', nextStepDue: null, contractStart: null, contractEnd: null, scope: null, notSold: null, stakeholders: null, successCriteria: null,
    stageEnteredAt: NOW - 3 * DAY, pushCount: 0, closedAt: null, archived: false, createdAt: 0, updatedAt: 0, version: 2, handoff: null, ...fields,
  };
}

describe('board filters in the URL', () => {
  it('round-trips the filters through the query in a stable order and drops unknown or malformed values', () => {
    const filters = parseFilters('?segment=enterprise&owner=u1&period=custom&from=2026-10-01&to=2026-13-40&forecast=bogus&x=1');
    expect(filters).toEqual({ owner: 'u1', period: 'custom', from: '2026-10-01', segment: 'enterprise' });
    expect(serializeFilters(filters)).toBe('?owner=u1&period=custom&from=2026-10-01&segment=enterprise');
    expect(parseFilters('?period=this-quarter&from=2026-01-01')).toEqual({ period: 'this-quarter' });
    expect(isFiltered(parseFilters(''))).toBe(false);
  });

  it('matches close periods by fiscal quarter and drops deals without a close date', () => {
    expect(closeRange({ period: 'next-quarter' }, NOW, CALENDAR)).toEqual({ start: '2027-01-01', end: '2027-03-31' });
    expect(matchesFilters(aDeal(), { period: 'this-quarter' }, NOW, CALENDAR)).toBe(true);
    expect(matchesFilters(aDeal({ closeDate: '2027-01-05' }), { period: 'this-quarter' }, NOW, CALENDAR)).toBe(false);
    expect(matchesFilters(aDeal({ closeDate: null }), { period: 'next-quarter' }, NOW, CALENDAR)).toBe(false);
    expect(matchesFilters(aDeal(), { period: 'custom', to: '2026-11-30' }, NOW, CALENDAR)).toBe(false);
  });

  it('names this and next quarter in the site’s fiscal calendar, as the gadget and the metrics do', () => {
    // 20 Nov 2026 is in Nov–Jan when the fiscal year starts in February.
    expect(closeRange({ period: 'this-quarter' }, NOW, FEBRUARY)).toEqual({ start: '2026-11-01', end: '2027-01-31' });
    expect(closeRange({ period: 'next-quarter' }, NOW, FEBRUARY)).toEqual({ start: '2027-02-01', end: '2027-04-30' });
    expect(matchesFilters(aDeal({ closeDate: '2027-01-20' }), { period: 'this-quarter' }, NOW, FEBRUARY)).toBe(true);
    expect(matchesFilters(aDeal({ closeDate: '2027-01-20' }), { period: 'this-quarter' }, NOW, CALENDAR)).toBe(false);
  });

  it('combines owner, forecast category, segment and source', () => {
    const deal = aDeal({ forecastCategory: 'commit' });
    expect(matchesFilters(deal, { owner: 'u1', forecast: 'commit', segment: 'smb', source: 'Inbound' }, NOW, CALENDAR)).toBe(true);
    expect(matchesFilters(deal, { owner: 'u2' }, NOW, CALENDAR)).toBe(false);
    expect(matchesFilters(deal, { segment: 'enterprise' }, NOW, CALENDAR)).toBe(false);
  });
});

describe('card markers', () => {
  it('marks a deal stale for too many days in stage, a missing next step or an overdue next step, and slipped when pushed', () => {
    expect(cardMarkers(aDeal(), STAGE, NOW)).toMatchObject({ daysInStage: 3, stale: false, slipped: false });
    expect(cardMarkers(aDeal({ stageEnteredAt: NOW - 22 * DAY }), STAGE, NOW).staleReasons).toEqual(['too-long']);
    expect(cardMarkers(aDeal({ nextStep: '  ' }), STAGE, NOW).staleReasons).toEqual(['no-next-step']);
    expect(cardMarkers(aDeal({ nextStepDue: '2026-11-19' }), STAGE, NOW)).toMatchObject({ stale: true, nextStepOverdue: true });
    expect(cardMarkers(aDeal({ nextStepDue: '2026-11-20' }), STAGE, NOW).nextStepOverdue).toBe(false);
    expect(cardMarkers(aDeal({ pushCount: 2 }), STAGE, NOW).slipped).toBe(true);
  });
});

describe('the exit-criteria form', () => {
  it('keeps only known fields from the server’s refusal, in the pipeline’s field order', () => {
    expect(missingFieldsOf({ missing: ['stakeholders', 'nope', 'scope'] })).toEqual(['scope', 'stakeholders']);
    expect(missingFieldsOf({})).toEqual([]);
  });

  it('turns typed answers into one deals/update, parsing the amount exactly in the deal’s currency', () => {
    const result = criteriaChanges(aDeal(), ['amount', 'closeDate', 'contacts', 'scope'], { amount: '1,250.50', closeDate: '2027-01-31', contacts: ['c1'], scope: ' SSO ' });
    expect(result).toEqual({ ok: true, input: { dealId: 'd1', version: 2, changes: { amountMinor: 125050, closeDate: '2027-01-31', contactIds: ['c1'], scope: 'SSO' } } });
  });

  it('refuses blank answers, a zero amount, too many decimals and a contract ending before it starts, beside each field', () => {
    const result = criteriaChanges(aDeal(), ['amount', 'nextStep', 'contractStart', 'contractEnd'], { amount: '0', contractStart: '2027-02-01', contractEnd: '2027-01-01' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.nextStep).toEqual({ kind: 'required' });
    expect(result.problems.amount?.kind).toBe('invalid');
    expect(result.problems.contractEnd).toEqual({ kind: 'invalid', message: 'The contract ends before it starts.' });
    const precise = criteriaChanges(aDeal(), ['amount'], { amount: '1.234' });
    expect(precise.ok).toBe(false);
  });

  it('maps the server’s field errors back onto the form', () => {
    expect(serverProblems(['companyId', 'contacts'], [{ path: 'companyId', message: 'No such active company' }, { path: 'contactIds', message: 'No such active contact: x' }])).toEqual({
      companyId: { kind: 'invalid', message: 'No such active company' },
      contacts: { kind: 'invalid', message: 'No such active contact: x' },
    });
  });
});

describe('money on cards', () => {
  it('writes amounts with the one formatter, the same text again from the cache', () => {
    expect(formatMoney(48_000_00, 'EUR', 'en-US')).toBe('€48,000');
    expect(formatMoney(48_000_50, 'EUR', 'en-US')).toBe('€48,000.50');
    expect(formatMoney(48_000_50, 'EUR', 'en-US')).toBe('€48,000.50');
  });
});

describe('which stage asks for which missing field (issue 12 item 7)', () => {
  const stage = (id: string, outcome: 'open' | 'won' | 'lost', exitCriteria: CriteriaField[]) => ({ id, name: id, probability: 0, forecastCategory: 'pipeline' as const, outcome, exitCriteria, maxDays: null });
  const stages = [stage('Qualification', 'open', ['companyId', 'contacts']), stage('Discovery', 'open', ['amount', 'closeDate']), stage('Proposal', 'open', ['scope']), stage('Won', 'won', ['scope', 'notSold', 'amount']), stage('Lost', 'lost', [])];
  const won = stages[3]!;

  it('lists each field under the first stage that asks for it, and the definition of ready under the won stage', () => {
    const groups = criteriaGroups(stages, 'Qualification', won, ['amount', 'companyId', 'contacts', 'scope', 'notSold']);
    expect(groups.map((g) => [g.stage.name, g.role, g.fields])).toEqual([
      ['Qualification', 'exit', ['companyId', 'contacts']],
      ['Discovery', 'exit', ['amount']],
      ['Proposal', 'exit', ['scope']],
      ['Won', 'ready', ['notSold']],
    ]);
  });

  it('names only the stage being left for a one-step move, and the target for fields no stage claims any more', () => {
    expect(criteriaGroups(stages, 'Discovery', stages[2]!, ['closeDate']).map((g) => [g.stage.name, g.fields])).toEqual([['Discovery', ['closeDate']]]);
    expect(criteriaGroups(stages, 'Proposal', won, ['successCriteria']).map((g) => [g.stage.name, g.role, g.fields])).toEqual([['Won', 'ready', ['successCriteria']]]);
  });
});

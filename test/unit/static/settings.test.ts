import { UpdatePipelineInput } from '../../../src/contracts/pipeline';
import { defaultPipeline } from '../../../src/domain/pipeline';
import {
  addStage,
  addTarget,
  checkDraft,
  draftOf,
  moveStage,
  nextFreePeriod,
  periodChoices,
  removeStage,
  sameDraft,
  splitFieldErrors,
  updateStage,
  updateTarget,
} from '../../../static/src/settings/pipeline-draft';
import { criteriaOptions } from '../../../static/src/settings/labels';
import { periodName } from '../../../static/src/lib/period-format';

/** The settings form's rules (static/src/settings/pipeline-draft.ts), without React or a browser. */
function aRecord() {
  let n = 0;
  const { stages } = defaultPipeline(() => `s${++n}`);
  return { stages, targets: [{ period: 'FY2027-Q1', amountMinor: 25_000_000, currency: 'EUR' }] };
}

describe('the pipeline settings draft', () => {
  it('round-trips a stored pipeline into the exact update input the contract accepts', () => {
    const record = aRecord();
    const checked = checkDraft(draftOf(record), 'SALES', 4);
    expect(checked.fields).toEqual({});
    expect(checked.general).toEqual([]);
    expect(checked.input).toEqual({ projectKey: 'SALES', version: 4, stages: record.stages, targets: record.targets });
    expect(UpdatePipelineInput.safeParse(checked.input).success).toBe(true);
  });

  it('shows amounts as decimal text and parses them back into minor units of their currency', () => {
    const draft = draftOf(aRecord());
    // The input context: exact, no grouping, no ".00" on a whole amount (issue 11 item 8).
    expect(draft.targets[0]).toMatchObject({ period: 'FY2027-Q1', amount: '250000', currency: 'EUR' });
    const edited = updateTarget(draft, 0, { amount: '1,250,000.5' });
    expect(checkDraft(edited, 'SALES', 1).input?.targets?.[0]).toEqual({ period: 'FY2027-Q1', amountMinor: 125_000_050, currency: 'EUR' });
    const yen = updateTarget(draft, 0, { amount: '300000', currency: 'JPY' });
    expect(checkDraft(yen, 'SALES', 1).input?.targets?.[0]).toEqual({ period: 'FY2027-Q1', amountMinor: 300_000, currency: 'JPY' });
  });

  it('puts each problem beside its field, by the same paths the server uses', () => {
    let draft = draftOf(aRecord());
    draft = updateStage(draft, 0, { name: '  ' });
    draft = updateStage(draft, 1, { probability: '55.5' });
    draft = updateStage(draft, 2, { maxDays: '0' });
    draft = updateStage(draft, 4, { probability: '90' });
    draft = updateTarget(draft, 0, { amount: '12.345' });
    const checked = checkDraft(draft, 'SALES', 1);
    expect(checked.input).toBeNull();
    expect(checked.fields).toEqual({
      'stages.0.name': 'A stage needs a name.',
      'stages.1.probability': 'A whole percent from 0 to 100.',
      'stages.2.maxDays': 'A whole number of days (1 or more), or empty for no limit.',
      'stages.4.probability': 'The won stage has probability 100.',
      'targets.0.amountMinor': 'EUR amounts have fewer decimal places.',
    });
  });

  it('reports pipeline-wide rules apart from fields', () => {
    const draft = updateStage(draftOf(aRecord()), 5, { outcome: 'won', probability: '100', forecastCategory: 'closed' });
    const checked = checkDraft(draft, 'SALES', 1);
    expect(checked.input).toBeNull();
    expect(checked.general).toEqual(['A pipeline needs exactly one won stage.', 'A pipeline needs exactly one lost stage.']);
  });

  it('refuses a second target for the same period, a bad currency and a missing amount', () => {
    let draft = addTarget(draftOf(aRecord()), 'k2', 'FY2027-Q1', 'EUR');
    draft = updateTarget(draft, 1, { amount: '10' });
    draft = addTarget(draft, 'k3', 'FY2027-Q2', 'EURO');
    draft = addTarget(draft, 'k4', 'FY2027-Q3', 'USD');
    const checked = checkDraft(draft, 'SALES', 1);
    expect(checked.fields['targets.1.period']).toBe('This period already has a target.');
    expect(checked.fields['targets.2.currency']).toBe('A three-letter ISO currency code, e.g. EUR.');
    expect(checked.fields['targets.3.amountMinor']).toBe('Enter the target amount.');
    expect(checked.fields['targets.0.period']).toBeUndefined();
  });

  it('moves stages one place at a time and ignores moves past either end', () => {
    const draft = draftOf(aRecord());
    const names = (d: typeof draft) => d.stages.map((s) => s.name);
    expect(names(moveStage(draft, 1, -1)).slice(0, 3)).toEqual(['Discovery', 'Qualification', 'Proposal']);
    expect(names(moveStage(draft, 2, 1)).slice(2, 4)).toEqual(['Negotiation', 'Proposal']);
    expect(moveStage(draft, 0, -1)).toBe(draft);
    expect(moveStage(draft, draft.stages.length - 1, 1)).toBe(draft);
  });

  it('adds a new open stage after the last open one, before won and lost', () => {
    const draft = addStage(draftOf(aRecord()), 'new-1', 'Security review');
    expect(draft.stages.map((s) => s.name)).toEqual(['Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Security review', 'Closed won', 'Closed lost']);
    expect(draft.stages[4]).toMatchObject({ id: 'new-1', outcome: 'open', probability: '80', forecastCategory: 'commit', exitCriteria: [], maxDays: '' });
    expect(checkDraft(draft, 'SALES', 1).input?.stages).toHaveLength(7);
  });

  it('keeps removed stages out of the input and tells an edited draft from the stored one', () => {
    const record = aRecord();
    const draft = removeStage(draftOf(record), 1);
    expect(checkDraft(draft, 'SALES', 1).input?.stages.map((s) => s.id)).toEqual(['s1', 's3', 's4', 's5', 's6']);
    expect(sameDraft(draftOf(record), draftOf(record))).toBe(true);
    expect(sameDraft(draft, draftOf(record))).toBe(false);
  });

  it('splits server field errors into field messages and pipeline-wide ones', () => {
    const split = splitFieldErrors([
      { path: 'stages.2.name', message: 'Stage name "X" is used twice.' },
      { path: 'stages', message: 'Discovery still holds deals' },
      { path: 'targets', message: 'One target per period' },
    ]);
    expect(split).toEqual({ fields: { 'stages.2.name': 'Stage name "X" is used twice.' }, general: ['Discovery still holds deals', 'One target per period'] });
  });

  it('offers fiscal quarters around today and months ahead, keeping periods already used', () => {
    const choices = periodChoices('2027-05-10', ['FY2020-Q4'], { startMonth: 1 });
    const values = choices.map((c) => c.value);
    expect(values[0]).toBe('FY2020-Q4');
    expect(values).toContain('FY2026-Q1');
    expect(values).toContain('FY2028-Q4');
    expect(values).toContain('FY2027-M01');
    expect(values).toContain('FY2028-M12');
    expect(values).not.toContain('FY2029-Q1');
    expect(new Set(values).size).toBe(values.length);
    expect(periodName('FY2027-Q2')).toBe('Q2 FY2027');
    expect(periodName('FY2027-M04')).toBe('M4 FY2027');
    expect(nextFreePeriod('2027-05-10', ['FY2027-Q2', 'FY2027-Q3'], { startMonth: 1 })).toBe('FY2027-Q4');
  });

  it('offers the periods of the site’s fiscal year, labelled with their dates', () => {
    // With a February start, 20 Jan 2027 is in the last quarter of FY2027 (Nov 2026 – Jan 2027).
    expect(nextFreePeriod('2027-01-20', [], { startMonth: 2 })).toBe('FY2027-Q4');
    const q4 = periodChoices('2027-01-20', [], { startMonth: 2 }).find((c) => c.value === 'FY2027-Q4');
    expect(q4?.label).toBe('Q4 FY2027 (Nov 1, 2026 – Jan 31, 2027)');
  });

  it('names every exit-criteria field readably', () => {
    const labels = criteriaOptions().map((o) => o.label);
    expect(labels).toHaveLength(14);
    expect(labels).toContain('What was not sold');
    expect(labels.every((label) => !label.startsWith('dealField.'))).toBe(true);
  });
});

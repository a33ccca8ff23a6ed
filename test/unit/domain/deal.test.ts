import { fieldChanges, DEAL_AUDITED_FIELDS } from '../../../src/domain/audit';
import { criteriaForMove, daysInStage, DealError, loseDeal, moveDeal, reopenDeal, updateDeal, winDeal } from '../../../src/domain/deal';
import { CALENDAR_YEAR } from '../../../src/domain/periods';
import { aDeal, aPipeline, aReadyDeal, T0 } from '../../builders/deal';

const DAY = 86_400_000;

function failure(fn: () => unknown): DealError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DealError) return error;
    throw error;
  }
  throw new Error('expected a DealError');
}

describe('deal rules', () => {
  const pipeline = aPipeline();

  it('refuses to leave a stage whose exit criteria are not met, naming the missing fields', () => {
    const error = failure(() => moveDeal(aDeal(), pipeline, { toStageId: 'discovery', position: 'a1' }, T0 + DAY));
    expect(error.code).toBe('STAGE_EXIT_CRITERIA');
    expect(error.details.missing).toEqual(['companyId', 'contacts']);
    expect(error.message).toMatch(/Qualification/);
  });

  it('checks the criteria of every stage a move skips', () => {
    expect(criteriaForMove(pipeline, 'qualification', 'proposal')).toEqual(['companyId', 'contacts', 'amount', 'closeDate', 'nextStep']);
    const deal = aDeal({ companyId: 'c', contactIds: ['p'] });
    expect(failure(() => moveDeal(deal, pipeline, { toStageId: 'proposal', position: 'a1' }, T0)).details.missing).toEqual(['amount', 'closeDate', 'nextStep']);
  });

  it('never blocks moving a deal back, or within its stage', () => {
    const inProposal = aDeal({ stageId: 'proposal' });
    expect(moveDeal(inProposal, pipeline, { toStageId: 'qualification', position: 'a5' }, T0 + DAY)).toMatchObject({ stageId: 'qualification', stageEnteredAt: T0 + DAY });
    expect(moveDeal(inProposal, pipeline, { toStageId: 'proposal', position: 'Zz' }, T0 + DAY)).toMatchObject({ stageId: 'proposal', position: 'Zz', stageEnteredAt: T0 });
  });

  it('refuses to close a deal whose definition of ready is incomplete', () => {
    const deal = aReadyDeal({ stageId: 'negotiation', successCriteria: ' ', notSold: null });
    const error = failure(() => winDeal(deal, pipeline, 'a0', T0));
    expect(error.details.missing).toEqual(['notSold', 'successCriteria']);
  });

  it('wins, loses with a reason, and reopens', () => {
    const won = winDeal(aReadyDeal({ stageId: 'negotiation' }), pipeline, 'a0', T0 + DAY);
    expect(won).toMatchObject({ outcome: 'won', stageId: 'won', closedAt: T0 + DAY, stageEnteredAt: T0 + DAY });
    expect(failure(() => winDeal(won, pipeline, 'a0', T0)).code).toBe('DEAL_CLOSED');
    expect(failure(() => loseDeal(aDeal(), pipeline, '  ', 'a0', T0)).code).toBe('LOST_REASON_REQUIRED');
    const lost = loseDeal(aDeal(), pipeline, 'Chose a competitor', 'a0', T0 + DAY);
    expect(lost).toMatchObject({ outcome: 'lost', lostReason: 'Chose a competitor', closedAt: T0 + DAY });
    const reopened = reopenDeal(lost, pipeline, 'qualification', 'a0', T0 + 2 * DAY);
    expect(reopened).toMatchObject({ outcome: 'open', lostReason: null, closedAt: null });
    expect(failure(() => reopenDeal(reopened, pipeline, 'qualification', 'a0', T0)).code).toBe('DEAL_NOT_CLOSED');
    expect(failure(() => reopenDeal(lost, pipeline, 'won', 'a0', T0)).code).toBe('STAGE_UNKNOWN');
  });

  it('refuses to move or edit an archived deal, and unknown stages', () => {
    expect(failure(() => moveDeal(aDeal({ archived: true }), pipeline, { toStageId: 'qualification', position: 'a1' }, T0)).code).toBe('DEAL_ARCHIVED');
    expect(failure(() => updateDeal(aDeal({ archived: true }), { name: 'x' }, T0, CALENDAR_YEAR)).code).toBe('DEAL_ARCHIVED');
    expect(failure(() => moveDeal(aDeal(), pipeline, { toStageId: 'nope', position: 'a1' }, T0)).code).toBe('STAGE_UNKNOWN');
  });

  it('counts a push each time the close date slips into a later quarter', () => {
    let deal = aDeal({ closeDate: '2026-11-30' });
    deal = updateDeal(deal, { closeDate: '2026-12-31' }, T0, CALENDAR_YEAR);
    expect(deal.pushCount).toBe(0);
    deal = updateDeal(deal, { closeDate: '2027-01-15' }, T0, CALENDAR_YEAR);
    deal = updateDeal(deal, { closeDate: '2027-04-02' }, T0, CALENDAR_YEAR);
    expect(deal.pushCount).toBe(2);
    deal = updateDeal(deal, { closeDate: '2026-12-01' }, T0, CALENDAR_YEAR);
    expect(deal.pushCount).toBe(2);
  });

  it('keeps the stages a deal entered, in order', () => {
    const moved = moveDeal(aReadyDeal(), pipeline, { toStageId: 'proposal', position: 'a1' }, T0);
    const back = moveDeal(moved, pipeline, { toStageId: 'discovery', position: 'a1' }, T0);
    expect(back.stageHistory).toEqual(['qualification', 'proposal', 'discovery']);
    expect(moveDeal(back, pipeline, { toStageId: 'discovery', position: 'a2' }, T0).stageHistory).toEqual(['qualification', 'proposal', 'discovery']);
  });

  it('keeps stage entry time for days in stage', () => {
    const moved = moveDeal(aReadyDeal(), pipeline, { toStageId: 'discovery', position: 'a1' }, T0 + 3 * DAY);
    expect(daysInStage(moved, T0 + 5 * DAY + 1000)).toBe(2);
  });

  it('records what an edit changed, field by field', () => {
    const before = aDeal({ amountMinor: 100, contactIds: ['a'] });
    const after = { ...before, amountMinor: 250, contactIds: ['a', 'b'], updatedAt: T0 + 1 };
    expect(fieldChanges(before, after, DEAL_AUDITED_FIELDS)).toEqual([
      { field: 'contactIds', from: ['a'], to: ['a', 'b'] },
      { field: 'amountMinor', from: 100, to: 250 },
    ]);
    expect(fieldChanges(null, before, ['name', 'companyId'])).toEqual([{ field: 'name', from: null, to: 'Acme platform rollout' }]);
  });
});

import type { DealRecord } from '../../../src/contracts/deal';
import type { Stage } from '../../../src/domain/pipeline';
import type { Column } from '../../../static/src/project-page/pipeline/board-model';
import {
  columnsOf,
  confirmCard,
  figuresOf,
  keyboardPlace,
  keyboardPlaceVisible,
  placeBeside,
  planMove,
  rollback,
} from '../../../static/src/project-page/pipeline/board-model';

const stage = (id: string, probability: number, outcome: Stage['outcome'] = 'open'): Stage => ({ id, name: id.toUpperCase(), probability, forecastCategory: 'pipeline', outcome, exitCriteria: [], maxDays: 14 });
const STAGES = [stage('qual', 10), stage('disc', 20), stage('prop', 50), stage('won', 100, 'won'), stage('lost', 0, 'lost')];

function aDeal(id: string, stageId: string, amountMinor: number | null = 100_00, currency = 'EUR'): DealRecord {
  return {
    id, projectId: '10000', name: `Deal ${id}`, companyId: null, contactIds: [], amountMinor, currency, recurring: false, type: 'new_business', stageId, position: 'a0',
    forecastOverride: null, forecastCategory: 'pipeline', probability: 10, outcome: 'open', lostReason: null, closeDate: null, ownerId: 'u1', source: null, attribution: null, segment: null,
    nextStep: null, nextStepDue: null, contractStart: null, contractEnd: null, scope: null, notSold: null, stakeholders: null, successCriteria: null,
    stageEnteredAt: 0, pushCount: 0, closedAt: null, archived: false, createdAt: 0, updatedAt: 0, version: 3, handoff: null,
  };
}

/** A board whose server figures are exactly what its cards add up to. */
function board(layout: Record<string, DealRecord[]>): Column[] {
  return columnsOf(STAGES, {
    nextCursor: null,
    columns: STAGES.filter((s) => s.outcome === 'open').map((s) => {
      const deals = layout[s.id] ?? [];
      const f = figuresOf(deals, s);
      return { stageId: s.id, count: f.count, amounts: f.amounts, weighted: f.weighted, deals };
    }),
  });
}

const ids = (columns: Column[], stageId: string) => columns.find((c) => c.stage.id === stageId)?.deals.map((d) => d.id);
const col = (columns: Column[], stageId: string) => columns.find((c) => c.stage.id === stageId)!;

describe('the board model', () => {
  const start = () => board({ qual: [aDeal('a', 'qual'), aDeal('b', 'qual', 250_00), aDeal('c', 'qual')], disc: [aDeal('d', 'disc'), aDeal('e', 'disc', 40_00, 'USD')] });

  it('shows one column per open stage, won and lost excluded', () => {
    expect(start().map((c) => c.stage.id)).toEqual(['qual', 'disc', 'prop']);
  });

  it('moves a card between its new neighbours and shifts both columns’ count, total and weighted total', () => {
    const plan = planMove(start(), 'b', STAGES[1]!, { stageId: 'disc', index: 1 }, 5_000)!;
    expect(ids(plan.columns, 'qual')).toEqual(['a', 'c']);
    expect(ids(plan.columns, 'disc')).toEqual(['d', 'b', 'e']);
    expect(plan.afterDealId).toBe('d');
    expect(plan.beforeDealId).toBe('e');
    expect(col(plan.columns, 'qual')).toMatchObject({ count: 2, amounts: { EUR: 200_00 }, weighted: { EUR: 20_00 } });
    expect(col(plan.columns, 'disc')).toMatchObject({ count: 3, amounts: { EUR: 350_00, USD: 40_00 }, weighted: { EUR: 70_00, USD: 8_00 } });
    expect(plan.moved).toMatchObject({ stageId: 'disc', probability: 20, stageEnteredAt: 5_000 });
  });

  it('reorders within a column without touching the figures or the days in stage', () => {
    const before = start();
    const plan = planMove(before, 'a', STAGES[0]!, { stageId: 'qual', index: 2 }, 9_000)!;
    expect(ids(plan.columns, 'qual')).toEqual(['b', 'c', 'a']);
    expect(plan).toMatchObject({ afterDealId: 'c', beforeDealId: null });
    expect(plan.moved.stageEnteredAt).toBe(0);
    expect(col(plan.columns, 'qual')).toMatchObject({ count: 3, amounts: col(before, 'qual').amounts });
  });

  it('answers null for a drop where the card already is, or for a card not on the board', () => {
    expect(planMove(start(), 'a', STAGES[0]!, { stageId: 'qual', index: 0 }, 0)).toBeNull();
    expect(planMove(start(), 'zz', STAGES[1]!, { stageId: 'disc', index: 0 }, 0)).toBeNull();
  });

  it('takes a card off the board when it is moved to the won stage, lowering only its old column', () => {
    const plan = planMove(start(), 'b', STAGES[3]!, { stageId: 'won', index: 0 }, 0)!;
    expect(ids(plan.columns, 'qual')).toEqual(['a', 'c']);
    expect(plan.columns.flatMap((c) => c.deals).some((d) => d.id === 'b')).toBe(false);
    expect(col(plan.columns, 'disc').count).toBe(2);
    expect(plan).toMatchObject({ afterDealId: null, beforeDealId: null });
  });

  it('rolls a failed move back to the original place and figures, even after another move happened meanwhile', () => {
    const before = start();
    const first = planMove(before, 'b', STAGES[2]!, { stageId: 'prop', index: 0 }, 0)!;
    const second = planMove(first.columns, 'd', STAGES[0]!, { stageId: 'qual', index: 0 }, 0)!;
    const undone = rollback(second.columns, first);
    expect(ids(undone, 'qual')).toEqual(['d', 'a', 'b', 'c']);
    expect(ids(undone, 'prop')).toEqual([]);
    expect(col(undone, 'prop')).toMatchObject({ count: 0, amounts: {}, weighted: {} });
    expect(col(undone, 'qual').amounts).toEqual({ EUR: 550_00 });
  });

  it('confirms a card with the server’s record in the same place, following a changed amount', () => {
    const columns = confirmCard(start(), { ...aDeal('b', 'qual', 999_00), version: 4, position: 'a5' });
    expect(ids(columns, 'qual')).toEqual(['a', 'b', 'c']);
    expect(col(columns, 'qual').deals[1]).toMatchObject({ version: 4, position: 'a5' });
    expect(col(columns, 'qual').amounts).toEqual({ EUR: 1199_00 });
  });

  it('places a drop above or below a card, or at the end of a column, counting without the dragged card', () => {
    const columns = start();
    expect(placeBeside(columns, 'a', 'qual', 'c', 'bottom')).toEqual({ stageId: 'qual', index: 2 });
    expect(placeBeside(columns, 'a', 'qual', 'c', 'top')).toEqual({ stageId: 'qual', index: 1 });
    expect(placeBeside(columns, 'a', 'disc', null, null)).toEqual({ stageId: 'disc', index: 2 });
  });

  it('moves by keyboard to the neighbouring stage at the same height, and refuses at the edges', () => {
    const columns = start();
    expect(keyboardPlace(columns, 'c', 'right')).toEqual({ stageId: 'disc', index: 2 });
    expect(keyboardPlace(columns, 'a', 'left')).toBeNull();
    expect(keyboardPlace(columns, 'a', 'up')).toBeNull();
    expect(keyboardPlace(columns, 'c', 'down')).toBeNull();
    expect(keyboardPlace(columns, 'a', 'down')).toEqual({ stageId: 'qual', index: 1 });
  });

  it('moves by keyboard past the next visible card when a filter hides the cards in between', () => {
    const full = start();
    const visible = full.map((c) => ({ ...c, deals: c.deals.filter((d) => d.id !== 'b') }));
    const place = keyboardPlaceVisible(full, visible, 'a', 'down')!;
    expect(place).toEqual({ stageId: 'qual', index: 2 });
    const plan = planMove(full, 'a', STAGES[0]!, place, 0)!;
    expect(ids(plan.columns, 'qual')).toEqual(['b', 'c', 'a']);
  });
});

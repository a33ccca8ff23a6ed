import fc from 'fast-check';
import type { Deal } from '../../../src/domain/deal';
import { DealError, loseDeal, moveDeal, reopenDeal, updateDeal, winDeal } from '../../../src/domain/deal';
import { CALENDAR_YEAR } from '../../../src/domain/periods';
import { applyChange, computeTotals, emptyTotals } from '../../../src/domain/totals';
import { aDeal, aPipeline, aReadyDeal, T0 } from '../../builders/deal';

const pipeline = aPipeline();
const openStages = pipeline.stages.filter((s) => s.outcome === 'open').map((s) => s.id);

type Op =
  | { kind: 'create'; amount: number | null; currency: string; ready: boolean }
  | { kind: 'update'; target: number; amount: number | null; currency: string }
  | { kind: 'move'; target: number; stage: number }
  | { kind: 'win'; target: number }
  | { kind: 'lose'; target: number }
  | { kind: 'reopen'; target: number; stage: number }
  | { kind: 'archive'; target: number };

const amount = fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null });
const currency = fc.constantFrom('EUR', 'USD', 'JPY');
const target = fc.nat();
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), amount, currency, ready: fc.boolean() }),
  fc.record({ kind: fc.constant('update' as const), target, amount, currency }),
  fc.record({ kind: fc.constant('move' as const), target, stage: fc.nat() }),
  fc.record({ kind: fc.constant('win' as const), target }),
  fc.record({ kind: fc.constant('lose' as const), target }),
  fc.record({ kind: fc.constant('reopen' as const), target, stage: fc.nat() }),
  fc.record({ kind: fc.constant('archive' as const), target }),
);

/** Runs one operation as the use cases will: refused operations (DealError) change nothing. */
function step(deals: Deal[], operation: Op, now: number): { before: Deal | null; after: Deal } | null {
  if (operation.kind === 'create') {
    const base = operation.ready ? aReadyDeal() : aDeal();
    return { before: null, after: { ...base, id: `d${deals.length}`, amountMinor: operation.amount, currency: operation.currency, createdAt: now } };
  }
  const before = deals.length ? deals[operation.target % deals.length]! : undefined;
  if (!before) return null;
  try {
    switch (operation.kind) {
      case 'update':
        return { before, after: updateDeal(before, { amountMinor: operation.amount, currency: operation.currency }, now, CALENDAR_YEAR) };
      case 'move':
        return { before, after: moveDeal(before, pipeline, { toStageId: pipeline.stages[operation.stage % pipeline.stages.length]!.id, position: 'a0', lostReason: 'price' }, now) };
      case 'win':
        return { before, after: winDeal(before, pipeline, 'a0', now) };
      case 'lose':
        return { before, after: loseDeal(before, pipeline, 'timing', 'a0', now) };
      case 'reopen':
        return { before, after: reopenDeal(before, pipeline, openStages[operation.stage % openStages.length]!, 'a0', now) };
      case 'archive':
        return { before, after: { ...before, archived: true } };
    }
  } catch (error) {
    if (error instanceof DealError) return null;
    throw error;
  }
}

describe('derived pipeline totals', () => {
  it('counts and sums per stage, outcome and forecast category, per currency', () => {
    const deals = [
      aReadyDeal({ id: 'a', amountMinor: 1000, stageId: 'proposal' }),
      aReadyDeal({ id: 'b', amountMinor: 999, currency: 'USD', stageId: 'proposal', forecastOverride: 'commit' }),
      aReadyDeal({ id: 'c', amountMinor: 500, outcome: 'won', stageId: 'won' }),
      aReadyDeal({ id: 'd', amountMinor: 700, archived: true }),
    ];
    const totals = computeTotals(deals, pipeline);
    expect(totals.open).toEqual({ count: 2, amounts: { EUR: 1000, USD: 999 } });
    expect(totals.won).toEqual({ count: 1, amounts: { EUR: 500 } });
    expect(totals.weighted).toEqual({ EUR: 500, USD: 500 });
    expect(totals.byStage.proposal).toEqual({ count: 2, amounts: { EUR: 1000, USD: 999 } });
    expect(totals.byForecast).toEqual({ best_case: { count: 1, amounts: { EUR: 1000 } }, commit: { count: 1, amounts: { USD: 999 } }, closed: { count: 1, amounts: { EUR: 500 } } });
  });

  it('maintained totals equal a full recompute after every one of 1,000 random operations', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1000, maxLength: 1000 }), (ops) => {
        const deals: Deal[] = [];
        let totals = emptyTotals();
        let now = T0;
        for (const operation of ops) {
          now += 60_000;
          const change = step(deals, operation, now);
          if (!change) continue;
          totals = applyChange(totals, change.before, change.after, pipeline);
          if (change.before) deals[deals.indexOf(change.before)] = change.after;
          else deals.push(change.after);
          expect(totals).toEqual(computeTotals(deals, pipeline));
        }
      }),
      { numRuns: 3 },
    );
  });
});

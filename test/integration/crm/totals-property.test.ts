import fc from 'fast-check';
import { allProjectDeals } from '../../../src/adapters/kvs/deal-store';
import { Calls } from '../../../src/contracts/calls';
import type { DealRecord } from '../../../src/contracts/deal';
import type { Deal } from '../../../src/domain/deal';
import { computeTotals, sameTotals } from '../../../src/domain/totals';
import { startCrm } from './crm-harness';

type Op =
  | { kind: 'create'; ready: boolean; amount: number; currency: string; stage: number }
  | { kind: 'update'; target: number; amount: number; currency: string }
  | { kind: 'move'; target: number; stage: number }
  | { kind: 'win' | 'lose' | 'archive'; target: number }
  | { kind: 'reopen'; target: number; stage: number };

/** What a deal needs to pass every stage's exit criteria up to won (the company and contact are created by the run). */
const READY = {
  closeDate: '2026-12-15', nextStep: 'Call', contractStart: '2027-01-01', contractEnd: '2027-12-31',
  scope: 'Scope', notSold: 'Nothing', stakeholders: 'CFO', successCriteria: 'Adoption',
};

const amount = fc.integer({ min: 0, max: 5_000_000 });
const currency = fc.constantFrom('EUR', 'USD', 'JPY');
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), ready: fc.boolean(), amount, currency, stage: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), target: fc.nat(), amount, currency }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), target: fc.nat(), stage: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('win' as const, 'lose' as const, 'archive' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), target: fc.nat(), stage: fc.nat(3) }) },
);

describe('maintained totals through the real resolver', () => {
  it('equal a full recompute from stored deals after every one of 1,000 random operations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1000, maxLength: 1000 }), async (ops) => {
        const crm = await startCrm();
        try {
          const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
          const stages = pipeline.stages;
          // Ready deals point at a real, active company and contact, so they can be won.
          const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.example' });
          const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ada Buyer', email: 'ada@acme.example', companyId: company.id });
          const ready = { ...READY, companyId: company.id, contactIds: [contact.id] };
          const deals: DealRecord[] = [];
          let refused = 0;
          const accepted: Record<Op['kind'], number> = { create: 0, update: 0, move: 0, win: 0, lose: 0, archive: 0, reopen: 0 };
          for (const operation of ops) {
            const target = deals.length ? deals[('target' in operation ? operation.target : 0) % deals.length]! : undefined;
            let answer: { ok: boolean; data?: unknown };
            if (operation.kind === 'create') {
              answer = await crm.call('sam', Calls.deals.create, { projectKey: 'SALES', name: `Deal ${deals.length}`, amountMinor: operation.amount, currency: operation.currency, stageId: stages[operation.stage]!.id, ...(operation.ready ? ready : {}) });
            } else if (!target) {
              continue;
            } else if (operation.kind === 'update') {
              answer = await crm.call('sam', Calls.deals.update, { dealId: target.id, version: target.version, changes: { amountMinor: operation.amount, currency: operation.currency } });
            } else if (operation.kind === 'move') {
              answer = await crm.call('sam', Calls.deals.move, { dealId: target.id, version: target.version, toStageId: stages[operation.stage]!.id, afterDealId: null, beforeDealId: null, lostReason: 'price' });
            } else if (operation.kind === 'win') {
              answer = await crm.call('sam', Calls.deals.win, { dealId: target.id, version: target.version });
            } else if (operation.kind === 'lose') {
              answer = await crm.call('sam', Calls.deals.lose, { dealId: target.id, version: target.version, reason: 'timing' });
            } else if (operation.kind === 'archive') {
              answer = await crm.call('sam', Calls.deals.archive, { dealId: target.id, version: target.version });
            } else if (operation.kind === 'reopen') {
              answer = await crm.call('sam', Calls.deals.reopen, { dealId: target.id, version: target.version, toStageId: stages[operation.stage]!.id });
            } else {
              continue;
            }
            if (answer.ok) {
              accepted[operation.kind] += 1;
              const record = answer.data as DealRecord;
              const at = deals.findIndex((d) => d.id === record.id);
              if (at >= 0) deals[at] = record;
              else deals.push(record);
            } else {
              refused += 1;
            }
            const { totals } = await crm.ok('vic', Calls.totals.get, { projectKey: 'SALES' });
            // The oracle scans with an entity query, so it looks once the writes are searchable; the
            // maintained totals above were read at once, and never depend on a query.
            crm.later();
            const { result: stored } = await crm.sandbox.platform.runInvocation({ functionKey: 'scan', moduleKey: 'test', kind: 'script', timeoutMs: 20_000 }, async () => {
              const all: Deal[] = [];
              for await (const page of allProjectDeals(pipeline.projectId)) all.push(...page);
              return all;
            });
            expect(sameTotals(totals, computeTotals(stored, { stages }))).toBe(true);
          }
          // The sequence exercised both accepted and refused writes, and every kind of write was accepted
          // at least a few times: wins (the won bucket and the win's transaction), losses, reopens,
          // moves, edits and archives.
          expect(deals.length).toBeGreaterThan(50);
          expect(refused).toBeGreaterThan(0);
          const tooFew = Object.entries(accepted).filter(([, n]) => n < 5);
          expect(tooFew).toEqual([]);
        } finally {
          await crm.close();
        }
      }),
      { numRuns: 1, endOnFailure: true },
    );
  }, 240_000);
});

import { allProjectDeals } from '../../../src/adapters/kvs/deal-store';
import { Calls } from '../../../src/contracts/calls';
import type { DealRecord } from '../../../src/contracts/deal';
import type { Deal } from '../../../src/domain/deal';
import { computeTotals, sameTotals } from '../../../src/domain/totals';
import { errorOf, handoffTemplate, startCrm, USERS, type Crm } from './crm-harness';

type Answer = { ok: boolean; error?: { code: string; details?: Record<string, unknown> } };
const codes = (answers: Answer[]) => answers.map((a) => (a.ok ? 'OK' : a.error!.code));

/** The totals a full recompute of the project's stored deals gives. */
async function recomputed(crm: Crm, projectId: string, stages: Parameters<typeof computeTotals>[1]['stages']) {
  const { result } = await crm.sandbox.platform.runInvocation({ functionKey: 'scan', moduleKey: 'test', kind: 'script', timeoutMs: 20_000 }, async () => {
    const all: Deal[] = [];
    for await (const page of allProjectDeals(projectId)) all.push(...page);
    return all;
  });
  return computeTotals(result, { stages });
}

describe('concurrent writers', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
  });
  afterEach(() => crm.close());

  it('never collide when they write different deals of one project: 30 creates, then 30 moves at once, all succeed and totals stay exact', async () => {
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const [first, second] = pipeline.stages;
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => crm.call('sam', Calls.deals.create, { projectKey: 'SALES', name: `Deal ${i}`, stageId: second!.id, amountMinor: 1_000 * (i + 1), currency: i % 2 ? 'EUR' : 'USD' })),
    );
    expect(codes(created)).toEqual(Array(30).fill('OK'));
    const deals = created.map((a) => (a as { data: DealRecord }).data);
    // Back to the first stage: moving back is never held by exit criteria, so every move is valid.
    const moved = await Promise.all(deals.map((d) => crm.call('sam', Calls.deals.move, { dealId: d.id, version: d.version, toStageId: first!.id, afterDealId: null, beforeDealId: null })));
    expect(codes(moved)).toEqual(Array(30).fill('OK'));
    const { totals } = await crm.ok('vic', Calls.totals.get, { projectKey: 'SALES' });
    expect(totals.byStage[first!.id]?.count).toBe(30);
    crm.later(); // the recompute reads deals with a storage query
    expect(sameTotals(totals, await recomputed(crm, pipeline.projectId, pipeline.stages))).toBe(true);
  });

  it('still refuse all but one write of the same deal: the others get CONFLICT with the current deal', async () => {
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme' });
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => crm.call('sam', Calls.deals.update, { dealId: deal.id, version: deal.version, changes: { nextStep: `Step ${i}` } })));
    expect(codes(answers).filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes(answers).filter((c) => c === 'CONFLICT')).toHaveLength(5);
    const stored = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
    for (const answer of answers.filter((a) => !a.ok)) {
      expect(answer.error!.details).toMatchObject({ reason: 'STALE_VERSION', record: 'deal', current: { id: deal.id, version: 2 } });
    }
    expect(stored.version).toBe(2);
  });

  it('never let a move into a stage and the removal of that stage both succeed (20 races)', async () => {
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    let version = pipeline.version;
    let stages = pipeline.stages;
    const outcomes = { moved: 0, removed: 0 };
    for (let trial = 0; trial < 20; trial += 1) {
      // A fresh extra stage before the first, and a deal in the first stage; then, at once, the deal
      // moves back into the extra stage (never held by exit criteria) and the stage is removed.
      const extra = { ...stages[0]!, id: `extra-${trial}`, name: `Extra ${trial}`, exitCriteria: [] };
      const withExtra = [extra, ...stages];
      const added = await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version, stages: withExtra });
      const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: `Race ${trial}`, stageId: stages[0]!.id });
      const without = withExtra.filter((s) => s.id !== extra.id);
      // Staggered by 0–5 ms either way, so the two interleave at different points from trial to trial.
      const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const [move, removal] = await Promise.all([
        later(trial % 2 ? trial % 6 : 0).then(() => crm.call('sam', Calls.deals.move, { dealId: deal.id, version: deal.version, toStageId: extra.id, afterDealId: null, beforeDealId: null })),
        later(trial % 2 ? 0 : trial % 6).then(() => crm.call('alice', Calls.pipelines.update, { projectKey: 'SALES', version: added.version, stages: without })),
      ]);
      expect([move.ok, removal.ok]).not.toEqual([true, true]);
      expect([move.ok, removal.ok]).not.toEqual([false, false]);
      const stored = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
      const current = await crm.ok('alice', Calls.pipelines.get, { projectKey: 'SALES' });
      expect(current.stages.map((s) => s.id)).toContain(stored.stageId);
      if (move.ok) {
        outcomes.moved += 1;
        expect(errorOf(removal)).toMatchObject({ code: 'VALIDATION', details: { reason: 'STAGE_IN_USE' } });
        // Empty the stage and remove it, so the next trial starts from the same pipeline.
        await crm.ok('sam', Calls.deals.archive, { dealId: stored.id, version: stored.version });
        const cleaned = await crm.ok('alice', Calls.pipelines.update, { projectKey: 'SALES', version: current.version, stages: without });
        version = cleaned.version;
      } else {
        outcomes.removed += 1;
        expect(errorOf(move).code).toMatch(/VALIDATION|CONFLICT/);
        version = current.version;
      }
      stages = without;
    }
    expect(outcomes.moved + outcomes.removed).toBe(20);
  });

  it('give two admins saving the pipeline, the hand-off template or the site settings at one version one OK and one CONFLICT with the current value', async () => {
    const pipeline = await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
    const renamed = (name: string) => pipeline.stages.map((s, i) => (i === 0 ? { ...s, name } : s));
    const pipelines = await Promise.all(['First', 'Second'].map((name) => crm.call('alice', Calls.pipelines.update, { projectKey: 'SALES', version: pipeline.version, stages: renamed(name) })));
    expect(codes(pipelines).sort()).toEqual(['CONFLICT', 'OK']);
    const winner = (pipelines.find((a) => a.ok) as { data: { stages: Array<{ name: string }> } }).data;
    const lost = errorOf(pipelines.find((a) => !a.ok)!).details as { reason: string; current: { version: number; stages: Array<{ name: string }> } };
    expect(lost).toMatchObject({ reason: 'STALE_VERSION', current: { version: pipeline.version + 1 } });
    expect(lost.current.stages[0]!.name).toBe(winner.stages[0]!.name);

    const templates = await Promise.all(['A', 'B'].map((label) => crm.call('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate({ targetProjectKey: 'SALES', issueTypeName: 'Task', checklist: [], labels: [label] }) })));
    expect(codes(templates).sort()).toEqual(['CONFLICT', 'OK']);
    expect(errorOf(templates.find((a) => !a.ok)!).details).toMatchObject({ reason: 'STALE_VERSION', current: { version: 1, configured: true } });

    const settings = await Promise.all(['EUR', 'GBP'].map((currency) => crm.call('alice', Calls.settings.saveSite, { version: 0, reportingCurrency: currency, rates: {}, fiscalYearStartMonth: 1, glossaryOverrides: {} })));
    expect(codes(settings).sort()).toEqual(['CONFLICT', 'OK']);
    const saved = await crm.ok('vic', Calls.settings.site, {});
    expect(errorOf(settings.find((a) => !a.ok)!).details).toMatchObject({ reason: 'STALE_VERSION', current: { version: 1, reportingCurrency: saved.reportingCurrency } });
  });
});

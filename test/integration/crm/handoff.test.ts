import { kvs } from '@forge/kvs';
import { Queue } from '@forge/events';
import api, { route } from '@forge/api';
import { Calls } from '../../../src/contracts/calls';
import type { DealRecord } from '../../../src/contracts/deal';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, handoffTemplate, READY_FIELDS, startCrm, type Crm, USERS } from './crm-harness';

describe('the sales → delivery hand-off on the sandbox', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let stages: Array<{ id: string }>;
  let ready: typeof READY_FIELDS & { companyId: string; contactIds: string[] };

  const script = <T>(fn: () => Promise<T>) => crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 20_000 }, fn).then((r) => r.result);
  // Jira's search lags behind writes (sandbox/jira/search-index.ts): let its index catch up first.
  const jql = (query: string) => {
    clock.advance(crm.sandbox.jira.searchLagMs);
    return script(async () => {
      const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jql: query, fields: ['summary', 'parent', 'labels', 'description', 'duedate'] }) });
      return ((await response.json()) as { issues: Array<{ id: string; key: string; fields: { summary: string; parent?: { key: string }; labels: string[]; duedate: string | null; description: unknown } }> }).issues;
    });
  };
  const readyDeal = (name = 'Platform rollout') => crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name, stageId: stages[3]!.id, ...ready });

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    // Monday 2 November 2026, 09:00 UTC.
    stages = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages;
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate() });
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', title: 'CFO', companyId: company.id });
    ready = { ...READY_FIELDS, companyId: company.id, contactIds: [contact.id] };
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it('turns a won deal into one delivery epic, linked both ways, with the templated fields', async () => {
    const deal = await readyDeal();
    const won = await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    expect(won.handoff).toMatchObject({ state: 'pending', issueKey: null });
    await crm.sandbox.host.settle();

    const after = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
    expect(after.handoff).toMatchObject({ state: 'created', issueKey: expect.stringMatching(/^DEL-\d+$/) });
    const [epic] = await jql(`relayDealId = "${deal.id}" AND parent is EMPTY`);
    expect(epic).toMatchObject({ key: after.handoff!.issueKey, fields: { summary: 'Deliver Platform rollout for Acme', labels: ['relay-handoff'], duedate: '2026-11-09' } });
    expect(JSON.stringify(epic!.fields.description)).toEqual(expect.stringContaining('80% weekly active in 90 days'));
    // Contact e-mails are opt-in (the issue is readable by everyone who can browse DEL).
    expect(JSON.stringify(epic!.fields.description)).toEqual(expect.stringContaining('Ana Lopez · CFO'));
    expect(JSON.stringify(epic!.fields.description)).not.toContain('ana@acme.io');
    expect((await jql('relayCompany ~ "Acme" ORDER BY key ASC')).map((i) => i.fields.summary)).toEqual(['Deliver Platform rollout for Acme', 'Kick-off call', 'Confirm success criteria']);

    const links = await script(async () => (await (await api.asApp().requestJira(route`/rest/api/3/issue/${epic!.key}/remotelink`)).json()) as Array<{ globalId: string; object: { title: string } }>);
    expect(links).toEqual([expect.objectContaining({ globalId: `relay:deal:${deal.id}`, object: expect.objectContaining({ title: 'Platform rollout' }) })]);

    const before = crm.sandbox.platform.invocations.length;
    const view = await crm.ok('dana', Calls.handoff.forIssue, { issueKey: epic!.key }, 'DEL');
    expect(view).toMatchObject({ linked: true, visible: false });
    crm.sandbox.jira.grant(USERS.dana, 'SALES', ['BROWSE_PROJECTS']);
    const visible = await crm.ok('dana', Calls.handoff.forIssue, { issueKey: epic!.key }, 'DEL');
    expect(visible).toMatchObject({ linked: true, visible: true, role: 'handoff', deal: { id: deal.id, name: 'Platform rollout' }, company: { name: 'Acme' }, contacts: [{ name: 'Ana Lopez' }], canAccept: true });
    // Issue → deal is one storage request (the link, keyed by issue id); showing it reads the deal too.
    expect(crm.sandbox.platform.invocations[before]!.cost.storageByOperation['/api/v1/entity/get']).toBe(2);
    const plain = crm.sandbox.jira.createIssue(USERS.dana, { projectKey: 'DEL', issueType: 'Task', summary: 'Unrelated' });
    expect(await crm.ok('dana', Calls.handoff.forIssue, { issueKey: plain.key }, 'DEL')).toMatchObject({ linked: false });
    expect(crm.sandbox.platform.invocations.at(-1)!.cost.storageRequests).toBe(1);
  });

  it('creates exactly one issue under 20 concurrent wins and duplicated queue deliveries', async () => {
    const deal = await readyDeal();
    const answers = await Promise.all(Array.from({ length: 20 }, () => crm.call('sam', Calls.deals.win, { dealId: deal.id, version: deal.version })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => errorOf(a).code)).toEqual(Array(19).fill('CONFLICT'));
    await script(() => new Queue({ key: 'relay-jobs' }).push([{ body: { kind: 'handoff', dealId: deal.id } }, { body: { kind: 'handoff', dealId: deal.id } }, { body: { kind: 'handoff', dealId: deal.id } }]));
    await crm.sandbox.host.settle();
    // Deliveries that found another job holding the lease come back later: let them.
    for (let i = 0; i < 4; i += 1) {
      clock.advance(5 * 60_000);
      await crm.sandbox.host.settle();
    }
    expect(crm.sandbox.host.pendingQueueEvents()).toEqual([]);
    const consumerRuns = crm.sandbox.platform.invocations.filter((i) => i.kind === 'consumer');
    expect(consumerRuns.length).toBeGreaterThanOrEqual(4);
    expect(await jql(`relayDealId = "${deal.id}" AND parent is EMPTY`)).toHaveLength(1);
    expect(await jql(`relayDealId = "${deal.id}"`)).toHaveLength(3);
  });

  it('waits out Jira answering 429 then 503, showing the state meanwhile, and loses nothing', async () => {
    const create = /^POST \/rest\/api\/3\/issue$/;
    crm.sandbox.platform.faults.add({ target: 'jira', match: create, status: 429, headers: { 'retry-after': '30' }, times: 1 });
    crm.sandbox.platform.faults.add({ target: 'jira', match: create, status: 503, times: 8 });
    const deal = await readyDeal();
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    const waiting = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
    expect(waiting.handoff).toMatchObject({ state: 'retrying', attempts: 1, lastError: expect.stringContaining('429') });
    // The queue retries a few times, then gives up; the hourly scan hands the deal back to the queue.
    for (let hour = 0; hour < 6; hour += 1) {
      for (let step = 0; step < 6; step += 1) {
        clock.advance(5 * 60_000);
        await crm.sandbox.host.settle();
      }
      await crm.sandbox.host.runScheduled('relay-hourly-sla-scan');
      await crm.sandbox.host.settle();
    }
    clock.advance(15 * 60_000);
    await crm.sandbox.host.settle();
    const done = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
    expect(done.handoff).toMatchObject({ state: 'created', lastError: null });
    expect(done.handoff!.attempts).toBe(9);
    expect(await jql(`relayDealId = "${deal.id}" AND parent is EMPTY`)).toHaveLength(1);
  });

  it('follows the delivery issue: in progress accepts, done delivers, late and repeated events change nothing', async () => {
    const deal = await readyDeal();
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    const key = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.issueKey!;
    crm.sandbox.host.eventDelivery.duplicate = true;
    crm.sandbox.host.eventDelivery.reverseOrder = true;
    clock.advance(60_000);
    crm.sandbox.jira.transitionIssue(USERS.dana, key, 'In Progress');
    clock.advance(60_000);
    crm.sandbox.jira.transitionIssue(USERS.dana, key, 'Done');
    await crm.sandbox.host.settle();
    const delivered = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!;
    expect(delivered).toMatchObject({ state: 'delivered', acceptedBy: USERS.dana });
    expect(delivered.deliveredAt).toBe(crm.clock.now());
    const timeline = await crm.list('sam', Calls.timeline.list, { recordType: 'deal', recordId: deal.id });
    const stateChanges = JSON.stringify(timeline).match(/handoffState/g) ?? [];
    expect(stateChanges.length).toBe(3); // pending, created, delivered: the late "In Progress" applied nothing
  });

  it('lets delivery accept from the issue, and unlinks the deal when the issue is deleted', async () => {
    crm.sandbox.jira.grant(USERS.dana, 'SALES', ['BROWSE_PROJECTS']);
    const deal = await readyDeal();
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    const key = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.issueKey!;
    expect(errorOf(await crm.call('vic', Calls.handoff.accept, { issueKey: key })).code).toBe('NOT_FOUND');
    const accepted = await crm.ok('dana', Calls.handoff.accept, { issueKey: key }, 'DEL');
    expect(accepted.handoff).toMatchObject({ state: 'accepted', acceptedBy: USERS.dana });
    crm.sandbox.jira.deleteIssue(USERS.dana, key);
    await crm.sandbox.host.settle();
    expect((await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.state).toBe('unlinked');
    const link = await script(() => kvs.entity('deal-link').get(accepted.handoff!.issueId!));
    expect(link).toBeUndefined();
  });

  it('marks a hand-off not accepted within 16 business hours as breached, once', async () => {
    const deal = await readyDeal();
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    const created = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!;
    // Won Monday 09:00 → due Tuesday 17:00.
    expect(new Date(created.acceptDueAt).toISOString()).toBe('2026-11-03T17:00:00.000Z');
    clock.advance(30 * 3_600_000);
    expect(await crm.sandbox.host.runScheduled('relay-hourly-sla-scan')).toMatchObject({ breached: 0 });
    clock.advance(3 * 3_600_000);
    expect(await crm.sandbox.host.runScheduled('relay-hourly-sla-scan')).toMatchObject({ breached: 1 });
    expect(await crm.sandbox.host.runScheduled('relay-hourly-sla-scan')).toMatchObject({ breached: 0 });
    expect((await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.breachedAt).toBe(crm.clock.now());
  });

  it('flags an expansion from delivery work, for the same company and owned by the account owner', async () => {
    crm.sandbox.jira.grant(USERS.dana, 'SALES', ['BROWSE_PROJECTS']);
    crm.sandbox.jira.grant(USERS.sam, 'DEL', ['BROWSE_PROJECTS']);
    const deal = await readyDeal();
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    const key = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.issueKey!;
    expect(errorOf(await crm.call('dana', Calls.handoff.flagExpansion, { issueKey: key }, 'DEL')).code).toBe('FORBIDDEN');
    // Sam edits the deal but cannot edit Delivery's issue: he may flag an expansion, not unlink it.
    expect(await crm.ok('sam', Calls.handoff.forIssue, { issueKey: key })).toMatchObject({ canEditDeal: true, canUnlink: false, canAccept: false });
    const expansion: DealRecord = await crm.ok('sam', Calls.handoff.flagExpansion, { issueKey: key, name: 'Acme: 200 more seats' });
    expect(expansion).toMatchObject({ type: 'expansion', companyId: ready.companyId, ownerId: USERS.sam, outcome: 'open', name: 'Acme: 200 more seats' });
  });

  it('links and unlinks other issues by hand, one deal per issue', async () => {
    const deal = await readyDeal();
    const other = crm.sandbox.jira.createIssue(USERS.sam, { projectKey: 'SALES', issueType: 'Task', summary: 'Security questionnaire' });
    expect(await crm.ok('sam', Calls.handoff.link, { issueKey: other.key, dealId: deal.id })).toEqual({ issueKey: other.key, dealId: deal.id });
    expect(errorOf(await crm.call('sam', Calls.handoff.link, { issueKey: other.key, dealId: deal.id })).code).toBe('CONFLICT');
    expect(await crm.ok('vic', Calls.handoff.forIssue, { issueKey: other.key })).toMatchObject({ linked: true, visible: true, role: 'linked' });
    expect(await jql(`relayDealId = "${deal.id}"`)).toHaveLength(1);
    await crm.ok('sam', Calls.handoff.unlink, { issueKey: other.key });
    expect(await crm.ok('sam', Calls.handoff.forIssue, { issueKey: other.key })).toMatchObject({ linked: false });
    expect(await jql(`relayDealId = "${deal.id}"`)).toHaveLength(0);
  });
});

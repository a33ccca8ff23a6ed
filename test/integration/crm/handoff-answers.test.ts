import api, { route } from '@forge/api';
import { Calls } from '../../../src/contracts/calls';
import { SEARCH_SETTLE_MS } from '../../../src/domain/handoff';
import { createIssue, findAttemptIssue } from '../../../src/adapters/jira/delivery';
import { openLinkedIssues } from '../../../src/adapters/jira/linked-work';
import { pinAppClock } from '../../support/app-clock';
import { handoffTemplate, READY_FIELDS, startCrm, type Crm, USERS } from './crm-harness';

/**
 * Issue 13, item 3: what Jira answers is parsed, not cast. An ok answer that lacks what Relay reads
 * (a created issue without its key, a search page whose issues are not a list) is refused where it
 * arrives, with an error naming the request and the field, instead of `undefined` travelling on into
 * storage and the next requests. The faults answer in place of Jira (sandbox/runtime/faults.ts), so
 * the service itself still answers only as Jira Cloud does.
 */
describe("Jira's answers are parsed where they arrive", () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;

  const script = <T>(fn: () => Promise<T>) => crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 20_000 }, fn).then((r) => r.result);
  const scriptError = async (fn: () => Promise<unknown>): Promise<Error> => {
    try {
      await script(fn);
    } catch (error) {
      return error as Error;
    }
    throw new Error('expected the script to fail');
  };
  const runFor = async (ms: number, step = 30_000) => {
    await crm.sandbox.host.settle();
    for (let passed = 0; passed < ms; passed += step) {
      clock.advance(step);
      await crm.sandbox.host.settle();
    }
  };
  const newIssue = { projectKey: 'DEL', issueTypeName: 'Task', summary: 'Kick-off', description: { type: 'doc', version: 1, content: [] }, labels: [], assigneeAccountId: null, duedate: null, parentKey: null, property: { dealId: 'd1', relation: 'delivery' } } as unknown as Parameters<typeof createIssue>[0];

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it('refuses a created issue answered without its key, naming the request and the missing field', async () => {
    // Jira creates the issue; the answer that comes back lacks `key`.
    const rule = crm.sandbox.platform.faults.add({ target: 'jira', match: /^POST \/rest\/api\/3\/issue$/, status: 201, body: { id: '10999', self: 'https://relay.atlassian.net/rest/api/3/issue/10999' }, afterService: true, times: 1 });
    const error = await scriptError(() => createIssue(newIssue));
    expect(rule.hits()).toBe(1);
    expect(error.name).toBe('JiraAnswerUnfit');
    expect(error.message).toMatch(/^Creating the delivery issue: .*at key: /);
    // The same request answered as Jira answers gives both.
    const made = await script(() => createIssue(newIssue));
    expect(made).toEqual({ id: expect.stringMatching(/^\d+$/), key: expect.stringMatching(/^DEL-\d+$/) });
  });

  it('refuses a search page whose issues are not a list, in either search that pages', async () => {
    crm.sandbox.platform.faults.add({ target: 'jira', match: /^POST \/rest\/api\/3\/search\/jql$/, status: 200, body: { issues: { id: '1' }, isLast: true }, times: 2 });
    const linked = await scriptError(() => openLinkedIssues(['c1']));
    expect(linked.message).toMatch(/^Searching the companies' linked work: .*at issues: /);
    const attempt = await scriptError(() => findAttemptIssue({ projectKey: 'DEL', dealId: 'd1', parentId: null, nonces: ['n1'], knownIds: [] }));
    expect(attempt.message).toMatch(/^Looking for delivery work an earlier attempt created: .*at issues: /);
  });

  it('reads a last page whose token is null, as Jira documents it', async () => {
    crm.sandbox.platform.faults.add({ target: 'jira', match: /^POST \/rest\/api\/3\/search\/jql$/, status: 200, body: { issues: [], nextPageToken: null, isLast: true }, times: 1 });
    expect(await script(() => openLinkedIssues(['c1']))).toEqual([]);
  });

  it("counts an issue whose relay-deal property names the company, whatever else someone wrote beside it", async () => {
    const stray = crm.sandbox.jira.createIssue(USERS.dana, { projectKey: 'DEL', issueType: 'Task', summary: 'Written by hand' });
    // Anyone who can edit an issue can write its properties: only the company id is read from it.
    await crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', accountId: USERS.dana, timeoutMs: 20_000 }, async () => {
      const response = await api.asUser().requestJira(route`/rest/api/3/issue/${stray.key}/properties/relay-deal`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ companyId: 'c1', dealId: ['d1'], attempt: 5 }) });
      expect(response.status).toBe(201);
    });
    clock.advance(crm.sandbox.jira.searchLagMs);
    expect(await script(() => openLinkedIssues(['c1']))).toEqual([expect.objectContaining({ companyId: 'c1', done: false, issueType: 'Task', statusName: 'To Do' })]);
  });

  it('a hand-off whose create answer lacked the key never records an issue without one: it adopts the epic Jira made', async () => {
    const stages = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages;
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate() });
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Platform rollout', stageId: stages[3]!.id, ...READY_FIELDS, companyId: company.id, contactIds: [] });
    crm.sandbox.platform.faults.add({ target: 'jira', match: /^POST \/rest\/api\/3\/issue$/, status: 201, body: { id: '10999', self: 'https://relay.atlassian.net/rest/api/3/issue/10999' }, afterService: true, times: 1 });
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await runFor(SEARCH_SETTLE_MS + 30 * 60_000);
    await crm.sandbox.host.runScheduled('relay-hourly-sla-scan');
    await runFor(30 * 60_000);

    const handoff = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!;
    const del = crm.sandbox.jira.listIssues('DEL');
    const epics = del.filter((i) => i.issueType === 'Epic');
    expect(epics).toHaveLength(1);
    expect(handoff).toMatchObject({ state: 'created', issueKey: epics[0]!.key });
    expect(del.filter((i) => i.issueType === 'Task').map((i) => i.summary)).toEqual(['Kick-off call', 'Confirm success criteria']);
    expect(crm.sandbox.host.backgroundErrors.map((e) => e.message)).toEqual([expect.stringMatching(/^Creating the delivery issue: Jira's answer does not fit at key: /)]);
  });
});

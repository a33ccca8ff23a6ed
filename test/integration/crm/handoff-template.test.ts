import api, { route } from '@forge/api';
import { Calls } from '../../../src/contracts/calls';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, handoffTemplate, READY_FIELDS, startCrm, type Crm, USERS } from './crm-harness';

/**
 * Issue 10, defects 6, 8 and 9: Relay creates delivery work as itself, so a template may only send it
 * where the admin saving it could create issues, to someone Jira can assign there; what the issue
 * exposes is explicit (contact e-mails opt-in); and placeholders resolve only to the names Relay knows.
 */
describe('the hand-off template decides what Relay may create, and what the issue exposes', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let stages: Array<{ id: string }>;
  let ready: typeof READY_FIELDS & { companyId: string; contactIds: string[] };

  const script = <T>(fn: () => Promise<T>) => crm.sandbox.platform.runInvocation({ functionKey: 't', moduleKey: 't', kind: 'script', timeoutMs: 20_000 }, fn).then((r) => r.result);
  const readIssue = (key: string) =>
    script(async () => (await (await api.asApp().requestJira(route`/rest/api/3/issue/${key}?fields=summary,description,assignee`)).json()) as { fields: { summary: string; description: unknown; assignee: { accountId: string } | null } });
  const save = (template: Record<string, unknown>, version = 0) => crm.call('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version, template: handoffTemplate(template) });
  const wonDeal = async () => {
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Platform rollout', stageId: stages[3]!.id, ...ready });
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    return (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!;
  };

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    stages = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages;
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', title: 'CFO', companyId: company.id });
    ready = { ...READY_FIELDS, companyId: company.id, contactIds: [contact.id] };
  });

  afterEach(async () => {
    clock.restore();
    await crm.close();
  });

  it('refuses a template targeting a project where the saving admin cannot create issues, naming the field', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS']);
    const refused = errorOf(await save({}));
    expect(refused).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'template.targetProjectKey', message: 'You need Create issues in DEL' }] });
    expect((await crm.ok('alice', Calls.handoff.template, { projectKey: 'SALES' })).configured).toBe(false);
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['CREATE_ISSUES']);
    expect((await save({})).ok).toBe(true);
  });

  it('refuses an assignee Jira cannot assign in the target project, and accepts one it can', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    // Vic browses SALES only; Sam can browse DEL but is not assignable there.
    crm.sandbox.jira.grant(USERS.sam, 'DEL', ['BROWSE_PROJECTS']);
    for (const who of [USERS.vic, USERS.sam, 'no-such-account']) {
      expect(errorOf(await save({ assigneeAccountId: who }))).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'template.assigneeAccountId', message: 'Not assignable in DEL' }] });
    }
    const saved = await save({ assigneeAccountId: USERS.dana });
    expect(saved).toMatchObject({ ok: true, data: { assigneeAccountId: USERS.dana, version: 1 } });
  });

  it('creates the work unassigned when Jira refuses the assignee at run time, and says so on the deal', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    expect((await save({ assigneeAccountId: USERS.dana })).ok).toBe(true);
    // Dana is no longer assignable in DEL by the time the deal is won.
    crm.sandbox.jira.revoke(USERS.dana, 'DEL', ['ASSIGNABLE_USER']);
    const handoff = await wonDeal();
    expect(handoff).toMatchObject({ state: 'created', lastError: null, assigneeRefused: { accountId: USERS.dana, reason: `User '${USERS.dana}' cannot be assigned issues.` } });
    const del = crm.sandbox.jira.listIssues('DEL');
    expect(del.map((i) => i.issueType)).toEqual(['Epic', 'Task', 'Task']);
    for (const issue of del) expect((await readIssue(issue.key)).fields.assignee).toBeNull();
  });

  it('assigns the work when Jira accepts the assignee, and records no refusal', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    expect((await save({ assigneeAccountId: USERS.dana })).ok).toBe(true);
    const handoff = await wonDeal();
    expect(handoff).toMatchObject({ state: 'created', assigneeRefused: null });
    expect((await readIssue(handoff.issueKey!)).fields.assignee?.accountId).toBe(USERS.dana);
  });

  it('puts contact e-mails in the description only when the template opts in', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    const saved = await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate() });
    expect(saved.includeContactEmails).toBe(false);
    const first = await wonDeal();
    const plain = JSON.stringify((await readIssue(first.issueKey!)).fields.description);
    expect(plain).toContain('Ana Lopez · CFO');
    expect(plain).not.toContain('ana@acme.io');

    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 1, template: handoffTemplate({ includeContactEmails: true }) });
    const second = await wonDeal();
    expect(JSON.stringify((await readIssue(second.issueKey!)).fields.description)).toContain('Ana Lopez · CFO · ana@acme.io');
  });

  it('writes the issue text in the template’s language (English until an admin chooses), and keeps the choice on later saves', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    const saved = await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate() });
    expect(saved.issueLanguage).toBe('en-US');
    const english = JSON.stringify((await readIssue((await wonDeal()).issueKey!)).fields.description);
    expect(english).toContain('Hand-off from sales for ');
    expect(english).toContain('€48,000');

    const german = await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 1, template: handoffTemplate({ issueLanguage: 'de-DE' }) });
    expect((await crm.ok('alice', Calls.handoff.template, { projectKey: 'SALES' })).issueLanguage).toBe('de-DE');
    const text = JSON.stringify((await readIssue((await wonDeal()).issueKey!)).fields.description);
    expect(text).toContain('Übergabe vom Vertrieb für ');
    expect(text).toContain('Leistungsumfang');
    expect(text).toMatch(/48\.000\s€/);
    expect(text).not.toContain('Hand-off from sales');
    expect(german.version).toBe(2);
    // A language outside the shipped resources is refused, naming the field; nothing changes.
    expect(errorOf(await crm.call('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 2, template: handoffTemplate({ issueLanguage: 'fr-FR' }) }))).toMatchObject({ code: 'VALIDATION' });
    expect((await crm.ok('alice', Calls.handoff.template, { projectKey: 'SALES' })).version).toBe(2);
  });

  it('previews built-in object names in the summary as unknown placeholders, never as their values', async () => {
    crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate({ summaryTemplate: '{{constructor}} {{__proto__}} {{toString}} {{deal.name}} {{hasOwnProperty}}' }) });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Platform rollout', stageId: stages[3]!.id, ...ready });
    const preview = await crm.ok('alice', Calls.handoff.preview, { dealId: deal.id });
    expect(preview.summary).toBe('{{constructor}} {{__proto__}} {{toString}} Platform rollout {{hasOwnProperty}}');
  });
});

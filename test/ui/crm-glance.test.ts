import { Calls } from '../../src/contracts/calls';
import { renderUiKitSurface, type UiKitSession } from '../../sandbox/uikit/session';
import { handoffTemplate, READY_FIELDS, startCrm, type Crm, type User, USERS } from '../integration/crm/crm-harness';
import { pinAppClock } from '../support/app-clock';

/**
 * The CRM glance (jira:issueContext relay-crm-glance), rendered from its real UI Kit source on a
 * sandbox where a won, recurring deal for Acme has produced its delivery epic in DEL.
 */

describe('the CRM glance on a Jira issue', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let sessions: UiKitSession[];
  let epic: string;

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    sessions = [];
    const { jira } = crm.sandbox;
    jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    jira.grant(USERS.dana, 'SALES', ['BROWSE_PROJECTS']);
    jira.addUser({ accountId: 'omar-del-only', displayName: 'Omar (DEL only)' });
    jira.grant('omar-del-only', 'DEL', ['BROWSE_PROJECTS']);
    const stageId = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages[3]!.id;
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate({ summaryTemplate: 'Deliver {{deal.name}}', labels: [], checklist: [] }) });
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Platform rollout', stageId, ...READY_FIELDS, companyId: company.id });
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    epic = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.issueKey!;
  });

  afterEach(async () => {
    for (const session of sessions) await session.close();
    clock.restore();
    await crm.close();
  });

  async function open(who: User | string, issueKey: string): Promise<UiKitSession> {
    const accountId = who in USERS ? USERS[who as User] : who;
    const session = await renderUiKitSurface({ host: crm.sandbox.host, target: { moduleKey: 'relay-crm-glance', accountId, issueKey } });
    sessions.push(session);
    await session.settle();
    return session;
  }

  it('shows company · ARR · renewal date · health on one line', async () => {
    const glance = await open('dana', epic);
    // Winning made Acme a customer with the contract's ARR; it was scored at once.
    expect(glance.text()).toBe('Acme · ARR: €48,000 · Renews Dec 31, 2027 · Health good');
    expect(glance.findAll({ type: 'Text' })).toHaveLength(1);
    expect(crm.sandbox.platform.invocations.at(-1)).toMatchObject({ moduleKey: 'relay-crm-glance', accountId: USERS.dana, outcome: 'ok' });
  });

  it('says why the health is what it is', async () => {
    // Two months on: the delivery epic (due 5 business days after the win) is overdue and nobody logged anything.
    clock.advance(61 * 86_400_000);
    await crm.sandbox.host.runScheduled('relay-daily-renewal-scan');
    for (let round = 0; round < 20; round += 1) {
      await crm.sandbox.host.settle();
      if (crm.sandbox.host.pendingQueueEvents().length === 0) break;
      clock.advance(61_000);
    }
    const glance = await open('dana', epic);
    expect(glance.text()).toBe('Acme · ARR: €48,000 · Renews Dec 31, 2027 · Health average: no activity logged in 61 days, 1 overdue delivery issue');
  });

  it('says "No deal linked" on a plain issue, and hides the deal from someone who cannot browse its project', async () => {
    const plain = crm.sandbox.jira.createIssue(USERS.dana, { projectKey: 'DEL', issueType: 'Task', summary: 'Unrelated' }).key;
    expect((await open('dana', plain)).text()).toBe('No deal linked');
    const hidden = await open('omar-del-only', epic);
    expect(hidden.text()).toBe('Deal in a project you cannot see');
  });

  it('follows the issue: after an unlink and JIRA_ISSUE_CHANGED it reads "No deal linked"', async () => {
    const glance = await open('dana', epic);
    crm.sandbox.jira.grant(USERS.sam, 'DEL', ['BROWSE_PROJECTS', 'EDIT_ISSUES']);
    await crm.ok('sam', Calls.handoff.unlink, { issueKey: epic });
    expect(glance.text()).toContain('Acme');
    await glance.dispatch('JIRA_ISSUE_CHANGED', {});
    expect(glance.text()).toBe('No deal linked');
  });

  it('shows a spinner while loading and the server’s message when the call fails', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    crm.sandbox.platform.faults.add({ target: 'kvs', status: 503, delayMs: 200, times: 100 });
    const glance = await renderUiKitSurface({ host: crm.sandbox.host, target: { moduleKey: 'relay-crm-glance', accountId: USERS.dana, issueKey: epic } });
    sessions.push(glance);
    expect(glance.get({ type: 'Spinner' }).props.label).toBe('Loading the linked deal…');
    const message = await glance.waitFor({ type: 'SectionMessage' });
    expect(message.props).toMatchObject({ appearance: 'error', title: 'Relay could not answer' });
    expect(glance.text()).toContain('Something went wrong on our side. Try again.');
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });
});

import { Calls } from '../../src/contracts/calls';
import { renderUiKitSurface, type UiKitSession } from '../../sandbox/uikit/session';
import { handoffTemplate, READY_FIELDS, startCrm, type Crm, type User, USERS } from '../integration/crm/crm-harness';
import { pinAppClock } from '../support/app-clock';

/**
 * The deal panel (jira:issuePanel relay-deal-panel), rendered from its real UI Kit source with the
 * real @forge/react reconciler, on a sandbox where a won deal has produced its delivery epic through
 * the real hand-off (template, win, queue, Jira). Data is set up with real resolver calls only.
 *
 * Who sees what (crm-harness): dana works in DEL (the delivery project) and is granted browsing of
 * SALES here; sam edits CRM records in SALES and browses DEL; omar is given DEL only, so he sees the
 * epic but not the deal's project; vic browses SALES and nothing else.
 */

const HOUR = 3_600_000;

describe('the deal panel on a Jira issue', () => {
  let crm: Crm;
  let clock: ReturnType<typeof pinAppClock>;
  let sessions: UiKitSession[];
  let epic: string;
  let dealId: string;
  let stageId: string;
  let companyId: string;

  beforeEach(async () => {
    crm = await startCrm();
    clock = pinAppClock(crm.clock);
    sessions = [];
    const { jira } = crm.sandbox;
    jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
    jira.grant(USERS.dana, 'SALES', ['BROWSE_PROJECTS']);
    jira.grant(USERS.sam, 'DEL', ['BROWSE_PROJECTS']);
    jira.addUser({ accountId: 'omar-del-only', displayName: 'Omar (DEL only)' });
    jira.grant('omar-del-only', 'DEL', ['BROWSE_PROJECTS']);

    // Monday 2 November 2026, 09:00 UTC: the hand-off is due 16 business hours later, Tuesday 17:00.
    stageId = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages[3]!.id;
    await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate({ checklist: [] }) });
    companyId = (await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' })).id;
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', title: 'CFO', companyId });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Platform rollout', stageId, ...READY_FIELDS, companyId, contactIds: [contact.id] });
    dealId = deal.id;
    await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await crm.sandbox.host.settle();
    epic = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.issueKey!;
  });

  afterEach(async () => {
    for (const session of sessions) await session.close();
    clock.restore();
    await crm.close();
    jest.restoreAllMocks();
  });

  async function open(who: User | string, issueKey: string, moduleKey = 'relay-deal-panel'): Promise<UiKitSession> {
    const accountId = who in USERS ? USERS[who as User] : who;
    const session = await renderUiKitSurface({ host: crm.sandbox.host, target: { moduleKey, accountId, issueKey } });
    sessions.push(session);
    await session.settle();
    return session;
  }

  it('shows the linked deal: name, project, company, ARR, contacts, scope, not sold, success criteria and the SLA clock', async () => {
    const panel = await open('dana', epic);
    const text = panel.text();
    expect(text).toContain('Deal: Platform rollout');
    expect(text).toContain('Delivery work for this deal · CRM project SALES');
    expect(text).toContain('Company: Acme');
    // People by the name Jira shows (issue 12 item 4), never by account id.
    expect(text).toMatch(/Owner: (sam|alice)\n/);
    expect(text).not.toMatch(/5b10ac8d82e0/);
    expect(text).toContain('ARR: €48,000');
    expect(text).toContain('Contract: Jan 1, 2027 to Dec 31, 2027');
    expect(text).toContain('Ana Lopez · CFO · ana@acme.io');
    expect(text).toMatch(/Scope\nSSO and 3 workspaces\nNot sold\nOn-prem connector\nSuccess criteria\n80% weekly active in 90 days/);
    expect(panel.findAll({ type: 'Lozenge' }).map((l) => [l.props.appearance, l.children.map((c) => c.props.text).join('')])).toEqual([['inprogress', 'Awaiting acceptance']]);
    expect(text).toContain('Accept within 32 h');
    expect(text).not.toContain('SLA breached');
    // dana may accept (she edits the epic) but not edit CRM records: no Unlink, no Flag expansion.
    expect(panel.get({ type: 'LoadingButton', text: 'Accept hand-off' }).props.appearance).toBe('primary');
    expect(panel.find('Unlink')).toBeUndefined();
    expect(panel.find('Flag expansion')).toBeUndefined();
    // Every call went through Forge's invoke as this module and user.
    expect(panel.calls.filter((c) => c.command === 'invoke').map((c) => c.payload)).toEqual([{ functionKey: 'handoff/for-issue', payload: { issueKey: epic } }]);
    expect(crm.sandbox.platform.invocations.at(-1)).toMatchObject({ moduleKey: 'relay-deal-panel', accountId: USERS.dana, outcome: 'ok' });
  });

  it('says only that a deal is linked to a user who cannot browse the deal’s project', async () => {
    const panel = await open('omar-del-only', epic);
    expect(panel.text()).toBe('This issue is linked to a deal in a project you cannot see.');
    expect(panel.find({ type: 'Button' })).toBeUndefined();
    expect(panel.find({ type: 'LoadingButton' })).toBeUndefined();
  });

  it('shows "No deal linked" on a plain issue, with "Link deal" only for someone who may link', async () => {
    const plain = crm.sandbox.jira.createIssue(USERS.sam, { projectKey: 'SALES', issueType: 'Task', summary: 'Security questionnaire' }).key;
    const vic = await open('vic', plain);
    expect(vic.text()).toBe('No deal linked to this issue.');
    expect(vic.find('Link deal')).toBeUndefined();

    const sam = await open('sam', plain);
    expect(sam.text()).toContain('No deal linked to this issue.');
    expect(sam.get({ type: 'Button', text: 'Link deal' })).toBeDefined();
  });

  it('links a plain issue to an open deal found by project and name, then shows that deal', async () => {
    await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Security add-on', stageId, amountMinor: 900_000, currency: 'EUR', recurring: false, companyId });
    const plain = crm.sandbox.jira.createIssue(USERS.sam, { projectKey: 'SALES', issueType: 'Task', summary: 'Security questionnaire' }).key;
    clock.advance(crm.sandbox.kvs.queryLagMs); // searches show the new deal once its write settles
    const panel = await open('sam', plain);
    await panel.press('Link deal');
    // The projects come from Jira, asked as sam (requestJira), not through the app.
    const select = panel.get({ type: 'Select' });
    expect(select.props.options).toEqual([
      { label: 'Delivery (DEL)', value: 'DEL' },
      { label: 'Sales (SALES)', value: 'SALES' },
    ]);
    expect(panel.calls.find((c) => c.command === 'fetchProduct')).toMatchObject({ payload: { product: 'jira', restPath: expect.stringContaining('/rest/api/3/project/search') } });
    expect(panel.get({ type: 'LoadingButton', text: 'Search deals' }).props.isDisabled).toBe(true);

    await panel.setValue('CRM project', { label: 'Sales (SALES)', value: 'SALES' });
    await panel.setValue('Deal name', 'nothing like it');
    await panel.press('Search deals');
    expect(panel.text()).toContain('No open deal in SALES matches “nothing like it”.');

    // The won "Platform rollout" is not open, so only the add-on matches "security".
    await panel.setValue('Deal name', 'security');
    await panel.press('Search deals');
    expect(panel.text()).toContain('1 open deal matches');
    expect(panel.text()).toContain('Security add-on · €9,000');
    await panel.press('Link to Security add-on');

    expect(panel.text()).toContain('Deal: Security add-on');
    expect(panel.text()).toContain('Linked to this deal · CRM project SALES');
    expect(panel.text()).toContain('Amount: €9,000');
    // A manual link has no hand-off of its own: no clock, no Accept.
    expect(panel.find('Hand-off')).toBeUndefined();
    expect(panel.find('Accept hand-off')).toBeUndefined();
    expect(await crm.ok('vic', Calls.handoff.forIssue, { issueKey: plain })).toMatchObject({ linked: true, role: 'linked', deal: { name: 'Security add-on' } });
  });

  it('shows an overdue clock and the breach lozenge once the hourly scan has marked the SLA breached', async () => {
    clock.advance(33 * HOUR); // Tuesday 18:00: one hour past the deadline.
    expect(await crm.sandbox.host.runScheduled('relay-hourly-sla-scan')).toMatchObject({ breached: 1 });
    const panel = await open('dana', epic);
    expect(panel.text()).toContain('Overdue by 1 h');
    expect(panel.text()).not.toContain('Accept within');
    const breach = panel.get({ type: 'Lozenge', text: 'SLA breached' });
    expect(breach.props).toMatchObject({ appearance: 'removed', isBold: true });
    expect(panel.find({ type: 'LoadingButton', text: 'Accept hand-off' })).toBeDefined();
  });

  it('accepts the hand-off and shows the accepted state, with the clock stopped', async () => {
    clock.advance(2 * HOUR);
    const panel = await open('dana', epic);
    expect(panel.text()).toContain('Accept within 30 h');
    await panel.press('Accept hand-off');

    expect(panel.get({ type: 'Lozenge', text: 'Accepted' }).props.appearance).toBe('success');
    expect(panel.text()).toContain('Accepted by dana, Nov 2, 2026, 11:00 AM');
    expect(panel.text()).not.toContain('Accept within');
    expect(panel.find('Accept hand-off')).toBeUndefined();
    const deal = await crm.ok('sam', Calls.deals.get, { dealId });
    expect(deal.handoff).toMatchObject({ state: 'accepted', acceptedBy: USERS.dana });
    // Accept, then one reload of the view.
    expect(panel.calls.filter((c) => c.command === 'invoke').map((c) => (c.payload as { functionKey: string }).functionKey)).toEqual(['handoff/for-issue', 'handoff/accept', 'handoff/for-issue']);
  });

  it('flags an expansion and confirms it with the new deal', async () => {
    const panel = await open('sam', epic);
    await panel.setValue('Expansion name (optional)', 'Acme: 200 more seats');
    await panel.press('Flag expansion');

    const confirmation = panel.get({ type: 'SectionMessage' });
    expect(confirmation.props).toMatchObject({ appearance: 'success', title: 'Expansion deal created' });
    expect(panel.text()).toContain('“Acme: 200 more seats” is open in SALES, owned by the account owner.');
    expect(panel.get({ type: 'Textfield' }).props.value).toBe('');
    // The issue stays the won deal's delivery work; the expansion is a new open deal for Acme.
    expect(panel.text()).toContain('Deal: Platform rollout');
    const found = await crm.list('sam', Calls.deals.search, { projectKey: 'SALES', text: '200 more seats' });
    expect(found.items).toEqual([expect.objectContaining({ name: 'Acme: 200 more seats', type: 'expansion', companyId, outcome: 'open' })]);
  });

  it('unlinks the issue for someone who edits the deal and the issue', async () => {
    crm.sandbox.jira.grant(USERS.sam, 'DEL', ['EDIT_ISSUES']);
    const panel = await open('sam', epic);
    await panel.press('Unlink');
    expect(panel.text()).toContain('No deal linked to this issue.');
    expect((await crm.ok('sam', Calls.deals.get, { dealId })).handoff!.state).toBe('unlinked');
  });

  it('reads the deal again when Jira says the issue changed', async () => {
    const panel = await open('dana', epic);
    expect(panel.text()).toContain('Awaiting acceptance');
    crm.sandbox.jira.transitionIssue(USERS.dana, epic, 'In Progress');
    await crm.sandbox.host.settle();
    // Nothing tells the panel yet: it still shows what it read.
    expect(panel.text()).toContain('Awaiting acceptance');
    await panel.dispatch('JIRA_ISSUE_CHANGED', { issueId: '1', projectId: '1' });
    expect(panel.get({ type: 'Lozenge', text: 'Accepted' }).props.appearance).toBe('success');
    expect(panel.text()).not.toContain('Awaiting acceptance');
  });

  it('shows a spinner until the first answer', async () => {
    crm.sandbox.platform.faults.add({ target: 'kvs', delayMs: 300, times: 1 });
    const session = await renderUiKitSurface({ host: crm.sandbox.host, target: { moduleKey: 'relay-deal-panel', accountId: USERS.dana, issueKey: epic } });
    sessions.push(session);
    expect(session.get({ type: 'Spinner' }).props.label).toBe('Loading the linked deal…');
    await session.waitFor('Deal: Platform rollout');
    expect(session.find({ type: 'Spinner' })).toBeUndefined();
  });

  it('shows the server’s message when a call fails, and keeps the deal on screen when an action fails', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const outage = crm.sandbox.platform.faults.add({ target: 'kvs', status: 503, times: 100 });
    const broken = await open('dana', epic);
    expect(broken.get({ type: 'SectionMessage' }).props).toMatchObject({ appearance: 'error', title: 'Relay could not answer' });
    expect(broken.text()).toContain('Something went wrong on our side. Try again.');
    expect(broken.text()).toContain('Error code: INTERNAL');
    expect(logged).toHaveBeenCalledWith('[relay] handoff/for-issue failed', expect.anything());
    outage.remove();

    const panel = await open('vic', epic);
    // vic browses SALES but not DEL: Jira hides the epic from him, and the panel says so in the server's words.
    expect(panel.get({ type: 'SectionMessage' }).props.appearance).toBe('error');
    expect(panel.text()).toContain('Error code: NOT_FOUND');

    const dana = await open('dana', epic);
    crm.sandbox.jira.revoke(USERS.dana, 'DEL', ['EDIT_ISSUES']);
    await dana.press('Accept hand-off');
    const failure = dana.get({ type: 'SectionMessage', props: { title: 'That did not work' } });
    expect(failure.props.appearance).toBe('error');
    expect(dana.text()).toContain('You need permission to edit this issue to accept its hand-off.');
    expect(dana.text()).toContain('Error code: FORBIDDEN');
    expect(dana.text()).toContain('Deal: Platform rollout');
  });
});

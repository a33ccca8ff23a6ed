import { createSandbox, ManualClock, type Sandbox } from '../../sandbox';
import { renderUiKitSurface, UiKitError, type UiKitSession } from '../../sandbox/uikit/session';
import { CONTRACT_VERSION } from '../../src/contracts/calls';

/**
 * The issue panel and the issue glance, rendered from their real UI Kit sources with the real
 * @forge/react reconciler, against the sandbox's Jira and storage. Nothing in src/ or @forge/* is mocked.
 */
const ALICE = '5b10ac8d82e05b22cc7d4ef5';
const BOB = '712020:4e1b6a1e-bob0-4c8e-9d2f-0c4f1a5b7e31';

describe('Relay UI Kit surfaces', () => {
  let sandbox: Sandbox;
  let sessions: UiKitSession[];
  let deal: string;
  let other: string;

  beforeEach(async () => {
    // The issue-event trigger logs that its feature has not shipped each time an issue is created here.
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
    sandbox = await createSandbox({ clock: new ManualClock() });
    sessions = [];
    const { jira } = sandbox;
    jira.addUser({ accountId: ALICE, displayName: 'Alice Admin', emailAddress: 'alice@example.com' });
    jira.addUser({ accountId: BOB, displayName: 'Bob Builder', emailAddress: 'bob@example.com' });
    jira.addProject({ key: 'SALES', name: 'Sales', leadAccountId: ALICE });
    jira.grant(ALICE, 'SALES', ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES']);
    jira.grant(BOB, 'SALES', ['BROWSE_PROJECTS']);
    deal = jira.createIssue(ALICE, { projectKey: 'SALES', issueType: 'Task', summary: 'Acme renewal' }).key;
    other = jira.createIssue(ALICE, { projectKey: 'SALES', issueType: 'Task', summary: 'Globex pilot' }).key;
  });

  afterEach(async () => {
    for (const session of sessions) await session.close();
    await sandbox.close();
    jest.restoreAllMocks();
  });

  async function open(moduleKey: string, accountId: string, issueKey: string): Promise<UiKitSession> {
    const session = await renderUiKitSurface({ host: sandbox.host, target: { moduleKey, accountId, issueKey } });
    sessions.push(session);
    return session;
  }

  it('shows who is signed in, the issue and the contract version once system/status answers', async () => {
    const panel = await open('relay-deal-panel', ALICE, deal);
    await panel.waitFor('Checked 1 time');
    const text = panel.text();
    expect(text).toContain(`Signed in as ${ALICE}`);
    expect(text).toContain(`Issue ${deal}`);
    expect(text).toContain(`Contract version ${CONTRACT_VERSION}`);
    expect(panel.get({ type: 'Lozenge' }).props.appearance).toBe('success');
    expect(panel.find({ type: 'Spinner' })).toBeUndefined();
    // The call went through Forge's invoke as one resolver invocation for this module and user.
    const invocation = sandbox.platform.invocations.filter((i) => i.kind === 'resolver').at(-1);
    expect(invocation).toMatchObject({ functionKey: 'resolver', moduleKey: 'relay-deal-panel', accountId: ALICE, outcome: 'ok' });
    expect(panel.calls.filter((c) => c.command === 'invoke').map((c) => c.payload)).toEqual([{ functionKey: 'system/status', payload: {} }]);
  });

  it('shows a spinner while the first check is under way', async () => {
    const slow = sandbox.platform.faults.add({ target: 'kvs', delayMs: 300, times: 1 });
    const panel = await open('relay-deal-panel', ALICE, deal);
    expect(panel.get({ type: 'Spinner' }).props.label).toBe('Checking the connection to Relay…');
    expect(panel.find('Check again')).toBeUndefined();
    await panel.waitFor('Checked 1 time');
    expect(panel.find({ type: 'Spinner' })).toBeUndefined();
    expect(slow.hits()).toBe(1);
  });

  it('re-invokes on "Check again" and counts the checks', async () => {
    const panel = await open('relay-deal-panel', ALICE, deal);
    await panel.waitFor('Checked 1 time');
    const before = sandbox.platform.invocations.length;
    await panel.press('Check again');
    expect(panel.text()).toContain('Checked 2 times');
    expect(panel.text()).not.toContain('Checked 1 time');
    expect(sandbox.platform.invocations.length).toBe(before + 1);
    await panel.press('Check again');
    expect(panel.text()).toContain('Checked 3 times');
  });

  it('marks the button busy during a re-check, so it cannot be pressed twice', async () => {
    const panel = await open('relay-deal-panel', ALICE, deal);
    await panel.waitFor('Checked 1 time');
    sandbox.platform.faults.add({ target: 'kvs', delayMs: 300, times: 1 });
    await panel.press('Check again', { settle: false });
    const busy = await panel.waitFor({ type: 'LoadingButton', props: { isLoading: true } });
    expect(busy.props.isLoading).toBe(true);
    // The previous answer stays on screen while the check runs.
    expect(panel.text()).toContain(`Signed in as ${ALICE}`);
    await expect(panel.press('Check again')).rejects.toMatchObject({ code: 'DISABLED' });
    await panel.waitFor('Checked 2 times');
    expect(panel.get({ type: 'LoadingButton' }).props.isLoading).toBe(false);
  });

  it('shows a structured error when storage fails, and recovers on the next check', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const outage = sandbox.platform.faults.add({ target: 'kvs', status: 503, times: 10 });
    const panel = await open('relay-deal-panel', ALICE, deal);
    const message = await panel.waitFor({ type: 'SectionMessage' });
    expect(message.props.appearance).toBe('error');
    expect(message.props.title).toBe('Relay could not answer');
    expect(panel.text()).toContain("Something went wrong on Relay's side. Try again.");
    expect(panel.text()).toContain('Error code: INTERNAL');
    expect(panel.text()).not.toContain('Signed in as');
    expect(outage.hits()).toBeGreaterThan(0);
    // The cause stays in the back end's log; the surface only gets the code and a safe message.
    expect(logged).toHaveBeenCalledWith('[relay] system/status failed', expect.anything());
    expect(panel.text()).not.toContain('503');

    outage.remove();
    await panel.press('Check again');
    expect(panel.find({ type: 'SectionMessage' })).toBeUndefined();
    expect(panel.text()).toContain(`Signed in as ${ALICE}`);
    expect(panel.text()).toContain('Checked 2 times');
  });

  it('renders the issue glance with its own module context', async () => {
    const glance = await open('relay-crm-glance', BOB, other);
    await glance.waitFor('Checked 1 time');
    expect(glance.text()).toContain(`Signed in as ${BOB}`);
    expect(glance.text()).toContain(`Issue ${other}`);
    const invocation = sandbox.platform.invocations.filter((i) => i.kind === 'resolver').at(-1);
    expect(invocation).toMatchObject({ moduleKey: 'relay-crm-glance', accountId: BOB });
    const context = glance.calls.find((c) => c.command === 'getContext');
    expect(context?.outcome).toBe('resolved');
  });

  it('keeps two surfaces side by side apart: own user, own issue, own state', async () => {
    const panel = await open('relay-deal-panel', ALICE, deal);
    const glance = await open('relay-crm-glance', BOB, other);
    await Promise.all([panel.waitFor('Checked 1 time'), glance.waitFor('Checked 1 time')]);

    await panel.press('Check again');
    await panel.press('Check again');
    await glance.settle();

    expect(panel.text()).toContain('Checked 3 times');
    expect(glance.text()).toContain('Checked 1 time');
    expect(panel.text()).toContain(`Signed in as ${ALICE}`);
    expect(panel.text()).toContain(`Issue ${deal}`);
    expect(glance.text()).toContain(`Signed in as ${BOB}`);
    expect(glance.text()).toContain(`Issue ${other}`);
    expect(panel.calls.filter((c) => c.command === 'invoke')).toHaveLength(3);
    expect(glance.calls.filter((c) => c.command === 'invoke')).toHaveLength(1);
  });

  it('refuses to render for an issue that does not exist, naming the cause', async () => {
    await expect(renderUiKitSurface({ host: sandbox.host, target: { moduleKey: 'relay-deal-panel', accountId: ALICE, issueKey: 'SALES-999' } })).rejects.toMatchObject({
      code: 'CONTEXT',
    });
  });

  it('refuses to render a Custom UI module as UI Kit', async () => {
    const attempt = renderUiKitSurface({ host: sandbox.host, target: { moduleKey: 'relay-crm', accountId: ALICE, projectKey: 'SALES' } });
    await expect(attempt).rejects.toBeInstanceOf(UiKitError);
    await expect(attempt).rejects.toMatchObject({ code: 'NOT_UI_KIT' });
  });

  it('goes silent after close: no further trees, and acting on it fails with CLOSED', async () => {
    const panel = await open('relay-deal-panel', ALICE, deal);
    await panel.waitFor('Checked 1 time');
    const renders = panel.renders;
    await panel.close();
    expect(panel.closed).toBe(true);
    await expect(panel.press('Check again')).rejects.toMatchObject({ code: 'CLOSED' });
    expect(panel.renders).toBe(renders);
    expect(panel.text()).toContain('Checked 1 time');
  });

  it('previews the tree as escaped HTML for the shell', async () => {
    const panel = await open('relay-deal-panel', ALICE, deal);
    await panel.waitFor('Checked 1 time');
    const html = panel.html();
    expect(html).toContain(`<p data-forge-type="Text"`);
    expect(html).toContain(`Signed in as ${ALICE}</p>`);
    expect(html).toMatch(/<button data-forge-type="LoadingButton" data-forge-key="[^"]+" type="button" class="forge-button forge-button-default">Check again<\/button>/);
    expect(html).toContain('class="forge-lozenge forge-lozenge-success">Connected</span>');
  });
});

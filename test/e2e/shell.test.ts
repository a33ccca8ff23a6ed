import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * The shell in Chromium: the real built Custom UI in iframes, talking through the injected
 * `window.__bridge` to the real resolver on the sandbox, and the shell's own Jira controls acting
 * as the user picked in the top bar. Every wait is on something the page shows, never a sleep.
 */
const SAM = DEMO_USERS.sam.accountId;
const VIC = DEMO_USERS.vic.accountId;

const session = useShellSession({ home: true });

function projectPageFrame(): FrameLocator {
  return session.frame('project-page');
}

describe('the shell in Chromium', () => {
  it('shows the project page with a real system/status invoke, and re-invokes as another user after a switch', async () => {
    await session.signInAs(SAM);
    await session.page.getByTestId('project-SALES').click();
    await session.page.getByTestId('nav-project-page').click();
    const frame = projectPageFrame();
    await expectText(frame.getByTestId('connection-user'), DEMO_USERS.sam.displayName);
    await expectText(frame.getByTestId('connection-project-key'), 'SALES');
    expect(session.sandbox.platform.invocations.some((r) => r.kind === 'resolver' && r.moduleKey === 'relay-crm' && r.accountId === SAM && r.outcome === 'ok')).toBe(true);

    await session.signInAs(VIC);
    await expectText(projectPageFrame().getByTestId('connection-user'), DEMO_USERS.vic.displayName);
    await expectText(projectPageFrame().getByTestId('connection-project-key'), 'SALES');
    expect(session.sandbox.platform.invocations.some((r) => r.kind === 'resolver' && r.moduleKey === 'relay-crm' && r.accountId === VIC)).toBe(true);
  });

  it('keeps the subpage in step between the sidebar, the address bar and the app history', async () => {
    await session.page.getByTestId('project-SALES').click();
    await session.page.getByTestId('nav-page-deals').click();
    const main = projectPageFrame().getByTestId('subpage');
    await main.and(projectPageFrame().locator('[data-route="deals"]')).waitFor(WAIT);

    // Sidebar → the app's history hears the move; the iframe stays.
    await session.page.getByTestId('nav-page-companies').click();
    await main.and(projectPageFrame().locator('[data-route="companies"]')).waitFor(WAIT);
    await session.page.getByTestId('nav-page-companies').and(session.page.locator('[aria-current="page"]')).waitFor(WAIT);

    // The app's own navigation → the shell's address bar and sidebar follow.
    await projectPageFrame().getByRole('button', { name: 'Contacts' }).click();
    await main.and(projectPageFrame().locator('[data-route="contacts"]')).waitFor(WAIT);
    await session.page.waitForURL(/#\/projects\/SALES\/apps\/relay-crm\/contacts$/, WAIT);
    await session.page.getByTestId('nav-page-contacts').and(session.page.locator('[aria-current="page"]')).waitFor(WAIT);
  });

  it('loads a gadget with its configuration context, edits it with view.submit, and shows the saved configuration', async () => {
    await session.signInAs(SAM);
    await session.page.getByTestId('nav-dashboard').click();
    const gadget = () => session.page.frameLocator('[data-testid="frame-gadget-relay-pipeline-gadget"]');
    // Never configured, so it opens in its edit view for Sam, who may edit the shared dashboard.
    await session.page.locator('[data-testid="gadget-relay-pipeline-gadget"][data-mode="edit"]').waitFor(WAIT);
    // The edit view lists the projects Sam may browse, fetched with requestJira through the bridge.
    const projectBox = (key: string) => gadget().locator(`input[type="checkbox"][name="projectKeys"][value="${key}"]`);
    await projectBox('SALES').waitFor(WAIT);
    expect(await projectBox('CS').count()).toBe(0);
    await projectBox('SALES').check();
    await gadget().locator('select#relay-gadget-period').selectOption('quarter');
    await gadget().getByRole('button', { name: 'Save' }).click();

    await session.page.locator('[data-testid="gadget-relay-pipeline-gadget"][data-mode="view"]').waitFor(WAIT);
    await expectText(gadget().getByTestId('gadget-config-project'), 'SALES');
    const stored = session.shell.frames.gadgets.find((g) => g.moduleKey === 'relay-pipeline-gadget');
    expect(stored && session.shell.frames.gadgetConfiguration(stored.id)).toEqual({ projectKeys: ['SALES'], period: 'quarter', refreshMinutes: 0 });
  });

  it('shows Jira’s own refusal when a user without permission creates an issue, and creates it for one with', async () => {
    const body = JSON.stringify({ fields: { project: { key: 'SALES' }, issuetype: { name: 'Task' }, summary: 'Probe' } });
    const direct = await session.sandbox.jira.handle({ method: 'POST', path: '/rest/api/3/issue', headers: { 'content-type': 'application/json' }, body, caller: { kind: 'user', accountId: VIC } });
    expect(direct.status).toBe(403);
    const jiraMessage = (direct.body as { errorMessages: string[] }).errorMessages[0] ?? '';
    expect(jiraMessage).not.toBe('');

    await session.signInAs(VIC);
    await session.page.getByTestId('project-SALES').click();
    await session.page.getByTestId('issue-list').locator('table').waitFor(WAIT);
    await session.page.getByTestId('create-summary').fill('Vic wants a deal review');
    await session.page.getByTestId('create-submit').click();
    await expectText(session.page.getByTestId('create-error'), `${jiraMessage} (403)`);
    expect(session.sandbox.jira.listIssues('SALES').some((i) => i.summary === 'Vic wants a deal review')).toBe(false);

    await session.signInAs(SAM);
    await session.page.getByTestId('create-summary').fill('Sam books the kick-off');
    await session.page.getByTestId('create-submit').click();
    await session.page.getByTestId('create-ok').waitFor(WAIT);
    const issue = session.sandbox.jira.listIssues('SALES').find((i) => i.summary === 'Sam books the kick-off');
    if (!issue) throw new Error('Sam’s issue is not in Jira');
    await expectText(session.page.getByTestId('create-ok'), `Created ${issue.key}`);
    await session.page.getByTestId(`issue-row-${issue.key}`).waitFor(WAIT);
  });

  it('opens an issue: transitions it as the user and draws the UI Kit surfaces where Jira does', async () => {
    await session.signInAs(SAM);
    const issue = session.sandbox.jira.createIssue(SAM, { projectKey: 'SALES', issueType: 'Task', summary: 'Send the order form' });
    await session.page.goto(`${session.shell.url}/#/projects/SALES/issues/${issue.key}`);
    await expectText(session.page.locator('.card').getByTestId('issue-status'), 'To Do');
    // The real issue panel and glance, rendered by the sandbox: this issue has no deal yet.
    await session.page.getByTestId('uikit-relay-deal-panel').getByText('No deal linked to this issue.', { exact: false }).waitFor(WAIT);
    await session.page.getByTestId('uikit-relay-crm-glance').getByText('No deal linked', { exact: false }).waitFor(WAIT);

    await session.page.getByTestId('transition-In Progress').click();
    await expectText(session.page.locator('.card').getByTestId('issue-status'), 'In Progress');
    expect(session.sandbox.jira.listIssues('SALES').find((i) => i.key === issue.key)?.status).toBe('In Progress');
  });

  it('relays bridge events between extensions on the page and shows flags the way Jira does', async () => {
    // Both gadgets configured, so both open in their views.
    for (const gadget of session.shell.frames.gadgets) {
      const configuration = gadget.moduleKey === 'relay-pipeline-gadget' ? { projectKeys: ['SALES'], period: 'quarter', refreshMinutes: 0 } : { projectKey: 'SALES', horizonDays: 90 };
      session.sandbox.jira.storeGadgetConfiguration(DEMO_USERS.alice.accountId, gadget.dashboardId, gadget.id, configuration);
    }
    await session.page.getByTestId('nav-dashboard').click();
    const frameOf = async (moduleKey: string) => {
      const handle = await session.page.getByTestId(`frame-gadget-${moduleKey}`).elementHandle(WAIT);
      const frame = await handle?.contentFrame();
      if (!frame) throw new Error(`No frame for ${moduleKey}`);
      await frame.getByTestId('gadget-view').waitFor(WAIT);
      return frame;
    };
    const pipeline = await frameOf('relay-pipeline-gadget');
    const renewals = await frameOf('relay-renewals-gadget');
    type BridgeWindow = { __bridge: { callBridge(command: string, payload?: unknown): Promise<unknown> }; __heard?: unknown[] };

    await renewals.evaluate(async () => {
      const w = window as unknown as BridgeWindow;
      w.__heard = [];
      await w.__bridge.callBridge('on', { event: 'relay.deal-moved', callback: (payload: unknown) => w.__heard?.push(payload) });
    });
    await pipeline.evaluate(() => (window as unknown as BridgeWindow).__bridge.callBridge('emit', { event: 'relay.deal-moved', payload: { dealId: 'd-1' } }));
    await renewals.waitForFunction(() => ((window as unknown as BridgeWindow).__heard ?? []).length > 0, undefined, WAIT);
    expect(await renewals.evaluate(() => (window as unknown as BridgeWindow).__heard)).toEqual([{ dealId: 'd-1' }]);

    await pipeline.evaluate(() => (window as unknown as BridgeWindow).__bridge.callBridge('showFlag', { id: 'saved', title: 'Deal saved', description: 'Acme · Negotiation', type: 'success' }));
    const flag = session.page.locator('[data-testid="flag"][data-flag-id="saved"]');
    await flag.getByText('Deal saved').waitFor(WAIT);
    await flag.getByText('Acme · Negotiation').waitFor(WAIT);
    await pipeline.evaluate(() => (window as unknown as BridgeWindow).__bridge.callBridge('closeFlag', { id: 'saved' }));
    await flag.waitFor({ state: 'detached', ...WAIT });

    // A view that is not a gadget edit view cannot be submitted or closed: @forge/bridge turns `false` into an error.
    expect(await pipeline.evaluate(() => (window as unknown as BridgeWindow).__bridge.callBridge('submit', { projectKey: 'SALES' }))).toBe(false);
    expect(await pipeline.evaluate(() => (window as unknown as BridgeWindow).__bridge.callBridge('close'))).toBe(false);
  });
});

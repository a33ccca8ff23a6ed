import type { FrameLocator, Locator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { GADGET_CONFIG_PROPERTY } from '../../sandbox/jira/dashboards';
import { resolveText } from '../../sandbox/runtime/manifest';
import { expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * Dashboards as Jira has them (issue 12, item 6), in Chromium: a manager creates a dashboard, opens
 * "Add gadget", sees each gadget's title, description and thumbnail from manifest.yml, adds the
 * Pipeline gadget (it opens in its edit view, as a gadget that needs configuring does in Jira),
 * configures it, adds a second instance with its own configuration, removes one, and the dashboard
 * survives a reload; someone who may only view it gets no controls.
 */
const VIC = DEMO_USERS.vic.accountId;
const SAM = DEMO_USERS.sam.accountId;
const PIPELINE = 'relay-pipeline-gadget';

const session = useShellSession({ contexts: 'manual', viewport: { width: 1440, height: 1100 } });

function card(gadgetId: string): Locator {
  return session.page.locator(`section[data-gadget-id="${gadgetId}"]`);
}

function frameOf(gadgetId: string): FrameLocator {
  return session.page.frameLocator(`section[data-gadget-id="${gadgetId}"] iframe`);
}

function gadgetIds(dashboardId: string): string[] {
  return session.sandbox.jira.listDashboards().find((d) => d.id === dashboardId)?.gadgets.map((g) => g.id) ?? [];
}

function configuration(gadgetId: string): unknown {
  return session.sandbox.jira.findGadget(gadgetId)?.gadget.properties[GADGET_CONFIG_PROPERTY];
}

/** The Pipeline gadget's edit view: one project and a period, saved. */
async function configurePipeline(gadgetId: string, projectKey: string, period: 'month' | 'quarter'): Promise<void> {
  const frame = frameOf(gadgetId);
  const box = frame.locator(`input[type="checkbox"][name="projectKeys"][value="${projectKey}"]`);
  await box.waitFor(WAIT);
  await box.check();
  await frame.locator('select#relay-gadget-period').selectOption(period);
  await frame.getByRole('button', { name: 'Save' }).click();
  await session.page.locator(`section[data-gadget-id="${gadgetId}"][data-mode="view"]`).waitFor(WAIT);
}

async function addPipelineFromDirectory(): Promise<string> {
  await session.page.getByTestId('add-gadget').click();
  const directory = session.page.getByTestId('gadget-directory');
  await directory.waitFor(WAIT);
  const before = new Set(session.sandbox.jira.listDashboards().flatMap((d) => d.gadgets.map((g) => g.id)));
  await directory.getByTestId(`directory-add-${PIPELINE}`).click();
  await directory.waitFor({ state: 'detached', ...WAIT });
  const added = session.sandbox.jira.listDashboards().flatMap((d) => d.gadgets).find((g) => !before.has(g.id));
  if (!added) throw new Error('No gadget was added');
  return added.id;
}

describe('dashboards in the shell', () => {
  it('adds the Pipeline gadget from the directory, configures two instances on their own, removes one, and keeps it all', async () => {
    await session.openAs(VIC, '#/dashboard');
    await session.page.getByTestId('dashboard-menu--trigger').click();
    await session.page.getByRole('menuitem', { name: 'Create dashboard' }).click();
    await session.page.getByLabel('Name').fill('Vic’s pipeline review');
    await session.page.getByTestId('create-dashboard-submit').click();
    await session.page.getByRole('heading', { name: 'Vic’s pipeline review' }).waitFor(WAIT);
    const dashboard = session.sandbox.jira.listDashboards().find((d) => d.name === 'Vic’s pipeline review');
    if (!dashboard) throw new Error('The dashboard was not created in Jira');
    expect(dashboard).toMatchObject({ ownerAccountId: VIC, gadgets: [] });
    await session.page.waitForURL(new RegExp(`#/dashboards/${dashboard.id}$`), WAIT);
    await session.page.getByText('This dashboard is empty').waitFor(WAIT);

    // The directory shows what manifest.yml says of each gadget: title, description, thumbnail.
    await session.page.getByTestId('add-gadget').click();
    const item = session.page.getByTestId(`directory-item-${PIPELINE}`);
    const { manifest } = session.sandbox.host;
    const declared = manifest.modules['jira:dashboardGadget']!.find((m) => m.key === PIPELINE)!;
    await expectText(item.getByRole('heading'), resolveText(manifest, declared.title));
    await expectText(item.locator('p'), resolveText(manifest, declared.description));
    expect(resolveText(manifest, declared.description)).toMatch(/^Forecast/);
    const thumbnail = await item.locator('img').getAttribute('src');
    expect(thumbnail).toBe('/frame-assets/ui/icons/pipeline-gadget.svg');
    const served = await session.page.request.get(`${session.shell.url}${thumbnail}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('image/svg+xml');
    await session.page.getByLabel('Search gadgets').fill('renewals');
    await item.waitFor({ state: 'detached', ...WAIT });
    await session.page.getByTestId('directory-item-relay-renewals-gadget').waitFor(WAIT);
    await session.page.getByRole('button', { name: 'Close' }).click();

    // First instance: it opens in its edit view, as a gadget that needs configuring does in Jira.
    const first = await addPipelineFromDirectory();
    await card(first).and(session.page.locator('[data-mode="edit"]')).waitFor(WAIT);
    expect(configuration(first)).toBeUndefined();
    await configurePipeline(first, 'SALES', 'quarter');
    expect(configuration(first)).toEqual({ projectKeys: ['SALES'], period: 'quarter', refreshMinutes: 0 });
    await expectText(frameOf(first).getByTestId('gadget-config-project'), 'SALES');

    // Second instance of the same gadget, with its own configuration.
    const second = await addPipelineFromDirectory();
    await card(second).and(session.page.locator('[data-mode="edit"]')).waitFor(WAIT);
    await configurePipeline(second, 'SALES', 'month');
    expect(configuration(second)).toEqual({ projectKeys: ['SALES'], period: 'month', refreshMinutes: 0 });
    expect(configuration(first)).toEqual({ projectKeys: ['SALES'], period: 'quarter', refreshMinutes: 0 });
    expect(gadgetIds(dashboard.id)).toEqual([first, second]);

    // Remove the first: Jira asks, then it goes with its configuration; the second keeps its own.
    await card(first).getByTestId(`gadget-remove-${PIPELINE}`).click();
    await session.page.getByTestId('confirm-remove-gadget').click();
    await card(first).waitFor({ state: 'detached', ...WAIT });
    expect(gadgetIds(dashboard.id)).toEqual([second]);

    // Jira keeps dashboards: after a reload the gadget is there, configured, in its view.
    await session.page.reload();
    await card(second).and(session.page.locator('[data-mode="view"]')).waitFor(WAIT);
    await expectText(frameOf(second).getByTestId('gadget-config-project'), 'SALES');

    // Configure again from the title bar, then cancel: the saved configuration stays.
    await card(second).getByTestId(`gadget-edit-${PIPELINE}`).click();
    await card(second).and(session.page.locator('[data-mode="edit"]')).waitFor(WAIT);
    await frameOf(second).getByRole('button', { name: 'Cancel' }).click();
    await card(second).and(session.page.locator('[data-mode="view"]')).waitFor(WAIT);
    expect(configuration(second)).toEqual({ projectKeys: ['SALES'], period: 'month', refreshMinutes: 0 });

    // Several dashboards: the menu lists the shared one too, and opens it.
    await session.page.getByTestId('dashboard-menu--trigger').click();
    await session.page.getByRole('menuitem', { name: 'Relay dashboard' }).click();
    await session.page.getByRole('heading', { name: 'Relay dashboard' }).waitFor(WAIT);
    await session.context.close();
  });

  it('shows a dashboard read only to someone who may view it but not edit it', async () => {
    const dashboard = session.sandbox.jira.addDashboard(VIC, { name: 'Vic’s forecast', sharePermissions: [{ type: 'authenticated' }], editPermissions: [] });
    const gadget = session.sandbox.jira.addGadget(VIC, dashboard.id, { moduleKey: PIPELINE });
    await session.openAs(SAM, `#/dashboards/${dashboard.id}`);
    await session.page.getByRole('heading', { name: 'Vic’s forecast' }).waitFor(WAIT);
    await session.page.getByText('read only', { exact: false }).waitFor(WAIT);
    // Not configured, but Sam cannot configure it: he sees its view, without the edit controls.
    await card(gadget.id).and(session.page.locator('[data-mode="view"]')).waitFor(WAIT);
    expect(await session.page.getByTestId('add-gadget').count()).toBe(0);
    expect(await card(gadget.id).getByRole('button').count()).toBe(0);
    // The frame refuses the edit entry point for him too, whatever the page asks.
    const refused = await session.page.request.get(`${session.shell.url}/frame/${PIPELINE}?accountId=${SAM}&gadget=${gadget.id}&entry=edit`);
    expect(refused.status()).toBe(403);
    await session.context.close();
  });
});

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import type { z } from 'zod';
import type { DealRecord } from '../../src/contracts/deal';
import type { RenewalsGadgetResult, RenewalsOverview } from '../../src/contracts/renewal';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { formatMoney } from '../../src/domain/money-format';
import { typeDateIn } from '../support/atlaskit';
import { ARTIFACTS, expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * The renewal surfaces in Chromium on the demo site (whose renewals the demo seed made through the
 * app): the Renewals tab, the company drawer's account, the Renewals gadget and its edit view, a
 * recurring deal created and edited in the Deals tab — light and dark, with screenshots kept.
 */
const ALICE = DEMO_USERS.alice.accountId;
const SAM = DEMO_USERS.sam.accountId;

const session = useShellSession({
  viewport: { width: 1280, height: 1400 },
  home: true,
  async prepare() {
    mkdirSync(ARTIFACTS, { recursive: true });
  },
});

async function direct<T>(moduleKey: string, accountId: string, key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey, accountId, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data?: unknown; error?: unknown };
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.data as T;
}

async function openRenewals(accountId: string): Promise<FrameLocator> {
  await session.signInAs(accountId);
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/renewals`);
  const frame = session.frame('project-page');
  await frame.getByTestId('renewals-page').waitFor(WAIT);
  return frame;
}

/** The sum of a colour's channels: dark surfaces are well under 200, light text well over 450. */
async function brightness(locator: Locator, property: 'backgroundColor' | 'color'): Promise<number> {
  const value = await locator.evaluate((node, prop) => getComputedStyle(node)[prop], property);
  return (value.match(/\d+/g) ?? []).slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
}

describe('renewals in the browser', () => {
  it('shows the Renewals tab: figures, due renewals with health and reasons, overdue ones, the account in the company drawer — light and dark', async () => {
    const frame = await openRenewals(ALICE);
    const overview = await direct<z.infer<typeof RenewalsOverview>>('relay-crm', ALICE, 'renewals/overview', { projectKey: 'SALES' });
    const due30 = Object.values(overview.summary!.due[30]).reduce((n, f) => n + f.count, 0);
    await expectText(frame.getByTestId('metric-due-30-value'), formatMoney(1_800_000, 'USD'));
    expect(due30).toBe(1);
    await expectText(frame.getByTestId('metric-nrr-value'), `${(overview.retention!.quarter.nrr! * 100).toFixed(1)}%`);
    await frame.getByTestId('renewal-movements').getByText('Hooli Media').waitFor(WAIT);

    const table = frame.getByTestId('renewals-table');
    await table.getByText('Tailspin Toys: renewal').waitFor(WAIT);
    await table.getByText('Contoso Retail: renewal').waitFor(WAIT);
    await table.getByText('2 overdue delivery issues').waitFor(WAIT);
    await table.getByText('Renewal in 20 days').waitFor(WAIT);
    await session.page.getByTestId('frame-project-page').screenshot({ path: path.join(ARTIFACTS, 'renewals-tab-light.png') });

    await frame.getByTestId('renewals-window-overdue').click();
    await table.getByText('Fabrikam Health: renewal').waitFor(WAIT);
    await table.getByText('Renewal overdue by 5 days, 1 overdue delivery issue, 1 blocked issue, 2 open bugs').waitFor(WAIT);
    await table.getByRole('button', { name: 'Fabrikam Health', exact: true }).click();
    const account = frame.getByTestId('company-account');
    await expectText(account.getByTestId('company-health-why'), 'Renewal overdue by 5 days, 1 overdue delivery issue, 1 blocked issue, 2 open bugs');
    await account.getByText('Poor').waitFor(WAIT);
    await account.getByText('Score 40 of 100').waitFor(WAIT);
    await session.page.getByTestId('frame-project-page').screenshot({ path: path.join(ARTIFACTS, 'renewals-company-drawer.png') });
    await frame.getByTestId('company-drawer-close').click();

    await frame.getByTestId('definition-grr').focus();
    await expectText(frame.getByTestId('definition-grr-tooltip'), overview.glossary.grr!);

    await session.page.getByTestId('theme-switcher').selectOption('dark');
    await frame.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached', ...WAIT });
    expect(await brightness(frame.getByTestId('metric-nrr'), 'backgroundColor')).toBeLessThan(200);
    expect(await brightness(frame.getByTestId('metric-nrr-value'), 'color')).toBeGreaterThan(450);
    await session.page.getByTestId('frame-project-page').screenshot({ path: path.join(ARTIFACTS, 'renewals-tab-dark.png') });
    await session.page.getByTestId('theme-switcher').selectOption('light');
  });

  it('configures the Renewals gadget (projects, horizon, health) and shows the resolver’s figures with their definitions — light and dark', async () => {
    await session.signInAs(SAM);
    await session.page.getByTestId('nav-dashboard').click();
    const gadget = session.frame('gadget-relay-renewals-gadget');
    // Not configured yet: it opens in its edit view for someone who may edit the dashboard.
    await session.openGadgetSettings('relay-renewals-gadget');
    const sales = gadget.locator('input[type="checkbox"][name="projectKeys"][value="SALES"]');
    await sales.waitFor(WAIT);
    await sales.check();
    await gadget.locator('select#relay-gadget-horizon').selectOption('60');
    await gadget.locator('input[type="checkbox"][name="health"][value="unknown"]').uncheck();
    await gadget.getByRole('button', { name: 'Save' }).click();
    await session.page.locator('[data-testid="gadget-relay-renewals-gadget"][data-mode="view"]').waitFor(WAIT);
    const stored = session.shell.frames.gadgets.find((g) => g.moduleKey === 'relay-renewals-gadget');
    expect(session.shell.frames.gadgetConfiguration(stored!.id)).toEqual({ projectKeys: ['SALES'], horizonDays: 60, health: ['good', 'average', 'poor'], refreshMinutes: 0 });

    const figures = await direct<z.infer<typeof RenewalsGadgetResult>>('relay-renewals-gadget', SAM, 'gadgets/renewals', { projectKeys: ['SALES'], horizonDays: 60, health: ['good', 'average', 'poor'] });
    await expectText(gadget.getByTestId('renewals-overdue'), formatMoney(figures.overdue.arrMinor, 'USD'));
    await expectText(gadget.getByTestId('renewals-at-risk'), formatMoney(figures.arrAtRiskMinor, 'USD'));
    await expectText(gadget.getByTestId('renewals-nrr'), `${(figures.nrr! * 100).toFixed(1)}%`);
    expect(figures.due.map((d) => d.withinDays)).toEqual([30, 60]);
    await gadget.getByTestId('renewals-due-60').getByText(formatMoney(figures.due[1]!.arrMinor, 'USD')).first().waitFor(WAIT);
    await gadget.getByTestId('renewals-grr').hover();
    await expectText(gadget.getByTestId('renewals-grr-definition'), figures.glossary.grr!);
    await session.page.getByTestId('frame-gadget-relay-renewals-gadget').screenshot({ path: path.join(ARTIFACTS, 'renewals-gadget-light.png') });

    await session.page.getByTestId('theme-switcher').selectOption('dark');
    await gadget.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached', ...WAIT });
    expect(await brightness(gadget.getByTestId('renewals-nrr-tile'), 'backgroundColor')).toBeLessThan(200);
    expect(await brightness(gadget.getByTestId('renewals-nrr'), 'color')).toBeGreaterThan(450);
    await session.page.getByTestId('frame-gadget-relay-renewals-gadget').screenshot({ path: path.join(ARTIFACTS, 'renewals-gadget-dark.png') });
    await session.page.getByTestId('theme-switcher').selectOption('light');
  });

  it('makes a deal recurring with its contract dates where it is created, and edits them in its drawer', async () => {
    await session.signInAs(SAM);
    await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/deals`);
    const frame = session.frame('project-page');
    await frame.getByTestId('deals-page').waitFor(WAIT);
    await frame.getByTestId('create-deal-open').click();
    await frame.getByTestId('deal-name').fill('Northwind: second site');
    await frame.getByTestId('deal-amount').fill('24000');
    await frame.getByTestId('deal-recurring--checkbox-label').click();
    await typeDateIn(frame, 'deal-contract-start', '2027-02-01');
    await typeDateIn(frame, 'deal-contract-end', '2028-01-31');
    await frame.getByTestId('create-deal-submit').click();
    await frame.getByTestId('create-deal').waitFor({ state: 'detached', ...WAIT });
    // The list is a storage query, which trails the write by a moment.
    let created: DealRecord | undefined;
    for (let tries = 0; tries < 40 && !created; tries += 1) {
      const page = await direct<{ items: DealRecord[] }>('relay-crm', SAM, 'deals/list', { projectKey: 'SALES', limit: 100 });
      created = page.items.find((d) => d.name === 'Northwind: second site');
      if (!created) await session.page.waitForTimeout(250);
    }
    if (!created) throw new Error('The new deal never showed in the list');
    expect(created).toMatchObject({ recurring: true, amountMinor: 2_400_000, contractStart: '2027-02-01', contractEnd: '2028-01-31' });

    await frame.getByTestId(`open-deal-${created.id}`).click();
    const contract = frame.getByTestId('deal-drawer');
    await expectText(contract.getByTestId('deal-recurring-value'), 'Yes');
    await contract.getByTestId('drawer-deal-contractEnd').click();
    await typeDateIn(frame, 'drawer-deal-contractEnd-input', '2028-03-31');
    await contract.getByTestId('drawer-deal-contractEnd-save').click();
    await expectText(contract.getByTestId('drawer-deal-contractEnd'), 'Mar 31, 2028');
    await contract.getByTestId('deal-recurring-toggle').click();
    await expectText(contract.getByTestId('deal-recurring-value'), 'No');
    const after = await direct<DealRecord>('relay-crm', SAM, 'deals/get', { dealId: created.id });
    expect(after).toMatchObject({ recurring: false, contractEnd: '2028-03-31' });
  });
});

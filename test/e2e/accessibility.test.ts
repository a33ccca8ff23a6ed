import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { t } from '../../src/frontend/i18n';
import { appFrame, seriousViolations, settled } from '../support/axe';
import { ARTIFACTS, useShellSession, WAIT } from '../support/shell-session';

/** Every surface's screenshot, for the Marketplace listing (docs/listing.md). */
const SHOTS = path.join(ARTIFACTS, 'surfaces');
const shot = async (name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await session.page.screenshot({ path: path.join(SHOTS, `${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`) });
};

/**
 * axe-core on every Custom UI surface of the demo site, as the person who uses it: no serious or
 * critical violation (WCAG 2.1 A/AA and best practices). The findings are printed when any is found.
 */
const ALICE = DEMO_USERS.alice.accountId;
const SAM = DEMO_USERS.sam.accountId;
const VIC = DEMO_USERS.vic.accountId;
const DANA = DEMO_USERS.dana.accountId;

const session = useShellSession({ contexts: 'manual', viewport: { width: 1440, height: 1000 } });

const SURFACES: Array<[string, string, string, string]> = [
  ['the pipeline board', SAM, '#/projects/SALES/apps/relay-crm/pipeline', 'project-page'],
  ['the deals table', SAM, '#/projects/SALES/apps/relay-crm/deals', 'project-page'],
  ['the companies table', SAM, '#/projects/SALES/apps/relay-crm/companies', 'project-page'],
  ['the contacts table', SAM, '#/projects/SALES/apps/relay-crm/contacts', 'project-page'],
  ['insights', VIC, '#/projects/SALES/apps/relay-crm/insights', 'project-page'],
  ['the data quality tab', SAM, '#/projects/SALES/apps/relay-crm/data-quality', 'project-page'],
  ['the import / export tab', SAM, '#/projects/SALES/apps/relay-crm/import-export', 'project-page'],
  ['the renewals tab', ALICE, '#/projects/SALES/apps/relay-crm/renewals', 'project-page'],
  ['the project settings', ALICE, '#/projects/SALES/settings/relay-crm-settings', 'settings'],
  ['the admin page', ALICE, '#/admin/relay-admin', 'admin'],
  ['Get started', ALICE, '#/admin/relay-get-started', 'admin'],
];

describe('accessibility (axe-core) of every Custom UI surface', () => {
  it.each(SURFACES)('%s has no serious or critical violation', async (_name, user, hash, frameName) => {
    await session.context?.close();
    await session.openAs(user, hash);
    const frame = await appFrame(session.page, frameName);
    await settled(frame);
    await shot(_name);
    const found = await seriousViolations(frame);
    if (found.length > 0) console.info(JSON.stringify(found, null, 2));
    expect(found).toEqual([]);
  });

  it.each([['relay-pipeline-gadget'], ['relay-renewals-gadget']])('the %s on a dashboard has no serious or critical violation', async (moduleKey) => {
    await session.context?.close();
    await session.openAs(VIC, '#/dashboard');
    await session.page.getByTestId(`frame-gadget-${moduleKey}`).waitFor(WAIT);
    const frame = await appFrame(session.page, `gadget-${moduleKey}`);
    await settled(frame);
    await shot(`dashboard ${moduleKey}`);
    const found = await seriousViolations(frame);
    if (found.length > 0) console.info(JSON.stringify(found, null, 2));
    expect(found).toEqual([]);
  });

  /**
   * The UI Kit surfaces (the deal panel and the CRM glance) are drawn by Jira in its own page from the
   * app's @forge/react tree; the shell draws them the same way (sandbox/uikit, shell/host/uikit), so
   * axe checks the drawn surfaces in the issue view, not the shell's chrome around them.
   */
  it('the deal panel and the CRM glance of a delivery issue have no serious or critical violation', async () => {
    await session.context?.close();
    const epic = session.sandbox.jira.listIssues('DEL').find((i) => i.summary === 'Deliver Acme Corporation: Annual licence');
    await session.openAs(DANA, `#/projects/DEL/issues/${epic!.key}`);
    const panel = session.page.getByTestId('uikit-relay-deal-panel');
    await panel.getByRole('button', { name: t('action.accept') }).waitFor(WAIT);
    // The glance has drawn its one line (no spinner left, more than the loading label).
    await session.page.waitForFunction(
      (loading) => {
        const glance = document.querySelector('[data-testid="uikit-relay-crm-glance"]');
        const text = glance?.textContent?.trim() ?? '';
        return text.length > 0 && !text.includes(loading) && !glance?.querySelector('[role="progressbar"], [data-testid$="spinner"], svg[aria-label]');
      },
      t('surface.loading'),
      WAIT,
    );
    await shot('issue view with deal panel and glance');
    const found = await seriousViolations(session.page.mainFrame(), ['[data-testid="uikit-relay-deal-panel"]', '[data-testid="uikit-relay-crm-glance"]']);
    if (found.length > 0) console.info(JSON.stringify(found, null, 2));
    expect(found).toEqual([]);
  });

  it('the deal panel of an unlinked issue, with its link form open, has no serious or critical violation', async () => {
    await session.context?.close();
    const issue = session.sandbox.jira.createIssue(DEMO_USERS.alice.accountId, { projectKey: 'DEL', issueType: 'Task', summary: 'Plan the data migration' });
    await session.openAs(DEMO_USERS.alice.accountId, `#/projects/DEL/issues/${issue.key}`);
    const panel = session.page.getByTestId('uikit-relay-deal-panel');
    await panel.getByRole('button', { name: t('action.linkDeal') }).click();
    await panel.getByLabel(t('link.text')).waitFor(WAIT);
    await session.page.getByTestId('uikit-relay-crm-glance').getByText(t('glance.none')).waitFor(WAIT);
    const found = await seriousViolations(session.page.mainFrame(), ['[data-testid="uikit-relay-deal-panel"]', '[data-testid="uikit-relay-crm-glance"]']);
    if (found.length > 0) console.info(JSON.stringify(found, null, 2));
    expect(found).toEqual([]);
  });

  it('announces a keyboard move of a card to screen readers, naming the deal, the stage and the position', async () => {
    await session.context?.close();
    await session.openAs(SAM, '#/projects/SALES/apps/relay-crm/pipeline');
    const frame = await appFrame(session.page, 'project-page');
    await settled(frame);
    const first = frame.locator('[data-testid^="deal-card-"]').first();
    const name = await first.getAttribute('data-deal-name');
    await first.focus();
    await session.page.keyboard.press('Alt+ArrowRight');
    // Atlaskit's live region (pragmatic-drag-and-drop-live-region): a polite status read out after the move.
    await frame.waitForFunction((deal) => [...document.querySelectorAll('[aria-live], [role="status"]')].some((el) => (el.textContent ?? '').includes(`${deal} moved to`)), name, WAIT);
    const spoken = await frame.evaluate(() => [...document.querySelectorAll('[aria-live], [role="status"]')].map((el) => el.textContent ?? '').join(' '));
    expect(spoken).toMatch(new RegExp(`${name!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} moved to .+, position \\d+ of \\d+`));
  });
});

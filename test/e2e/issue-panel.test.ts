import type { Locator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { t } from '../../src/frontend/i18n';
import { eventually, useShellSession, WAIT } from '../support/shell-session';

/**
 * Relay's UI Kit surfaces in the shell's issue view (issue 12, item 5): the real @forge/react tree
 * runs on the shell server and the page draws it with the Atlassian design system, so a person can
 * use it — Accept the hand-off, link a deal from a project and unlink it, flag an expansion — and
 * the panel reads the deal again when Jira says the issue changed (JIRA_ISSUE_CHANGED).
 */
const ALICE = DEMO_USERS.alice.accountId;
const DANA = DEMO_USERS.dana.accountId;

const session = useShellSession({ viewport: { width: 1440, height: 1000 } });

interface Envelope {
  ok: boolean;
  data?: unknown;
}

async function resolve<T>(accountId: string, key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId, projectKey: 'SALES' }, key, payload)) as Envelope;
  if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer)}`);
  return answer.data as T;
}

function panel(): Locator {
  return session.page.getByTestId('uikit-relay-deal-panel');
}

/** The delivery epic the demo's won deal created. */
function demoEpic(): string {
  const epic = session.sandbox.jira.listIssues('DEL').find((i) => i.summary === 'Deliver Acme Corporation: Annual licence');
  if (!epic) throw new Error('The demo site has no delivery epic');
  return epic.key;
}

function panelLoads(accountId: string): number {
  return session.sandbox.platform.invocations.filter((r) => r.kind === 'resolver' && r.moduleKey === 'relay-deal-panel' && r.accountId === accountId).length;
}

describe('the deal panel in the shell’s issue view', () => {
  it('accepts the hand-off when the delivery lead presses Accept', async () => {
    const epic = demoEpic();
    await session.openAs(DANA, `#/projects/DEL/issues/${epic}`);
    await panel().locator('[data-forge-type="Lozenge"]').filter({ hasText: t('handoff.state.created') }).waitFor(WAIT);
    const accept = panel().getByRole('button', { name: t('action.accept') });
    await accept.click();

    await panel().locator('[data-forge-type="Lozenge"]').filter({ hasText: t('handoff.state.accepted') }).waitFor(WAIT);
    await accept.waitFor({ state: 'detached', ...WAIT });
    const deals = await eventually(
      () => resolve<{ items: Array<{ id: string; name: string }> }>(ALICE, 'deals/list', { projectKey: 'SALES', outcome: 'won', limit: 50 }),
      (page) => page.items.some((d) => d.name === 'Acme Corporation: Annual licence'),
    );
    const won = deals.items.find((d) => d.name === 'Acme Corporation: Annual licence');
    const deal = await resolve<{ handoff: { state: string; acceptedBy: string | null; issueKey: string } }>(ALICE, 'deals/get', { dealId: won?.id });
    expect(deal.handoff).toMatchObject({ state: 'accepted', acceptedBy: DANA, issueKey: epic });
  });

  it('links a deal found in a project, unlinks it, and flags an expansion from a linked issue', async () => {
    const issue = session.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Migrate Globex data' });
    await session.openAs(ALICE, `#/projects/DEL/issues/${issue.key}`);
    await panel().getByText(t('none.message')).waitFor(WAIT);
    await panel().getByRole('button', { name: t('action.linkDeal') }).click();

    // The project picker is the design system's select, filled with the projects Jira lets Alice browse.
    await panel().getByLabel(t('link.project')).click();
    await session.page.getByRole('option', { name: 'Sales (SALES)' }).click();
    await panel().getByLabel(t('link.text')).fill('Data migration');
    await panel().getByRole('button', { name: t('link.search') }).click();
    const name = 'Globex: Data migration';
    await panel().getByRole('button', { name: t('link.pick', { name }) }).click();

    await panel().getByRole('heading', { name: new RegExp(name) }).waitFor(WAIT);

    await panel().getByLabel(t('action.expansionName')).fill('Globex: analytics seats');
    await panel().getByRole('button', { name: t('action.flagExpansion') }).click();
    await panel().getByText(t('expansion.created')).waitFor(WAIT);
    const open = await eventually(
      () => resolve<{ items: Array<{ name: string; type: string }> }>(ALICE, 'deals/list', { projectKey: 'SALES', outcome: 'open', limit: 100 }),
      (page) => page.items.some((d) => d.name === 'Globex: analytics seats'),
    );
    expect(open.items.find((d) => d.name === 'Globex: analytics seats')).toMatchObject({ type: 'expansion' });
    // The field was cleared by the app after the expansion was created, and the page shows it cleared.
    await expectValue(panel().getByLabel(t('action.expansionName')), '');

    await panel().getByRole('button', { name: t('action.unlink') }).click();
    await panel().getByRole('button', { name: t('action.linkDeal') }).waitFor(WAIT);
    expect(session.sandbox.jira.listIssues('DEL').find((i) => i.key === issue.key)).toBeDefined();
  });

  it('reads the deal again when the issue changes in the issue view (JIRA_ISSUE_CHANGED)', async () => {
    const epic = demoEpic();
    await session.openAs(DANA, `#/projects/DEL/issues/${epic}`);
    await panel().getByRole('heading').first().waitFor(WAIT);
    await session.page.waitForFunction(() => document.querySelectorAll('[data-testid="uikit-relay-deal-panel"] [data-forge-type="Spinner"]').length === 0, undefined, WAIT);
    const before = panelLoads(DANA);
    // Marks the surface on the page: Jira keeps the extension and tells it, it does not draw it anew.
    await panel().locator('[data-uikit-version]').evaluate((el) => el.setAttribute('data-seen', 'before-transition'));
    await session.page.getByTestId('transition-Done').click();
    await session.page.getByTestId('issue-status').filter({ hasText: 'Done' }).waitFor(WAIT);
    await eventually(() => panelLoads(DANA), (loads) => loads > before);
    expect(await panel().locator('[data-seen="before-transition"]').count()).toBe(1);
    // The delivered state comes from Relay's issue trigger; once it ran, the next change shows it.
    await session.sandbox.host.settle();
    await session.page.reload();
    await panel().locator('[data-forge-type="Lozenge"]').filter({ hasText: t('handoff.state.delivered') }).waitFor(WAIT);
  });
});

async function expectValue(field: Locator, value: string): Promise<void> {
  await eventually(() => field.inputValue(), (current) => current === value);
}

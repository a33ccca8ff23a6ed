import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { optionsOf } from '../support/atlaskit';
import { expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 item 4: people are shown as Jira shows them (display name and avatar from Jira's user
 * API), never as account ids — on cards, in the owner filter, tables, drawers, the timeline and the
 * footer — and one screen costs one people lookup (one Jira request).
 */
const SAM = DEMO_USERS.sam.accountId;
const ACCOUNT_ID = /5b10ac8d82e0/;

const session = useShellSession({ viewport: { width: 1440, height: 900 }, home: true });

async function openAs(accountId: string, subpage: string): Promise<FrameLocator> {
  await session.signInAs(accountId);
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/${subpage}`);
  return session.frame('project-page');
}

/** Every account id the page shows, in its text or in the labels and tooltips people read. */
async function accountIdsShown(frame: FrameLocator): Promise<string[]> {
  return frame.locator('body').evaluate((body: HTMLElement) => {
    const texts = [body.innerText, ...Array.from(body.querySelectorAll('[title],[aria-label],[alt]')).flatMap((el) => [el.getAttribute('title'), el.getAttribute('aria-label'), el.getAttribute('alt')])];
    return texts.filter((text): text is string => !!text && /5b10ac8d82e0/.test(text));
  });
}

describe('people in Relay', () => {
  it('shows owners on the board by name and avatar, with "Me" by name, and looks them up once', async () => {
    // A slow start (a cold function, a loaded machine): the project's context takes 1.5 s, longer
    // than the footer's quiet wait. Its own name must still join the board's one lookup.
    const invoke = session.sandbox.host.invokeResolver.bind(session.sandbox.host);
    session.sandbox.host.invokeResolver = async (target, functionKey, payload) => {
      if (functionKey === 'projects/context') await new Promise((resolve) => setTimeout(resolve, 1_500));
      return invoke(target, functionKey, payload);
    };
    try {
      await boardLooksPeopleUpOnce();
    } finally {
      session.sandbox.host.invokeResolver = invoke;
    }
  });

  async function boardLooksPeopleUpOnce(): Promise<void> {
    const before = session.sandbox.platform.invocations.length;
    const frame = await openAs(SAM, 'pipeline');
    await frame.getByTestId('pipeline-board').waitFor(WAIT);
    const card = frame.locator('[data-testid^="deal-card-"]').first();
    await card.getByRole('img', { name: 'Owner: Sam Seller' }).waitFor(WAIT);
    await expectText(frame.getByTestId('connection-user'), 'Sam Seller');
    const owners = await optionsOf(frame, 'filter-owner');
    expect(owners).toContain('Me (Sam Seller)');
    expect(await accountIdsShown(frame)).toEqual([]);

    const lookups = session.sandbox.platform.invocations.slice(before).filter((r) => r.functionKey === 'resolver' && r.cost.jiraByRoute['GET /rest/api/3/user/bulk']);
    expect(lookups).toHaveLength(1);
    expect(lookups[0]?.cost.jiraByRoute['GET /rest/api/3/user/bulk']).toBe(1);
  }

  it('names people in the deals table, the drawer and its timeline, never by account id', async () => {
    const frame = await openAs(SAM, 'deals');
    const table = frame.getByTestId('deals-table');
    await table.getByText('Sam Seller').first().waitFor(WAIT);
    // Sam's deal: the demo's renewal deals (listed first) belong to their accounts' owner, Alice.
    const open = table.locator('tr', { hasText: 'Sam Seller' }).locator('[data-testid^="open-deal-"]').first();
    await open.click();
    const drawer = frame.getByTestId('deal-drawer');
    await expectText(drawer.getByTestId('record-owner'), 'Sam Seller');
    await drawer.getByTestId('timeline-entry').first().waitFor(WAIT);
    await drawer.getByTestId('timeline').getByText(/Sam Seller/).first().waitFor(WAIT);
    expect(await accountIdsShown(frame)).toEqual([]);
    expect(ACCOUNT_ID.test(await frame.locator('body').innerText())).toBe(false);
  });
});

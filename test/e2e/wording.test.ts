import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 item 8: what users read is written for them. Field problems are worded from the i18n
 * resources (never zod's "Too big: expected string to have <=255 characters"), and the timeline tells
 * what happened ("Sam Seller created the deal", "Relay created the delivery work in Jira") rather
 * than "relay changed handoffState from pending to created", "set Recurring to no", "Times pushed to
 * 0" or "1 contacts".
 */
const SAM = DEMO_USERS.sam.accountId;
const DEVELOPER_TEXT = /handoffState|Times pushed|set Recurring|\b1 contacts\b|Too big|Too small|expected string|Invalid input|\brelay changed\b/;

const session = useShellSession({ viewport: { width: 1440, height: 900 }, home: true });

async function resolver<T>(key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data?: unknown; error?: unknown };
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.data as T;
}

async function openDeal(name: string): Promise<{ frame: FrameLocator; id: string }> {
  const deals = await resolver<{ items: Array<{ id: string; name: string }> }>('deals/list', { projectKey: 'SALES', limit: 100, outcome: 'won' });
  const open = await resolver<{ items: Array<{ id: string; name: string }> }>('deals/list', { projectKey: 'SALES', limit: 100 });
  const deal = [...deals.items, ...open.items].find((d) => d.name === name);
  if (!deal) throw new Error(`No demo deal ${name}`);
  await session.signInAs(SAM);
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/deals/${deal.id}`);
  const frame = session.frame('project-page');
  await frame.getByTestId('deal-drawer').getByTestId('timeline-entry').first().waitFor(WAIT);
  return { frame, id: deal.id };
}

describe('words users read', () => {
  it('tells a won deal’s story in the timeline in sentences, with the hand-off as what happened', async () => {
    await session.sandbox.host.settle();
    const { frame } = await openDeal('Acme Corporation: Annual licence');
    const timeline = frame.getByTestId('deal-drawer').getByTestId('timeline');
    await timeline.getByText('Sam Seller created the deal').waitFor(WAIT);
    await timeline.getByText('Relay created the delivery work in Jira; it is waiting for acceptance').waitFor(WAIT);
    await timeline.getByText('Sam Seller won the deal and started the hand-off to delivery').waitFor(WAIT);
    expect(await timeline.innerText()).not.toMatch(DEVELOPER_TEXT);
  });

  it('words a too-long name and a changed contact list for people', async () => {
    const { frame, id } = await openDeal('Globex: Data migration');
    const drawer = frame.getByTestId('deal-drawer');
    await drawer.getByTestId('drawer-deal-name').click();
    await drawer.getByTestId('drawer-deal-name-input').fill('x'.repeat(300));
    await drawer.getByTestId('drawer-deal-name-save').click();
    await expectText(drawer.getByTestId('drawer-deal-name-error'), 'Keep it to 255 characters or fewer.');
    await drawer.getByRole('button', { name: 'Cancel' }).first().click();

    const deal = await resolver<{ version: number; contactIds: string[] }>('deals/get', { dealId: id });
    await resolver('deals/update', { dealId: id, version: deal.version, changes: { contactIds: deal.contactIds.slice(0, 1) } });
    await session.page.reload();
    const timeline = session.frame('project-page').getByTestId('deal-drawer').getByTestId('timeline');
    await timeline.getByText(/changed Contacts from \d contacts to 1 contact$/).waitFor(WAIT);
    expect(await timeline.innerText()).not.toMatch(DEVELOPER_TEXT);
  });
});

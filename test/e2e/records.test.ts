import type { FrameLocator, Locator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { typeDateIn } from '../support/atlaskit';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * The deals, companies and contacts views in Chromium: the built Custom UI in the shell's iframe,
 * the real resolver on the sandbox behind the bridge. Waits are on what the page shows.
 */
const SAM = DEMO_USERS.sam.accountId;
const VIC = DEMO_USERS.vic.accountId;
const ALICE = DEMO_USERS.alice.accountId;

// Tall enough for the create forms: Atlaskit's modal is fixed inside the iframe, whose height the shell sizes to the page.
const session = useShellSession({ viewport: { width: 1280, height: 1000 }, home: true });

async function openAs(accountId: string, subpage: string): Promise<FrameLocator> {
  await session.signInAs(accountId);
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/${subpage}`);
  const frame = session.frame('project-page');
  await frame.getByTestId(`${subpage.split('/')[0]}-page`).waitFor(WAIT);
  return frame;
}

/** Moves to another tab of the open project page with Jira's sidebar, as a user does (the page's iframe stays). */
async function goToTab(subpage: string): Promise<FrameLocator> {
  await session.page.getByTestId(`nav-page-${subpage}`).click();
  const frame = session.frame('project-page');
  await frame.getByTestId(`${subpage}-page`).waitFor(WAIT);
  return frame;
}

/** Waits until the element's whole text is `text` (trimmed). */
async function expectText(locator: Locator, text: string): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await locator.filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).first().waitFor(WAIT);
}

async function resolver<T>(accountId: string, key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data?: unknown; error?: unknown };
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.data as T;
}

describe('records: deals, companies and contacts', () => {
  it('lets Sam create a company, a contact at it and a deal for them, with field errors for a taken domain and a bad email', async () => {
    // Storage queries (the company search, a company's contacts) trail writes. Here they trail by a
    // minute, so each step can only find what it created a moment ago because the page remembers it.
    const lag = session.sandbox.kvs.queryLagMs;
    session.sandbox.kvs.queryLagMs = 60_000;
    try {
      await createCompanyContactAndDeal();
    } finally {
      session.sandbox.kvs.queryLagMs = lag;
    }
  });

  async function createCompanyContactAndDeal(): Promise<void> {
    let frame = await openAs(SAM, 'companies');
    await frame.getByTestId('companies-table').getByText('Acme Corporation').waitFor(WAIT);

    await frame.getByTestId('create-company-open').click();
    await frame.getByTestId('company-name').fill('Wayne Enterprises');
    await frame.getByTestId('company-domain').fill('https://www.ACME.example/pricing');
    await frame.getByTestId('create-company-submit').click();
    await expectText(frame.getByTestId('field-error-domain'), 'Taken by Acme Corporation');
    await frame.getByTestId('exists-already').getByText('Exists already: Acme Corporation.').waitFor(WAIT);

    await frame.getByTestId('company-domain').fill('wayne.example');
    await frame.getByTestId('create-company-submit').click();
    await frame.getByTestId('create-company').waitFor({ state: 'detached', ...WAIT });
    await frame.getByTestId('companies-table').getByText('Wayne Enterprises').waitFor(WAIT);

    frame = await goToTab('contacts');
    await frame.getByTestId('create-contact-open').click();
    await frame.getByTestId('contact-name').fill('Bruce Wayne');
    await frame.getByTestId('contact-email').fill('bruce@');
    await frame.getByTestId('create-contact-submit').click();
    await expectText(frame.getByTestId('field-error-email'), 'Not an email address: type something like ana@acme.com.');
    await frame.getByTestId('contact-email').fill('Bruce@Wayne.example');
    const contactForm = frame.getByTestId('create-contact');
    await contactForm.getByTestId('company-picker-input').fill('Wayne');
    await contactForm.getByRole('button', { name: /Wayne Enterprises/ }).click();
    await expectText(contactForm.getByTestId('company-picked').locator('span').first(), 'Wayne Enterprises');
    await frame.getByTestId('create-contact-submit').click();
    await frame.getByTestId('create-contact').waitFor({ state: 'detached', ...WAIT });
    const contactRow = frame.getByTestId('contacts-table').locator('tr', { hasText: 'Bruce Wayne' });
    await contactRow.getByText('bruce@wayne.example').waitFor(WAIT);
    await contactRow.getByText('Wayne Enterprises').waitFor(WAIT);

    frame = await goToTab('deals');
    await frame.getByTestId('create-deal-open').click();
    await frame.getByTestId('deal-name').fill('Wayne: Batcave security');
    const dealForm = frame.getByTestId('create-deal');
    await dealForm.getByTestId('company-picker-input').fill('Wayne');
    await dealForm.getByRole('button', { name: /Wayne Enterprises/ }).click();
    await frame.getByTestId('deal-contacts').getByText('Bruce Wayne').click();
    await frame.getByTestId('deal-currency').selectOption('EUR');
    await frame.getByTestId('deal-amount').fill('12000.505');
    await frame.getByTestId('create-deal-submit').click();
    await expectText(frame.getByTestId('field-error-amount'), 'EUR amounts have at most 2 decimal places.');
    await frame.getByTestId('deal-amount').fill('12,000.50');
    await typeDateIn(frame, 'deal-close-date', '2027-03-31');
    await frame.getByTestId('create-deal-submit').click();
    await frame.getByTestId('create-deal').waitFor({ state: 'detached', ...WAIT });
    const dealRow = frame.getByTestId('deals-table').locator('tr', { hasText: 'Wayne: Batcave security' });
    await dealRow.getByText('€12,000.50').waitFor(WAIT);
    await dealRow.getByText('Wayne Enterprises').waitFor(WAIT);

    // The page showed the deal from the create answer; the stored list (an entity query) shows it once the write settles.
    session.sandbox.kvs.settleQueries();
    const deals = await resolver<{ items: Array<{ name: string; amountMinor: number; currency: string; contactIds: string[]; companyId: string; closeDate: string }> }>(SAM, 'deals/list', { projectKey: 'SALES', limit: 100 });
    const stored = deals.items.find((d) => d.name === 'Wayne: Batcave security');
    expect(stored).toMatchObject({ amountMinor: 1_200_050, currency: 'EUR', closeDate: '2027-03-31' });
    expect(stored?.contactIds).toHaveLength(1);
  }

  it('edits a deal amount in place, shows the audit entry in the drawer’s timeline, survives a conflicting edit and logs activities', async () => {
    const target = (await resolver<{ items: Array<{ id: string; name: string; version: number }> }>(SAM, 'deals/list', { projectKey: 'SALES', limit: 100 })).items.find((d) => d.name === 'Acme Corporation: Platform rollout');
    if (!target) throw new Error('The demo deal is missing');
    const frame = await openAs(SAM, 'deals');
    const amount = frame.getByTestId(`deal-amount-${target.id}`);
    await expectText(amount, '€48,000');
    await amount.click();
    await frame.getByTestId(`deal-amount-${target.id}-input`).fill('50000');
    await frame.getByTestId(`deal-amount-${target.id}-input`).press('Enter');
    await expectText(frame.getByTestId(`deal-amount-${target.id}`), '€50,000');

    // Alice changes the amount after Sam opened the editor: Sam's save meets a CONFLICT, sees her value, and saves again.
    await frame.getByTestId(`deal-amount-${target.id}`).click();
    await frame.getByTestId(`deal-amount-${target.id}-input`).fill('55000');
    const fresh = await resolver<{ version: number }>(SAM, 'deals/get', { dealId: target.id });
    await resolver(ALICE, 'deals/update', { dealId: target.id, version: fresh.version, changes: { amountMinor: 5_100_000 } });
    await frame.getByTestId(`deal-amount-${target.id}-save`).click();
    await frame.getByTestId(`deal-amount-${target.id}-error`).getByText('it is now €51,000', { exact: false }).waitFor(WAIT);
    await frame.getByTestId(`deal-amount-${target.id}-save`).click();
    await expectText(frame.getByTestId(`deal-amount-${target.id}`), '€55,000');

    await frame.getByTestId(`open-deal-${target.id}`).click();
    await session.page.waitForURL(new RegExp(`/apps/relay-crm/deals/${target.id}$`), WAIT);
    const drawer = frame.getByTestId('deal-drawer');
    await expectText(drawer.getByTestId('drawer-title'), 'Acme Corporation: Platform rollout');
    const timeline = drawer.getByTestId('timeline');
    await timeline.getByText('Sam Seller changed Amount from €48,000 to €50,000').waitFor(WAIT);
    await timeline.getByText('Alice Admin changed Amount from €50,000 to €51,000').waitFor(WAIT);
    await timeline.getByText('Sam Seller changed Amount from €51,000 to €55,000').waitFor(WAIT);

    await drawer.getByTestId('activity-kind').selectOption('call');
    await drawer.getByTestId('activity-subject').fill('Called the CFO about the rollout');
    await drawer.getByTestId('activity-body').fill('Budget approved for Q1.');
    await drawer.getByTestId('activity-submit').click();
    const call = timeline.locator('[data-testid="timeline-entry"][data-kind="call"]');
    await call.getByText('Called the CFO about the rollout').waitFor(WAIT);
    await call.getByText('Budget approved for Q1.').waitFor(WAIT);

    await drawer.getByTestId('activity-kind').selectOption('task');
    await drawer.getByTestId('activity-subject').fill('Send the order form');
    await drawer.getByTestId('activity-submit').click();
    await expectText(drawer.getByTestId('field-error-dueAt'), 'A task needs a due date');
    await typeDateIn(frame, 'activity-due', '2027-01-15');
    await drawer.getByTestId('activity-submit').click();
    await timeline.locator('[data-testid="timeline-entry"][data-kind="task"]').getByText('Due Jan 15, 2027', { exact: false }).waitFor(WAIT);

    await new Promise((resolve) => setTimeout(resolve, session.sandbox.kvs.queryLagMs)); // the stored list is an entity query
    const entries = await resolver<{ items: Array<{ kind: string; subject?: string }> }>(SAM, 'timeline/list', { recordType: 'deal', recordId: target.id });
    expect(entries.items.filter((e) => e.kind !== 'change').map((e) => [e.kind, e.subject])).toEqual([
      ['task', 'Send the order form'],
      ['call', 'Called the CFO about the rollout'],
    ]);

    // The drawer links to the company's own drawer, with its contacts and deals.
    await drawer.getByTestId('deal-company').click();
    await session.page.waitForURL(/\/apps\/relay-crm\/companies\/[^/]+$/, WAIT);
    const company = frame.getByTestId('company-drawer');
    await expectText(company.getByTestId('drawer-title'), 'Acme Corporation');
    await company.getByTestId('company-contacts').getByText('Ana López').waitFor(WAIT);
    await company.getByTestId('company-deals').getByText('Acme Corporation: Platform rollout').waitFor(WAIT);
  });

  it('shows Vic the records without any create, edit or log controls', async () => {
    let frame = await openAs(VIC, 'deals');
    const firstDeal = frame.getByTestId('deals-table').locator('tbody tr [data-testid^="open-deal-"]').first();
    await firstDeal.waitFor(WAIT);
    expect(await frame.getByTestId('create-deal-open').count()).toBe(0);
    expect(await frame.locator('.relay-inline').count()).toBe(0);
    await firstDeal.click();
    await frame.getByTestId('deal-drawer').getByTestId('timeline').waitFor(WAIT);
    expect(await frame.getByTestId('log-activity').count()).toBe(0);
    expect(await frame.getByTestId('deal-drawer').locator('.relay-inline').count()).toBe(0);

    frame = await openAs(VIC, 'companies');
    await frame.getByTestId('companies-table').getByText('Globex', { exact: true }).waitFor(WAIT);
    expect(await frame.getByTestId('create-company-open').count()).toBe(0);
    frame = await openAs(VIC, 'contacts');
    await frame.getByTestId('contacts-table').locator('tbody tr').first().waitFor(WAIT);
    expect(await frame.getByTestId('create-contact-open').count()).toBe(0);
  });
});

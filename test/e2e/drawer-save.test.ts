import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 item 1: a record drawer shows what was just saved in it. The drawer, its timeline and the
 * table behind it must agree after every successful save, for deals, companies and contacts alike.
 */
const SAM = DEMO_USERS.sam.accountId;

const session = useShellSession({ viewport: { width: 1440, height: 900 }, home: true });

async function openAs(accountId: string, subpage: string): Promise<FrameLocator> {
  await session.signInAs(accountId);
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/${subpage}`);
  const frame = session.frame('project-page');
  await frame.getByTestId(`${subpage.split('/')[0]}-page`).waitFor(WAIT);
  return frame;
}

async function resolver<T>(key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data?: unknown; error?: unknown };
  if (!answer.ok) throw new Error(`${key}: ${JSON.stringify(answer.error)}`);
  return answer.data as T;
}

/** Edits one in-place field of an open drawer and saves it with Enter. */
async function editInDrawer(frame: FrameLocator, drawerId: string, testId: string, value: string): Promise<void> {
  const drawer = frame.getByTestId(drawerId);
  await drawer.getByTestId(testId).click();
  await drawer.getByTestId(`${testId}-input`).fill(value);
  await drawer.getByTestId(`${testId}-input`).press('Enter');
  await drawer.getByTestId(`${testId}-form`).waitFor({ state: 'detached', ...WAIT });
}

describe('record drawers after a save', () => {
  it('show the saved deal amount in the drawer, its timeline and the table behind it', async () => {
    const deals = await resolver<{ items: Array<{ id: string; name: string }> }>('deals/list', { projectKey: 'SALES', limit: 100 });
    const deal = deals.items.find((d) => d.name === 'Globex: Analytics add-on');
    if (!deal) throw new Error('The demo deal is missing');
    const frame = await openAs(SAM, `deals/${deal.id}`);
    const drawer = frame.getByTestId('deal-drawer');
    await expectText(drawer.getByTestId('drawer-deal-amountMinor'), '€12,500');

    await editInDrawer(frame, 'deal-drawer', 'drawer-deal-amountMinor', '16000');
    await drawer.getByTestId('timeline').getByText('Sam Seller changed Amount from €12,500 to €16,000').waitFor(WAIT);
    await expectText(drawer.getByTestId('drawer-deal-amountMinor'), '€16,000');
    await expectText(frame.getByTestId(`deal-amount-${deal.id}`), '€16,000');

    // A second edit starts from the saved record (its version), so it saves instead of meeting a CONFLICT.
    await editInDrawer(frame, 'deal-drawer', 'drawer-deal-nextStep', 'Send the security questionnaire');
    await expectText(drawer.getByTestId('drawer-deal-nextStep'), 'Send the security questionnaire');
    await expectText(drawer.getByTestId('drawer-deal-amountMinor'), '€16,000');
    const stored = await resolver<{ amountMinor: number; nextStep: string }>('deals/get', { dealId: deal.id });
    expect(stored).toMatchObject({ amountMinor: 1_600_000, nextStep: 'Send the security questionnaire' });
  });

  it('show the saved company and contact fields in their drawers', async () => {
    const companies = await resolver<{ items: Array<{ id: string; name: string }> }>('companies/list', { limit: 50 });
    const initech = companies.items.find((c) => c.name === 'Initech');
    if (!initech) throw new Error('The demo company is missing');
    let frame = await openAs(SAM, `companies/${initech.id}`);
    const company = frame.getByTestId('company-drawer');
    await expectText(company.getByTestId('company-industry'), 'Software');
    await editInDrawer(frame, 'company-drawer', 'company-industry', 'Fintech');
    await expectText(company.getByTestId('company-industry'), 'Fintech');
    await editInDrawer(frame, 'company-drawer', 'company-region', 'EMEA');
    await expectText(company.getByTestId('company-region'), 'EMEA');
    await expectText(company.getByTestId('company-industry'), 'Fintech');

    const contacts = await resolver<{ items: Array<{ id: string; name: string; email: string | null }> }>('contacts/list', { companyId: initech.id, limit: 50 });
    const contact = contacts.items[0];
    if (!contact) throw new Error('The demo contact is missing');
    frame = await openAs(SAM, `contacts/${contact.id}`);
    const drawer = frame.getByTestId('contact-drawer');
    await editInDrawer(frame, 'contact-drawer', 'contact-title', 'Chief Operating Officer');
    await expectText(drawer.getByTestId('contact-title'), 'Chief Operating Officer');
    await editInDrawer(frame, 'contact-drawer', 'contact-phone', '+1 555 0100');
    await expectText(drawer.getByTestId('contact-phone'), '+1 555 0100');
    await expectText(drawer.getByTestId('contact-title'), 'Chief Operating Officer');
  });
});

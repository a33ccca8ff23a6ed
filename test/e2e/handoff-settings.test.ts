import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { t } from '../../static/src/lib/i18n';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * Project settings → Relay CRM → "Hand-off to delivery" in Chromium, on the real built bundle, the
 * real resolvers and the demo site (which has a saved SALES template: Epic in DEL for Dana). An
 * admin edits the summary with the placeholder buttons, the SLA, labels and checklist, saves and
 * sees it all after a reload; previews a demo deal; is stopped beside a field before any call; and
 * is offered someone else's version on a conflict. A seller sees it read only. Every wait is on
 * something the page shows.
 */
const ALICE = DEMO_USERS.alice.accountId;
const SAM = DEMO_USERS.sam.accountId;
const SETTINGS = '#/projects/SALES/settings/relay-crm-settings';

const session = useShellSession({ contexts: 'manual', viewport: { width: 1280, height: 1000 } });

function settingsFrame(): FrameLocator {
  return session.frame('settings');
}

interface StoredTemplate {
  version: number;
  summaryTemplate: string;
  acceptWithinBusinessHours: number;
  labels: string[];
  checklist: string[];
  targetProjectKey: string;
  issueTypeName: string;
  assigneeAccountId: string | null;
  includeContactEmails: boolean;
}

async function call<T>(key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm-settings', accountId: ALICE, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data: T; error?: unknown };
  if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

const storedTemplate = () => call<StoredTemplate>('handoff/template', { projectKey: 'SALES' });

function saveCalls(): number {
  return session.sandbox.platform.invocations.filter((r) => r.kind === 'resolver' && r.moduleKey === 'relay-crm-settings' && r.accountId === ALICE).length;
}

describe('the hand-off template in the CRM settings page', () => {
  it('lets a project admin edit the summary, SLA, labels and checklist, save, and see them after a reload', async () => {
    const before = await storedTemplate();
    expect(before).toMatchObject({ summaryTemplate: 'Deliver {{deal.name}}', acceptWithinBusinessHours: 16, targetProjectKey: 'DEL' });
    await session.openAs(ALICE, SETTINGS);
    const frame = settingsFrame();
    const summary = frame.locator('#handoff-summary');
    await summary.waitFor(WAIT);
    expect(await summary.inputValue()).toBe('Deliver {{deal.name}}');
    await frame.getByTestId('handoff-sla-sentence').filter({ hasText: 'Accept within 16 business hours (Mon–Fri 09:00–17:00 UTC).' }).waitFor(WAIT);
    // The saved target project and assignee show by name (from Jira, as the admin).
    await frame.getByTestId('handoff-form').getByText('Delivery (DEL)', { exact: true }).waitFor(WAIT);
    await frame.getByTestId('handoff-form').getByText('Dana Delivery').waitFor(WAIT);

    // The placeholder buttons insert at the caret and hand the caret back to the field.
    await summary.fill('Onboard');
    await frame.getByRole('button', { name: 'Insert {{company.name}} into the summary' }).click();
    await session.page.keyboard.type(': ');
    await frame.getByRole('button', { name: 'Insert {{deal.name}} into the summary' }).click();
    expect(await summary.inputValue()).toBe('Onboard {{company.name}}: {{deal.name}}');
    expect(await summary.evaluate((el) => el === document.activeElement)).toBe(true);

    await frame.locator('#handoff-sla-hours').fill('24');
    await frame.getByTestId('handoff-sla-sentence').filter({ hasText: 'Accept within 24 business hours' }).waitFor(WAIT);

    const labels = frame.locator('#handoff-labels');
    await labels.focus();
    await labels.pressSequentially('onboarding');
    await frame.getByRole('option', { name: 'Add label “onboarding”' }).waitFor(WAIT);
    await labels.press('Enter');

    // A new checklist line, moved up by keyboard; focus stays on the button at the line's new place.
    await frame.getByTestId('handoff-line-add').click();
    await frame.locator('#handoff-line-2').fill('Send the welcome pack');
    const up = frame.getByRole('button', { name: 'Move line 3 up' });
    await up.focus();
    await up.press('Enter');
    await frame.locator('#handoff-line-1[value="Send the welcome pack"]').waitFor(WAIT);
    expect(await frame.getByRole('button', { name: 'Move line 2 up' }).evaluate((el) => el === document.activeElement)).toBe(true);

    await frame.getByTestId('handoff-dirty').filter({ hasText: 'You have unsaved changes.' }).waitFor(WAIT);
    await frame.getByTestId('handoff-save').click();
    await session.page.locator('[data-testid="flag"]').filter({ hasText: 'Hand-off template saved' }).waitFor(WAIT);

    const saved = await storedTemplate();
    expect(saved).toMatchObject({
      version: before.version + 1,
      summaryTemplate: 'Onboard {{company.name}}: {{deal.name}}',
      acceptWithinBusinessHours: 24,
      labels: ['relay-handoff', 'onboarding'],
      checklist: ['Kick-off call with the customer', 'Send the welcome pack', 'Confirm scope and success criteria'],
      targetProjectKey: 'DEL',
      issueTypeName: 'Epic',
      assigneeAccountId: DEMO_USERS.dana.accountId,
    });

    await session.page.reload();
    const again = settingsFrame();
    await again.locator('#handoff-summary[value="Onboard {{company.name}}: {{deal.name}}"]').waitFor(WAIT);
    expect(await again.locator('#handoff-sla-hours').inputValue()).toBe('24');
    expect(await again.locator('#handoff-line-1').inputValue()).toBe('Send the welcome pack');
    await again.getByTestId('handoff-form').getByText('onboarding', { exact: true }).waitFor(WAIT);
    expect(await again.getByTestId('handoff-dirty').textContent()).toBe('');
  });

  it('previews the issue the saved template makes of a demo deal: filled summary, fields, children and the ADF description', async () => {
    const template = await storedTemplate();
    await session.openAs(ALICE, SETTINGS);
    const frame = settingsFrame();
    const deal = frame.locator('#handoff-preview-deal');
    await deal.waitFor(WAIT);
    await deal.pressSequentially('Platform');
    await frame.getByRole('option', { name: 'Acme Corporation: Platform rollout' }).waitFor(WAIT);
    await deal.press('Enter');

    const issue = frame.getByTestId('handoff-preview-issue');
    await issue.waitFor(WAIT);
    const expected = template.summaryTemplate.replace('{{company.name}}', 'Acme Corporation').replace('{{deal.name}}', 'Acme Corporation: Platform rollout');
    expect(await frame.getByTestId('handoff-preview-summary').textContent()).toBe(expected);
    expect(await frame.getByTestId('handoff-preview-project').textContent()).toBe('Delivery (DEL)');
    expect(await frame.getByTestId('handoff-preview-type').textContent()).toBe('Epic');
    await frame.getByTestId('handoff-preview-assignee').filter({ hasText: 'Dana Delivery' }).waitFor(WAIT);
    expect(await frame.getByTestId('handoff-preview-due').textContent()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    for (const label of template.labels) await frame.getByTestId('handoff-preview-labels').getByText(label, { exact: true }).waitFor(WAIT);
    expect(await frame.getByTestId('handoff-preview-children').locator('li').allTextContents()).toEqual(template.checklist);

    const description = frame.getByTestId('handoff-preview-description');
    await description.getByRole('heading', { name: 'Scope' }).waitFor(WAIT);
    await description.getByRole('heading', { name: 'Success criteria' }).waitFor(WAIT);
    await description.getByText('Acme Corporation', { exact: true }).waitFor(WAIT);
    const link = description.getByRole('link', { name: 'Acme Corporation: Platform rollout' });
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('stops an invalid template beside its fields without a call, and offers someone else’s saved version on a conflict', async () => {
    await session.openAs(ALICE, SETTINGS);
    const frame = settingsFrame();
    const summary = frame.locator('#handoff-summary');
    await summary.waitFor(WAIT);
    // Every call the page makes on its own (context, template, status, and the footer's name, which
    // waits a moment to join other lookups) has answered before counting.
    await frame.getByTestId('connection-user').filter({ hasNotText: t('people.loading') }).waitFor(WAIT);

    await summary.fill('');
    await frame.locator('#handoff-sla-hours').fill('0');
    const calls = saveCalls();
    await frame.getByTestId('handoff-save').click();
    await frame.getByTestId('handoff-summary-error').filter({ hasText: 'A summary template of 1 to 255 characters.' }).waitFor(WAIT);
    await frame.getByTestId('handoff-sla-hours-error').filter({ hasText: 'A whole number of business hours from 1 to 400.' }).waitFor(WAIT);
    await frame.getByTestId('handoff-invalid').waitFor(WAIT);
    expect(await summary.getAttribute('aria-describedby')).toBe('handoff-summary-error');
    expect(saveCalls()).toBe(calls);

    // Someone saves while this page is open: the next save here is refused with their version on offer.
    const current = await storedTemplate();
    const { version, ...rest } = current;
    const theirs = { ...pick(rest), summaryTemplate: 'Their summary {{deal.name}}' };
    await call('handoff/save-template', { projectKey: 'SALES', version, template: theirs });

    await summary.fill('Mine {{deal.name}}');
    await frame.locator('#handoff-sla-hours').fill('8');
    await frame.getByTestId('handoff-summary-error').waitFor({ state: 'detached', ...WAIT });
    await frame.getByTestId('handoff-save').click();
    const conflict = frame.getByTestId('handoff-conflict');
    await conflict.filter({ hasText: 'Someone changed the hand-off template after you opened it.' }).waitFor(WAIT);
    await conflict.getByRole('button', { name: 'Load their version' }).click();
    await frame.locator('#handoff-summary[value="Their summary {{deal.name}}"]').waitFor(WAIT);
    await conflict.waitFor({ state: 'detached', ...WAIT });
    expect((await storedTemplate()).summaryTemplate).toBe('Their summary {{deal.name}}');
  });

  it('shows which deal fields the delivery issue carries and who can read them, saves the e-mail opt-in, and refuses an assignee Jira cannot assign', async () => {
    const before = await storedTemplate();
    expect(before).toMatchObject({ includeContactEmails: false, summaryTemplate: expect.not.stringContaining('{{deal.amount}}') });
    await session.openAs(ALICE, SETTINGS);
    const frame = settingsFrame();
    const exposure = frame.getByTestId('handoff-exposure');
    await exposure.getByTestId('handoff-exposure-readers').filter({ hasText: 'Everyone who can browse Delivery (DEL) can read these deal fields on the issue' }).waitFor(WAIT);
    const part = (name: string) => exposure.getByTestId(`handoff-exposure-${name}`).locator('li').allTextContents();
    expect(await part('summary')).toEqual(['Deal name']);
    expect(await part('description')).not.toContain("Contacts' e-mail addresses");
    expect(await part('property')).toEqual(['Deal id', 'Company id', 'Company name', 'Hand-off state']);

    // The list follows the draft: a placeholder added to the summary, the e-mails opted in.
    await frame.getByRole('button', { name: 'Insert {{deal.amount}} into the summary' }).click();
    await exposure.getByTestId('handoff-exposure-summary').getByText('Amount or ARR').waitFor(WAIT);
    await frame.getByTestId('handoff-contact-emails--checkbox-label').click();
    await exposure.getByTestId('handoff-exposure-description').getByText("Contacts' e-mail addresses").waitFor(WAIT);
    await frame.getByTestId('handoff-save').click();
    await session.page.locator('[data-testid="flag"]').filter({ hasText: 'Hand-off template saved' }).waitFor(WAIT);
    expect(await storedTemplate()).toMatchObject({ includeContactEmails: true, summaryTemplate: `${before.summaryTemplate} {{deal.amount}}` });

    // Vic can browse DEL but Jira cannot assign him issues there: the server says so beside the field.
    const assignee = frame.locator('#handoff-assignee');
    await assignee.focus();
    await assignee.pressSequentially('Vic');
    await frame.getByRole('option', { name: 'Vic Viewer' }).waitFor(WAIT);
    await assignee.press('Enter');
    await frame.getByTestId('handoff-save').click();
    await frame.getByTestId('handoff-assignee-error').filter({ hasText: 'Not assignable in DEL' }).waitFor(WAIT);
    expect((await storedTemplate()).assigneeAccountId).toBe(DEMO_USERS.dana.accountId);
  });

  it('shows the template read only to someone who cannot administer the project', async () => {
    await session.openAs(SAM, SETTINGS);
    const frame = settingsFrame();
    await frame.getByTestId('handoff-read-only').filter({ hasText: 'changing the hand-off template needs the Jira permission Administer projects' }).waitFor(WAIT);
    const summary = frame.locator('#handoff-summary');
    expect(await summary.getAttribute('readonly')).not.toBeNull();
    expect(await frame.locator('#handoff-sla-hours').getAttribute('readonly')).not.toBeNull();
    expect(await frame.locator('#handoff-line-0').getAttribute('readonly')).not.toBeNull();
    expect(await frame.locator('#handoff-project').isDisabled()).toBe(true);
    expect(await frame.getByTestId('handoff-save').count()).toBe(0);
    expect(await frame.getByTestId('handoff-line-add').count()).toBe(0);
    expect(await frame.getByRole('button', { name: /^Insert .* into the summary$/ }).count()).toBe(0);
    expect(await frame.getByRole('button', { name: /^Move line \d+ (up|down)$/ }).count()).toBe(0);
  });
});

/** The template fields of a stored record (the save call takes exactly these). */
function pick(record: Omit<StoredTemplate, 'version'> & Record<string, unknown>): Record<string, unknown> {
  const { enabled, targetProjectKey, issueTypeName, summaryTemplate, assigneeAccountId, labels, dueInBusinessDays, acceptWithinBusinessHours, checklist, includeContactEmails } = record;
  return { enabled, targetProjectKey, issueTypeName, summaryTemplate, assigneeAccountId, labels, dueInBusinessDays, acceptWithinBusinessHours, checklist, includeContactEmails };
}

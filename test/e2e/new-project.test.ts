import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 items 3 and 9: a project the admin has just enabled works for the people in it. Alice
 * enables the CRM in Delivery; Sam (Edit CRM records in Sales, browses Delivery) reads its deals
 * and is told what he lacks there and who can grant it, by name, and he creates companies (shared
 * records) from it; Vic, who edits nowhere, is told why he cannot; Omar, who cannot browse Sales,
 * is told so in words instead of an error code.
 */
const ALICE = DEMO_USERS.alice.accountId;
const SAM = DEMO_USERS.sam.accountId;
const VIC = DEMO_USERS.vic.accountId;
const OMAR = DEMO_USERS.omar.accountId;

const session = useShellSession({ viewport: { width: 1440, height: 900 }, home: true });

async function open(accountId: string, projectKey: string, subpage: string): Promise<FrameLocator> {
  await session.signInAs(accountId);
  await session.page.goto(`${session.shell.url}/#/projects/${projectKey}/apps/relay-crm/${subpage}`);
  return session.frame('project-page');
}

describe('a project the admin has just enabled', () => {
  it('lets Alice enable Delivery, then Sam read its deals with the reason he cannot change them and create companies there', async () => {
    let frame = await open(ALICE, 'DEL', 'pipeline');
    await frame.getByTestId('enable-crm-button').click();
    await frame.getByTestId('pipeline-board').waitFor(WAIT);

    frame = await open(SAM, 'DEL', 'deals');
    await frame.getByTestId('deals-page').waitFor(WAIT);
    expect(await frame.getByTestId('error-banner').count()).toBe(0);
    expect(await frame.getByTestId('create-deal-open').count()).toBe(0);
    await expectText(frame.getByTestId('access-note-need'), 'You can view this project\'s deals but not change them: creating, editing and moving deals needs the Edit CRM records permission in Delivery.');
    await expectText(frame.getByTestId('access-note-who'), 'Alice Admin and Dana Delivery administer Delivery and can grant it in Project settings → Permissions.');

    frame = await open(SAM, 'DEL', 'pipeline');
    await frame.getByTestId('pipeline-board').waitFor(WAIT);
    await frame.getByTestId('access-note-who').filter({ hasText: 'Alice Admin and Dana Delivery' }).waitFor(WAIT);

    // Companies and contacts are shared: Edit CRM records in Sales lets Sam create them from Delivery.
    frame = await open(SAM, 'DEL', 'companies');
    await frame.getByTestId('companies-table').getByText('Acme Corporation').waitFor(WAIT);
    await frame.getByTestId('create-company-open').click();
    await frame.getByTestId('company-name').fill('Tyrell Systems');
    await frame.getByTestId('create-company-submit').click();
    await frame.getByTestId('companies-table').getByText('Tyrell Systems').waitFor(WAIT);
    expect(await frame.getByTestId('access-note').count()).toBe(0);
    frame = await open(SAM, 'DEL', 'contacts');
    await frame.getByTestId('create-contact-open').waitFor(WAIT);
  });

  it('tells Vic why he has no Create on companies and contacts, and who can grant it', async () => {
    let frame = await open(VIC, 'SALES', 'companies');
    await frame.getByTestId('companies-table').getByText('Acme Corporation').waitFor(WAIT);
    expect(await frame.getByTestId('create-company-open').count()).toBe(0);
    await expectText(frame.getByTestId('access-note-need'), 'You can view companies and contacts but not create or edit them: that needs the Edit CRM records permission in at least one project that uses Relay.');
    await expectText(frame.getByTestId('access-note-who'), 'Alice Admin administers Sales and can grant it in Project settings → Permissions.');
    frame = await open(VIC, 'SALES', 'contacts');
    await frame.getByTestId('access-note-need').waitFor(WAIT);
    expect(await frame.getByTestId('create-contact-open').count()).toBe(0);
  });

  it('tells Omar, who cannot browse Sales, that its CRM is not available to him instead of showing an error code', async () => {
    const frame = await open(OMAR, 'SALES', 'deals');
    await frame.getByTestId('no-project').waitFor(WAIT);
    const text = await frame.locator('body').innerText();
    expect(text).toContain('You cannot browse SALES');
    expect(text).not.toContain('NOT_FOUND');
    expect(text).not.toContain('projects/context');
  });
});

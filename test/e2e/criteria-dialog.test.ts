import type { Locator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { expectText, useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 item 7: winning a deal that skips stages opens one dialog that names each stage with the
 * fields it asks for (never "Qualification needs these fields" over the won stage's), whose Save is
 * on screen at 1440×900 even when the board makes the page long, and whose Contacts list opens in
 * full instead of being cut off by the dialog.
 */
const SAM = DEMO_USERS.sam.accountId;
const VIEWPORT = { width: 1440, height: 900 };

const session = useShellSession({
  viewport: VIEWPORT,
  home: true,
  async prepare(sandbox) {
    // A long Qualification column: the board (and Jira's frame, sized to the page) is taller than the window.
    for (let i = 1; i <= 14; i += 1) {
      const answer = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' }, 'deals/create', { projectKey: 'SALES', name: `Inbound lead ${String(i).padStart(2, '0')}`, currency: 'EUR' })) as { ok: boolean };
      if (!answer.ok) throw new Error('Could not create the demo leads');
    }
  },
});

/** The element's box in the shell page's viewport (Playwright reports frame elements in page coordinates). */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('The element has no box');
  return found;
}

describe('the exit-criteria dialog of a win', () => {
  it('groups the fields by the stage asking for them, keeps Save on screen and opens the contacts list in full', async () => {
    await session.signInAs(SAM);
    await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/pipeline`);
    const frame = session.frame('project-page');
    const card = frame.locator('[data-deal-name="Inbound lead 14"]');
    await card.waitFor(WAIT);
    expect((await box(frame.getByTestId('pipeline-board'))).height).toBeGreaterThan(VIEWPORT.height);

    await card.getByRole('button', { name: 'Move Inbound lead 14' }).click();
    await frame.getByRole('button', { name: 'Mark as won' }).click();
    const dialog = frame.getByTestId('criteria-dialog');
    await dialog.waitFor(WAIT);
    await expectText(dialog.getByTestId('criteria-intro'), 'Moving the deal to Closed won needs the fields below, grouped by the stage that asks for them. Fill them in and the move completes.');
    const legends = await dialog.locator('legend').allInnerTexts();
    expect(legends).toEqual(['To leave Qualification', 'To leave Discovery', 'To leave Proposal', 'To leave Negotiation', 'Definition of ready for Closed won']);
    const fieldsOf = (legend: string) => dialog.locator('fieldset', { has: session.page.locator('legend', { hasText: legend }) }).locator('[data-testid^="criteria-field-"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')));
    expect(await fieldsOf('To leave Qualification')).toEqual(['criteria-field-companyId', 'criteria-field-contacts']);
    expect(await fieldsOf('Definition of ready for Closed won')).toEqual(['criteria-field-notSold', 'criteria-field-successCriteria']);

    // Save is on screen without scrolling the page: the dialog came to where the user is and fits the window.
    await session.page.waitForTimeout(300);
    const save = await box(dialog.getByTestId('criteria-submit'));
    expect(save.y).toBeGreaterThanOrEqual(0);
    expect(save.y + save.height).toBeLessThanOrEqual(VIEWPORT.height);

    // The contacts list opens in full, above the dialog, not cut off by its scrolling body: the
    // bottom edge of the list is the list's own (not the dialog's footer or the page behind).
    await dialog.locator('#criteria-contacts').click();
    const list = frame.getByRole('listbox');
    await list.locator('[role="option"]').first().waitFor(WAIT);
    const listBox = await box(list);
    expect(listBox.y + listBox.height).toBeLessThanOrEqual(VIEWPORT.height);
    const frameBox = await box(session.page.getByTestId('frame-project-page'));
    const hit = await list.evaluate((element, point) => {
      const top = document.elementFromPoint(point.x, point.y);
      return top !== null && element.contains(top);
    }, { x: listBox.x + listBox.width / 2 - frameBox.x, y: listBox.y + listBox.height - 4 - frameBox.y });
    expect(hit).toBe(true);
  });
});

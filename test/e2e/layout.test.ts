import type { Locator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * Issue 12 item 11, at 1440×900: the Won/Lost zones come into view while a card is dragged, opening
 * a card keeps the board behind its drawer, "Add stage" brings the new stage into view with its
 * name ready to type, the enable screen's percentages are whole, and one skip link takes keyboard
 * users from the top of the page to the first card.
 */
const SAM = DEMO_USERS.sam.accountId;
const ALICE = DEMO_USERS.alice.accountId;
const VIEWPORT = { width: 1440, height: 900 };

const session = useShellSession({ viewport: VIEWPORT, home: true });

async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('The element has no box');
  return found;
}

function onScreen(b: { x: number; y: number; width: number; height: number }): boolean {
  return b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEWPORT.width && b.y + b.height <= VIEWPORT.height;
}

async function openBoard(accountId: string) {
  await session.signInAs(accountId);
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/pipeline`);
  const frame = session.frame('project-page');
  await frame.getByTestId('pipeline-board').waitFor(WAIT);
  return frame;
}

describe('the board and settings at 1440 × 900', () => {
  it('brings the Won zone beside a dragged card, and wins the deal dropped on it', async () => {
    const frame = await openBoard(SAM);
    const card = frame.locator('[data-deal-name="Stark Logistics: Security review package"]');
    const won = frame.getByTestId('closed-zone-won');
    expect(onScreen(await box(won))).toBe(false);

    const handle = card.locator('[data-testid^="drag-handle-"]');
    const start = await box(handle);
    await session.page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
    await session.page.mouse.down();
    await session.page.mouse.move(start.x + 20, start.y + 20, { steps: 4 });
    await frame.locator('[data-testid="closed-zones"].relay-closed--dragging').waitFor(WAIT);
    const zone = await box(won);
    expect(onScreen(zone)).toBe(true);
    await session.page.mouse.move(zone.x + zone.width / 2, zone.y + zone.height / 2, { steps: 12 });
    await session.page.mouse.up();
    await session.page.getByTestId('flag').filter({ hasText: 'Stark Logistics: Security review package is won' }).waitFor(WAIT);
    await card.waitFor({ state: 'detached', ...WAIT });
  });

  it('opens a card’s drawer over the board and closes back to the same board', async () => {
    const frame = await openBoard(SAM);
    const card = frame.locator('[data-deal-name="Globex: Analytics add-on"]');
    await card.getByRole('button', { name: 'Open Globex: Analytics add-on' }).click();
    await session.page.waitForURL(/\/apps\/relay-crm\/pipeline\/deals\/[^/]+$/, WAIT);
    await frame.getByTestId('deal-drawer').getByTestId('drawer-title').waitFor(WAIT);
    await frame.locator('[data-testid="subpage"][data-route="pipeline"]').waitFor(WAIT);
    expect(await frame.getByTestId('deals-page').count()).toBe(0);
    await frame.getByTestId('deal-drawer-close').click();
    await session.page.waitForURL(/\/apps\/relay-crm\/pipeline$/, WAIT);
    await frame.getByTestId('deal-drawer').waitFor({ state: 'detached', ...WAIT });
    await card.waitFor(WAIT);
  });

  it('takes keyboard users from the top of the page to the first card with one skip link', async () => {
    const frame = await openBoard(SAM);
    const skip = frame.getByTestId('skip-to-card');
    const first = await frame.locator('body').evaluate(() => document.querySelector('button:not([disabled]), a[href], input, select, textarea, [tabindex]:not([tabindex="-1"])')?.getAttribute('data-testid'));
    expect(first).toBe('skip-to-card');
    await skip.focus();
    expect(onScreen(await box(skip))).toBe(true);
    await skip.press('Enter');
    const focused = await frame.locator('body').evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    expect(focused).toMatch(/^deal-card-/);
  });

  it('brings the stage "Add stage" created into view, its name selected for typing', async () => {
    await session.signInAs(ALICE);
    await session.page.goto(`${session.shell.url}/#/projects/SALES/settings/relay-crm-settings`);
    const frame = session.frame('settings');
    await frame.getByTestId('stage-0').waitFor(WAIT);
    const before = await frame.locator('[data-testid^="stage-"][data-stage-id]').count();
    await frame.getByRole('button', { name: 'Add stage' }).click();
    const stages = frame.locator('li[data-stage-id]');
    await session.page.waitForFunction((n) => document.querySelector<HTMLIFrameElement>('[data-testid="frame-settings"]')?.contentDocument?.querySelectorAll('li[data-stage-id]').length === n + 1, before);
    const focused = await frame.locator('body').evaluate(() => {
      const active = document.activeElement as HTMLInputElement | null;
      return { stage: active?.closest('li[data-stage-id]')?.getAttribute('data-testid') ?? null, value: active?.value ?? null, selected: active ? (active.selectionEnd ?? 0) - (active.selectionStart ?? 0) : 0 };
    });
    expect(focused.stage).toMatch(/^stage-\d+$/);
    expect(focused.value).toMatch(/^New stage \d+$/);
    expect(focused.selected).toBe(focused.value?.length);
    expect(onScreen(await box(frame.getByTestId(focused.stage ?? '').locator('input').first()))).toBe(true);
    expect(await stages.count()).toBe(before + 1);
  });

  it('writes every stage’s probability in full on the enable screen', async () => {
    await session.signInAs(ALICE);
    await session.page.goto(`${session.shell.url}/#/projects/CS/apps/relay-crm/pipeline`);
    const frame = session.frame('project-page');
    await frame.getByTestId('default-pipeline-preview').waitFor(WAIT);
    const probabilities = frame.getByTestId('preview-probability');
    expect(await probabilities.allInnerTexts()).toEqual(['10%', '20%', '50%', '80%', '100%', '0%']);
    const clipped = await probabilities.evaluateAll((nodes) => nodes.filter((n) => Array.from(n.querySelectorAll('*')).some((el) => el.scrollWidth > el.clientWidth + 1)).length);
    expect(clipped).toBe(0);
  });
});

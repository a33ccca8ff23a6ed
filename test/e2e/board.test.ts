import type { FrameLocator, Locator } from 'playwright-core';
import { chooseOption } from '../support/atlaskit';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * The pipeline board in Chromium against the demo site: the real built project page in the shell's
 * iframe, the real resolver behind it. Drags are real mouse drags (Chromium's native HTML5 drag and
 * drop, which pragmatic-drag-and-drop uses, driven by Playwright's page.mouse); every wait is on
 * something the page shows.
 */
const SAM = DEMO_USERS.sam.accountId;
const VIC = DEMO_USERS.vic.accountId;

const session = useShellSession({ viewport: { width: 1800, height: 1000 } });

interface Envelope {
  ok: boolean;
  data?: unknown;
}

async function resolve<T>(accountId: string, key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId, projectKey: 'SALES' }, key, payload)) as Envelope;
  if (!answer.ok) throw new Error(`${key} failed: ${JSON.stringify(answer)}`);
  return answer.data as T;
}

interface Stage {
  id: string;
  name: string;
  outcome: string;
}
interface Deal {
  id: string;
  name: string;
  stageId: string;
  version: number;
}

async function stages(): Promise<Stage[]> {
  return (await resolve<{ stages: Stage[] }>(SAM, 'pipelines/get', { projectKey: 'SALES' })).stages;
}

async function dealNamed(suffix: string): Promise<Deal> {
  const page1 = await resolve<{ items: Deal[] }>(SAM, 'deals/list', { projectKey: 'SALES', limit: 100 });
  const deal = page1.items.find((d) => d.name.endsWith(suffix));
  if (!deal) throw new Error(`No demo deal named *${suffix}`);
  return deal;
}

async function openBoardAs(accountId: string): Promise<FrameLocator> {
  await session.goHome();
  await session.signInAs(accountId);
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/pipeline`);
  const frame = session.frame('project-page');
  await frame.getByTestId('pipeline-board').waitFor(WAIT);
  return frame;
}

function column(frame: FrameLocator, stageId: string): Locator {
  return frame.getByTestId(`column-${stageId}`);
}

function card(frame: FrameLocator, dealId: string): Locator {
  return frame.getByTestId(`deal-card-${dealId}`);
}

async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}

/**
 * A real pointer drag: press on the handle, move in steps (Chromium starts a native drag), wait until
 * the board shows the target column as the drop target, release.
 */
async function drag(from: Locator, to: Locator, targetColumn: Locator): Promise<void> {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  if (!a || !b) throw new Error('drag source or target is not on screen');
  await session.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await session.page.mouse.down();
  await session.page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 12, { steps: 4 });
  await session.page.mouse.move(b.x + b.width / 2, b.y + Math.min(b.height - 8, 40), { steps: 12 });
  await targetColumn.and(session.page.frameLocator('[data-testid="frame-project-page"]').locator('.relay-column--over')).waitFor(WAIT);
  await session.page.mouse.up();
}

function moveInvocations(accountId: string): number {
  return session.sandbox.platform.invocations.filter((r) => r.kind === 'resolver' && r.accountId === accountId && r.functionKey === 'resolver' && r.moduleKey === 'relay-crm').length;
}

describe('the pipeline board in Chromium', () => {
  it('drags a deal across stages, asks for the missing exit-criteria fields, completes the move and updates the column totals', async () => {
    const all = await stages();
    const proposal = all.find((s) => s.name === 'Proposal')!;
    const negotiation = all.find((s) => s.name === 'Negotiation')!;
    const deal = await dealNamed('EMEA expansion');
    expect(deal.stageId).toBe(proposal.id);

    const frame = await openBoardAs(SAM);
    await card(frame, deal.id).waitFor(WAIT);
    const countBefore = Number(await text(column(frame, negotiation.id).getByTestId('column-count')));
    const totalBefore = await text(column(frame, negotiation.id).getByTestId('column-total'));

    await drag(frame.getByTestId(`drag-handle-${deal.id}`), column(frame, negotiation.id).getByTestId('column-cards'), column(frame, negotiation.id));

    // Proposal asks for stakeholders and scope; the demo deal has neither, so the form asks for exactly those.
    const dialog = frame.getByTestId('criteria-dialog');
    await dialog.waitFor(WAIT);
    expect(await dialog.locator('[data-testid^="criteria-field-"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')))).toEqual(['criteria-field-scope', 'criteria-field-stakeholders']);
    // The refused move was rolled back: the card is in Proposal until the form completes it.
    await column(frame, proposal.id).getByTestId(`deal-card-${deal.id}`).waitFor(WAIT);

    // Submitting blank is refused beside the fields, without a call.
    await frame.getByTestId('criteria-submit').click();
    await dialog.getByText('Required to leave this stage').first().waitFor(WAIT);

    await frame.locator('#criteria-stakeholders').fill('CFO, Head of IT');
    await frame.locator('#criteria-scope').fill('EMEA rollout, 4 workspaces');
    await frame.getByTestId('criteria-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    await column(frame, negotiation.id).getByTestId(`deal-card-${deal.id}`).waitFor(WAIT);
    await column(frame, negotiation.id).getByTestId('column-count').filter({ hasText: String(countBefore + 1) }).waitFor(WAIT);
    expect(await text(column(frame, negotiation.id).getByTestId('column-total'))).not.toBe(totalBefore);
    const stored = await resolve<Deal & { scope: string; stakeholders: string }>(SAM, 'deals/get', { dealId: deal.id });
    expect(stored).toMatchObject({ stageId: negotiation.id, scope: 'EMEA rollout, 4 workspaces', stakeholders: 'CFO, Head of IT' });
  });

  it('shows Vic no drag handles or move buttons, and a clear message when he tries a keyboard move', async () => {
    const deal = await dealNamed('Platform rollout');
    const frame = await openBoardAs(VIC);
    await card(frame, deal.id).waitFor(WAIT);
    expect(await frame.locator('[data-testid^="drag-handle-"]').count()).toBe(0);
    expect(await frame.locator('[data-testid^="move-menu-"]').count()).toBe(0);
    expect(await frame.locator('[data-testid^="closed-zone-"]').count()).toBe(0);

    const before = moveInvocations(VIC);
    await card(frame, deal.id).focus();
    await session.page.keyboard.press('Alt+ArrowRight');
    const message = frame.getByTestId('board-readonly-message');
    await message.waitFor(WAIT);
    expect(await text(message)).toContain('Edit CRM records permission in SALES');
    await session.page.locator('[data-testid="flag"]').getByText('You cannot move deals here').waitFor(WAIT);
    expect(moveInvocations(VIC)).toBe(before);
    expect((await resolve<Deal>(SAM, 'deals/get', { dealId: deal.id })).stageId).toBe(deal.stageId);
  });

  it('moves a card by keyboard at once, and puts it back with the server’s message when the move fails', async () => {
    const all = await stages();
    const deal = await dealNamed('Support upgrade');
    const from = deal.stageId;
    const next = all[all.findIndex((s) => s.id === from) + 1]!;
    const frame = await openBoardAs(SAM);
    await card(frame, deal.id).waitFor(WAIT);

    // Storage refuses the move's transaction once: the resolver answers INTERNAL.
    session.sandbox.platform.faults.add({ target: 'kvs', match: /transaction/, status: 500, body: { code: 'INTERNAL_SERVER_ERROR', message: 'storage is down' }, times: 1, delayMs: 400 });
    await card(frame, deal.id).focus();
    await session.page.keyboard.press('Alt+ArrowRight');
    // Optimistic: the card shows in the next column before the server answers.
    await column(frame, next.id).getByTestId(`deal-card-${deal.id}`).waitFor(WAIT);
    const flag = session.page.locator('[data-testid="flag"]').filter({ hasText: 'The move was undone' });
    await flag.waitFor(WAIT);
    expect(await flag.innerText()).toContain('Something went wrong on Relay');
    await column(frame, from).getByTestId(`deal-card-${deal.id}`).waitFor(WAIT);
    expect((await resolve<Deal>(SAM, 'deals/get', { dealId: deal.id })).stageId).toBe(from);
  });

  it('filters the loaded deals client-side, keeps the filter in the subpage URL and shows filtered column figures', async () => {
    const frame = await openBoardAs(SAM);
    await frame.locator('[data-testid^="deal-card-"]').first().waitFor(WAIT);
    const all = await frame.locator('[data-testid^="deal-card-"]').count();
    const boardCalls = session.sandbox.platform.invocations.length;
    await chooseOption(frame, 'filter-segment', 'Enterprise');
    await frame.getByTestId('board-filter-note').waitFor(WAIT);
    const shown = await frame.locator('[data-testid^="deal-card-"]').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(all);
    expect(await frame.locator('[data-testid="column-filtered-note"]').count()).toBeGreaterThan(0);
    expect(session.sandbox.platform.invocations.length).toBe(boardCalls);
    const handle = await session.page.getByTestId('frame-project-page').elementHandle();
    const inner = await handle?.contentFrame();
    const search = await inner?.evaluate(async () => {
      const w = window as unknown as { __bridge: { callBridge(command: string): Promise<{ location: { search: string } }> } };
      return (await w.__bridge.callBridge('createHistory')).location.search;
    });
    expect(search).toBe('?segment=enterprise');
  });
});

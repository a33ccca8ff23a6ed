import type { FrameLocator, Locator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * The sales-to-delivery hand-off, walked end to end in Chromium against the demo site (issue 6):
 * Sam drags a Negotiation deal onto Won with a real mouse drag, the board asks for the definition
 * of ready it lacks, he completes it and the deal is won; the queued hand-off job creates the
 * delivery epic in DEL; the shell's issue view shows the deal panel; Dana (DEL's lead) moves the
 * epic to In Progress with the shell's workflow control, and the deal's hand-off becomes accepted,
 * in the panel and in the stored deal. Everything in between is the real app on the sandbox.
 *
 * The sandbox's queue delivers when the test settles the host (`npm start` pumps it every 250 ms),
 * so the printed win → issue time is the app's own work plus that settle, not a platform delay.
 */
const SAM = DEMO_USERS.sam.accountId;
const DANA = DEMO_USERS.dana.accountId;

const session = useShellSession({ contexts: 'all', viewport: { width: 1800, height: 1000 } });

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
interface Handoff {
  state: string;
  issueKey: string | null;
  wonAt: number;
  acceptedAt: number | null;
  acceptedBy: string | null;
}
interface Deal {
  id: string;
  name: string;
  stageId: string;
  outcome: string;
  closedAt: number | null;
  notSold: string | null;
  successCriteria: string | null;
  handoff: Handoff | null;
}

/** The issue as Jira's REST API answers it to the app (for its creation time and fields). */
async function jiraIssue(issueKey: string): Promise<{ fields: { created: string; summary: string; status: { name: string } } }> {
  const answer = await session.sandbox.jira.handle({ method: 'GET', path: `/rest/api/3/issue/${issueKey}?fields=created,summary,status`, headers: {}, caller: { kind: 'app' } });
  if (answer.status !== 200) throw new Error(`GET issue ${issueKey}: ${answer.status}`);
  return answer.body as { fields: { created: string; summary: string; status: { name: string } } };
}

/**
 * A real pointer drag (Chromium's native HTML5 drag and drop, which pragmatic-drag-and-drop uses):
 * press on the handle, move in steps, wait until the page shows `over` as the drop target, release.
 * The Won/Lost zone is found once the drag has started: the zones come beside the dragged card.
 */
async function drag(handle: Locator, target: Locator, over: Locator): Promise<void> {
  const a = await handle.boundingBox();
  if (!a) throw new Error('drag source is not on screen');
  await session.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await session.page.mouse.down();
  await session.page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 12, { steps: 4 });
  await session.frame('project-page').locator('[data-testid="closed-zones"].relay-closed--dragging').waitFor(WAIT);
  const b = await target.boundingBox();
  if (!b) throw new Error('drag target is not on screen');
  await session.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await over.waitFor(WAIT);
  await session.page.mouse.up();
}

/** One UI Kit surface in the shell's issue view. */
function uikitBox(moduleKey: string): { body: Locator } {
  return { body: session.page.getByTestId(`uikit-${moduleKey}`) };
}

describe('the sales-to-delivery hand-off in the browser', () => {
  it('wins a deal on the board, creates its delivery epic, shows it in the issue panel and records Dana’s acceptance', async () => {
    const stages = (await resolve<{ stages: Stage[] }>(SAM, 'pipelines/get', { projectKey: 'SALES' })).stages;
    const negotiation = stages.find((s) => s.name === 'Negotiation')!;
    const won = stages.find((s) => s.outcome === 'won')!;
    // A deal in Negotiation that has everything its earlier stages asked for, but not all of the
    // definition of ready (won asks for what was not sold and the success criteria too).
    const stark = (await resolve<{ items: Array<{ id: string; name: string }> }>(SAM, 'companies/list', { limit: 100 })).items.find((c) => c.name === 'Stark Logistics');
    if (!stark) throw new Error('The demo site has no Stark Logistics');
    const contacts = (await resolve<{ items: Array<{ id: string; name: string }> }>(SAM, 'contacts/list', { companyId: stark.id, limit: 10 })).items;
    expect(contacts.length).toBeGreaterThan(0);
    const created = await resolve<Deal>(SAM, 'deals/create', {
      projectKey: 'SALES', name: 'Fleet analytics rollout', companyId: stark.id, contactIds: contacts.map((c) => c.id), amountMinor: 5_400_000, currency: 'EUR', recurring: true, closeDate: '2026-12-20', segment: 'mid-market', source: 'inbound',
      stageId: negotiation.id, scope: 'Fleet dashboards for 3 depots', stakeholders: 'COO, Head of Fleet', contractStart: '2027-01-01', contractEnd: '2027-12-31', nextStep: 'Sign the order form',
    });
    expect(created).toMatchObject({ stageId: negotiation.id, notSold: null, successCriteria: null, handoff: null });
    const delIssuesBefore = session.sandbox.jira.listIssues('DEL').length;
    // Set-up done "earlier": the board (an entity query) shows the deal once its write settles.
    await new Promise((resolve) => setTimeout(resolve, session.sandbox.kvs.queryLagMs));

    // --- Sam wins it on the board by dragging the card onto Won.
    await session.page.goto(session.shell.url);
    await session.page.getByTestId('project-SALES').waitFor(WAIT);
    await session.signInAs(SAM);
    await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/pipeline`);
    const frame: FrameLocator = session.page.frameLocator('[data-testid="frame-project-page"]');
    await frame.getByTestId('pipeline-board').waitFor(WAIT);
    const card = frame.getByTestId(`column-${negotiation.id}`).getByTestId(`deal-card-${created.id}`);
    await card.waitFor(WAIT);
    const wonZone = frame.getByTestId('closed-zone-won');
    await drag(frame.getByTestId(`drag-handle-${created.id}`), wonZone, wonZone.and(frame.locator('.relay-closed-zone--over')));

    // The won stage refuses: the form asks for exactly the missing definition-of-ready fields.
    const dialog = frame.getByTestId('criteria-dialog');
    await dialog.waitFor(WAIT);
    expect(await dialog.locator('[data-testid^="criteria-field-"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-testid')))).toEqual(['criteria-field-notSold', 'criteria-field-successCriteria']);
    // Until the form completes the win, the card stays where it was (the refused move rolled back).
    await card.waitFor(WAIT);
    expect((await resolve<Deal>(SAM, 'deals/get', { dealId: created.id })).outcome).toBe('open');

    await frame.locator('#criteria-notSold').fill('On-premises telematics gateway');
    await frame.locator('#criteria-successCriteria').fill('All depots on dashboards within 60 days');
    await frame.getByTestId('criteria-submit').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });

    // The deal is won: the board says so and the card leaves the open columns.
    await session.page.locator('[data-testid="flag"]').filter({ hasText: `${created.name} is won` }).waitFor(WAIT);
    const seenWonAt = Date.now();
    await frame.getByTestId(`deal-card-${created.id}`).waitFor({ state: 'detached', ...WAIT });
    const wonDeal = await resolve<Deal>(SAM, 'deals/get', { dealId: created.id });
    expect(wonDeal).toMatchObject({ outcome: 'won', stageId: won.id, notSold: 'On-premises telematics gateway', successCriteria: 'All depots on dashboards within 60 days' });
    expect(wonDeal.handoff?.state).toBe('pending');
    expect(wonDeal.closedAt).not.toBeNull();

    // --- The hand-off job runs on the sandbox's queue: exactly one delivery epic, assigned to Dana.
    await session.sandbox.host.settle();
    const settledAt = Date.now();
    const linked = await resolve<Deal>(SAM, 'deals/get', { dealId: created.id });
    expect(linked.handoff).toMatchObject({ state: 'created' });
    const issueKey = linked.handoff?.issueKey ?? '';
    expect(issueKey).toMatch(/^DEL-\d+$/);
    const delIssues = session.sandbox.jira.listIssues('DEL');
    expect(delIssues.length).toBe(delIssuesBefore + 1 + 2); // the epic and its two checklist children
    expect(delIssues.filter((i) => i.summary === `Deliver ${created.name}`).map((i) => i.key)).toEqual([issueKey]);
    const issue = await jiraIssue(issueKey);
    const issueCreatedAt = Date.parse(issue.fields.created);
    const winToIssueMs = issueCreatedAt - (wonDeal.closedAt ?? 0);
    expect(winToIssueMs).toBeGreaterThanOrEqual(0);

    // --- The epic in the shell's issue view, reached from DEL's issue list, shows the deal panel.
    // Jira lists issues by search, which shows a new issue a little after it is created (the sandbox
    // lags 2 s, as Jira's index does): like a person, reload the list until the epic is in it.
    await session.page.goto(`${session.shell.url}/#/projects/DEL/issues`);
    const row = session.page.getByTestId(`issue-row-${issueKey}`);
    for (let reloads = 0; reloads < 20 && !(await row.waitFor({ timeout: 1_000 }).then(() => true, () => false)); reloads += 1) await session.page.reload();
    await row.getByRole('link', { name: issueKey }).click();
    await session.page.getByRole('heading', { name: `${issueKey} · Deliver ${created.name}` }).waitFor(WAIT);
    const panel = uikitBox('relay-deal-panel');
    await panel.body.getByText(created.name, { exact: false }).first().waitFor(WAIT);
    await panel.body.getByText('Stark Logistics', { exact: false }).first().waitFor(WAIT);
    await panel.body.getByText(contacts[0]!.name, { exact: false }).first().waitFor(WAIT);
    await panel.body.locator('[data-forge-type="Lozenge"]').filter({ hasText: 'Awaiting acceptance' }).waitFor(WAIT);

    // --- Dana, the delivery lead, starts the work with the shell's workflow control.
    await session.signInAs(DANA);
    await session.page.goto(`${session.shell.url}/#/projects/DEL/issues/${issueKey}`);
    await session.page.getByTestId('issue-status').filter({ hasText: 'To Do' }).waitFor(WAIT);
    await session.page.getByTestId('transition-In Progress').click();
    await session.page.getByTestId('issue-status').filter({ hasText: 'In Progress' }).waitFor(WAIT);
    // The transition's issue event reaches Relay's trigger; let it finish, then open the issue again.
    await session.sandbox.host.settle();
    await session.page.reload();
    await uikitBox('relay-deal-panel').body.locator('[data-forge-type="Lozenge"]').filter({ hasText: 'Accepted' }).waitFor(WAIT);

    const accepted = await resolve<Deal>(SAM, 'deals/get', { dealId: created.id });
    expect(accepted.handoff).toMatchObject({ state: 'accepted', issueKey, acceptedBy: DANA });
    expect(accepted.handoff?.acceptedAt).toBeGreaterThanOrEqual(issueCreatedAt);
    expect(session.sandbox.host.backgroundErrors).toEqual([]);

    console.log(
      `Hand-off story: win (deal closedAt) → delivery issue ${issueKey} created: ${winToIssueMs} ms (server clocks); ` +
        `won flag seen by the test → queue settled with the issue in place: ${settledAt - seenWonAt} ms`,
    );
  }, 90_000);
});

import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { formatMoney } from '../../src/domain/money-format';
import { chooseOption } from '../support/atlaskit';
import { ROOT, useShellSession, WAIT } from '../support/shell-session';

/**
 * The admin page and the Insights subpage in Chromium, on the real built bundle and the real
 * resolvers of the demo site: before the first daily run Insights explains itself (with a refresh
 * button for project admins only); alice, the Jira admin, sets EUR with a USD rate and rewords a
 * definition (a bad rate is refused beside its field first); the numbers are recomputed from the
 * page; vic, who only browses SALES, reads them with a segment table, a trend chart and the
 * reworded definition in a tooltip. Every wait is on something the page shows.
 */
const ALICE = DEMO_USERS.alice.accountId;
const VIC = DEMO_USERS.vic.accountId;
const REWORDED = 'Our win rate: deals won over deals closed this quarter.';

const session = useShellSession({ contexts: 'manual', viewport: { width: 1400, height: 1000 } });

async function openAs(accountId: string, hash: string): Promise<void> {
  await session.context?.close();
  await session.openAs(accountId, hash);
}

const insightsFrame = (): FrameLocator => session.frame('project-page');
const adminFrame = (): FrameLocator => session.frame('admin');

async function call<T>(accountId: string, key: string, payload: Record<string, unknown>): Promise<T> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId, projectKey: 'SALES' }, key, payload)) as { ok: boolean; data: T };
  expect(answer.ok).toBe(true);
  return answer.data;
}

/** Lets background work finish (as Forge would run it) until the frame shows the element; the page polls meanwhile. */
async function settleUntilShown(frame: FrameLocator, testId: string): Promise<void> {
  const target = frame.getByTestId(testId);
  for (let attempt = 0; attempt < 40; attempt += 1) {
    await session.sandbox.host.settle();
    try {
      await target.waitFor({ timeout: 500 });
      return;
    } catch {
      // Not yet: the page asks again every 1.5 s.
    }
  }
  throw new Error(`The frame never showed ${testId}`);
}

type Metrics = { reportingCurrency: string; dealCount: number; segments: Record<string, Record<string, Record<string, { qualifiedCount: number }>>>; stageConversion: Array<{ stageId: string; entered: number }> };
type Pipeline = { openCount: number; weighted: { amountMinor: number; unconverted: Record<string, number> } };

describe('Insights and the admin page', () => {
  it('explains the empty state before the first daily run, with the refresh button only for project admins', async () => {
    await openAs(VIC, '#/projects/SALES/apps/relay-crm/insights');
    const frame = insightsFrame();
    await frame.getByTestId('insights-empty').getByText('The first numbers arrive with the daily run').waitFor(WAIT);
    await frame.getByText('A project administrator can recompute them now').waitFor(WAIT);
    expect(await frame.getByTestId('insights-refresh').count()).toBe(0);
  });

  it('lets the Jira admin set EUR with a USD rate and reword a definition, refusing a bad rate beside its field', async () => {
    await openAs(ALICE, '#/admin/relay-admin');
    const frame = adminFrame();
    const currency = frame.locator('#reporting-currency');
    await currency.waitFor(WAIT);
    expect(await currency.inputValue()).toBe('USD');
    await currency.fill('EUR');
    await frame.getByTestId('rate-add').click();
    await frame.locator('#rate-0-currency').fill('usd');
    await frame.locator('#rate-0-rate').fill('0,9');
    await frame.getByTestId('admin-save').click();
    await frame.getByTestId('rate-0-rate-error').filter({ hasText: 'Not a rate: type a decimal number' }).waitFor(WAIT);
    await frame.getByTestId('admin-invalid').waitFor(WAIT);
    expect((await call<{ version: number }>(ALICE, 'settings/site', {})).version).toBe(0);

    await frame.locator('#rate-0-rate').fill('0.9');
    await frame.getByTestId('rate-0-rate-error').waitFor({ state: 'detached', ...WAIT });
    const winRate = frame.locator('#glossary-winRate');
    expect(await winRate.getAttribute('placeholder')).toMatch(/^Win rate = won \/ \(won \+ lost\)/);
    await winRate.fill(REWORDED);
    await frame.getByTestId('admin-save').click();
    await session.page.locator('[data-testid="flag"]').filter({ hasText: 'Site settings saved' }).waitFor(WAIT);

    const stored = await call<{ reportingCurrency: string; rates: Record<string, string>; glossary: Record<string, string>; version: number }>(VIC, 'settings/site', {});
    expect(stored).toMatchObject({ reportingCurrency: 'EUR', rates: { USD: '0.9' }, version: 1 });
    expect(stored.glossary.winRate).toBe(REWORDED);
    await frame.getByTestId('glossary-winRate').getByText('Reworded').waitFor(WAIT);
  });

  it('shows the settings read only to someone who is not a Jira admin', async () => {
    await openAs(VIC, '#/admin/relay-admin');
    const frame = adminFrame();
    await frame.getByTestId('admin-read-only').waitFor(WAIT);
    expect(await frame.locator('#reporting-currency').getAttribute('readonly')).not.toBeNull();
    expect(await frame.getByTestId('admin-save').count()).toBe(0);
    expect(await frame.getByTestId('rate-add').count()).toBe(0);
  });

  it('recomputes from the refresh button, and shows vic the numbers, segments, a trend chart and the reworded definition', async () => {
    await openAs(ALICE, '#/projects/SALES/apps/relay-crm/insights');
    const adminView = insightsFrame();
    await adminView.getByTestId('insights-refresh').click();
    await adminView.getByTestId('insights-refresh-status').waitFor(WAIT);
    // The button queued the snapshot job; the queue runs (settle delivers it if the pump has not yet) while the page polls.
    await settleUntilShown(adminView, 'insights');
    expect(session.sandbox.host.pendingQueueEvents()).toEqual([]);

    const server = await call<{ metrics: Metrics; pipeline: Pipeline }>(VIC, 'metrics/project', { projectKey: 'SALES' });
    const metrics = server.metrics;
    expect(metrics.reportingCurrency).toBe('EUR');
    // The demo sells in EUR and USD, and the site now has a USD rate: nothing is left out.
    expect(server.pipeline.weighted.unconverted).toEqual({});

    await openAs(VIC, '#/projects/SALES/apps/relay-crm/insights');
    const frame = insightsFrame();
    await frame.getByTestId('insights').waitFor(WAIT);
    expect(await frame.getByTestId('insights-refresh').count()).toBe(0);
    expect(await frame.getByTestId('insights-unconverted').count()).toBe(0);
    expect(await frame.getByTestId('metric-open-value').textContent()).toBe(String(server.pipeline.openCount));
    expect(await frame.getByTestId('insights-weighted').textContent()).toBe(formatMoney(server.pipeline.weighted.amountMinor, 'EUR'));
    await frame.getByTestId('insights-computed-at').getByText(`Computed from ${metrics.dealCount} deals`, { exact: false }).waitFor(WAIT);

    // Segment table by owner for this quarter: every owner the server counted, by name, with the qualified deals it counted.
    const owners = frame.getByTestId('segment-owner-row');
    await owners.first().waitFor(WAIT);
    const ownerIds = Object.keys(metrics.segments.quarter?.owner ?? {});
    expect(await owners.count()).toBe(ownerIds.length);
    const sam = DEMO_USERS.sam;
    const samRow = frame.locator(`[data-testid="segment-owner-row"][data-value="${sam.accountId}"]`);
    await samRow.getByText(sam.displayName).waitFor(WAIT);
    expect(await samRow.locator('td').first().textContent()).toBe(String(metrics.segments.quarter?.owner?.[sam.accountId]?.qualifiedCount));
    await frame.locator('[data-testid="segment-segment-row"][data-value="enterprise"]').getByText('Enterprise').waitFor(WAIT);

    // Stage conversion, one row per open stage, with the counts the server computed.
    const first = metrics.stageConversion[0]!;
    await frame.getByTestId(`conversion-${first.stageId}`).waitFor(WAIT);
    expect(await frame.getByTestId(`conversion-${first.stageId}`).locator('td').first().textContent()).toBe(String(first.entered));

    // The trend charts are drawn (lazily loaded recharts), one bar per quarter for the won amount.
    await frame.locator('[data-testid="trend-won"] svg.recharts-surface').waitFor(WAIT);
    await frame.locator('[data-testid="trend-win-rate"] svg.recharts-surface').waitFor(WAIT);
    expect(await frame.locator('[data-testid="trend-won"] .recharts-cartesian-axis-tick').count()).toBeGreaterThanOrEqual(8);
    // Money axes read as money ("€0", "€1K"), never as bare numbers.
    const ticks = await frame.locator('[data-testid="trend-won"] .recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    for (const tick of ticks) expect(tick).toMatch(/^€/);

    // The reworded definition, one hover away, and by keyboard focus too.
    await frame.getByTestId('definition-win-rate').hover();
    await frame.getByTestId('definition-win-rate-tooltip').filter({ hasText: REWORDED }).waitFor(WAIT);
    await frame.getByTestId('definition-stale').focus();
    await frame.getByTestId('definition-stale-tooltip').filter({ hasText: /^Stale deal = days in stage above the stage maximum/ }).waitFor(WAIT);

    // The period switch shows this month's figures.
    await frame.getByTestId('period-month').click();
    expect(await frame.getByTestId('period-month').getAttribute('aria-pressed')).toBe('true');

    // Choosing an owner filters every figure: Insights shows the resolver's figures for Sam alone.
    await samRow.getByRole('button', { name: sam.displayName }).click();
    const forSam = await call<{ segment: { metrics: { dealCount: number } | null }; pipeline: Pipeline }>(VIC, 'metrics/project', { projectKey: 'SALES', segment: { dimension: 'owner', value: sam.accountId } });
    await frame.getByTestId('scope-value').waitFor(WAIT);
    expect(await frame.getByTestId('scope-value').getAttribute('data-value')).toBe(sam.accountId);
    await frame.getByTestId('scope-value').getByText(sam.displayName, { exact: true }).waitFor(WAIT);
    await frame.getByTestId('metric-open-value').filter({ hasText: new RegExp(`^${forSam.pipeline.openCount}$`) }).waitFor(WAIT);
    await frame.getByTestId('metric-open-basis').getByText('as of', { exact: false }).waitFor(WAIT);
    // The scope is the design system's Select, as every filter is; back to the whole project.
    await chooseOption(frame, 'scope-dimension', 'The whole project');
    await frame.getByTestId('scope-value').waitFor({ state: 'detached', ...WAIT });
    // Kept as a test artefact (test-artifacts/ is ignored by git).
    await session.page.screenshot({ path: path.join(ROOT, 'test-artifacts', 'insights-light.png'), fullPage: true });
  });
});

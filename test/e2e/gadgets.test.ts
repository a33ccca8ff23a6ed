import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import type { z } from 'zod';
import type { PipelineGadgetResult } from '../../src/contracts/metrics';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { GLOSSARY } from '../../src/domain/glossary';
import { formatMoney } from '../../src/domain/money-format';
import { asOfLines, boardFilters, boardLocation, formatCoverage, formatInstant } from '../../static/src/lib/gadget-format';
import { GADGET_BUDGET_GZIP } from '../../bench/budgets';
import { entrySizes, readViteManifest } from '../../bench/bundle';
import { ARTIFACTS, expectText, ROOT, useShellSession, WAIT } from '../support/shell-session';

/**
 * Both Relay gadgets on the shell's dashboard in Chromium: configured through their edit views
 * (view.submit), their numbers checked against `gadgets/pipeline` called directly on the same
 * sandbox, definitions one hover or one Tab away, the first-run empty state and its refresh, the
 * click-through to the filtered board and dark theme. (The Renewals gadget is in renewals.test.ts.)
 */
const ALICE = DEMO_USERS.alice.accountId;
const SAM = DEMO_USERS.sam.accountId;

const session = useShellSession({
  viewport: { width: 1280, height: 1400 },
  home: true,
  async prepare(sandbox) {
    mkdirSync(ARTIFACTS, { recursive: true });
    // The demo sells in EUR and USD; with a rate the period numbers include both (reporting in USD).
    const saved = await sandbox.host.invokeResolver({ moduleKey: 'relay-admin', accountId: ALICE }, 'settings/save-site', { version: 0, reportingCurrency: 'USD', rates: { EUR: '1.1' }, fiscalYearStartMonth: 1, glossaryOverrides: {} });
    expect(saved).toMatchObject({ ok: true });
  },
});

function gadgetFrame(moduleKey: string): FrameLocator {
  return session.frame(`gadget-${moduleKey}`);
}

/** The edit view's checkbox for one project (the Pipeline gadget chooses one or more). */
function projectBox(gadget: FrameLocator, key: string): Locator {
  return gadget.locator(`input[type="checkbox"][name="projectKeys"][value="${key}"]`);
}

function storedConfiguration(moduleKey: string): Record<string, unknown> | undefined {
  const gadget = session.shell.frames.gadgets.find((g) => g.moduleKey === moduleKey);
  return gadget ? session.shell.frames.gadgetConfiguration(gadget.id) : undefined;
}

async function pipelineDirect(accountId: string, input: Record<string, unknown>): Promise<z.infer<typeof PipelineGadgetResult>> {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-pipeline-gadget', accountId }, 'gadgets/pipeline', input)) as { ok: boolean; data: z.infer<typeof PipelineGadgetResult> };
  if (!answer.ok) throw new Error(`gadgets/pipeline failed: ${JSON.stringify(answer)}`);
  return answer.data;
}

/** Lets queued jobs run as the queue would on the wall clock (a snapshot waits for recent writes to settle). */
async function untilQueueEmpty(): Promise<void> {
  for (let waited = 0; session.sandbox.host.pendingQueueEvents().length > 0 && waited < 30_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await session.sandbox.host.settle();
  }
}

describe('the Relay dashboard gadgets', () => {
  it('keep each gadget’s initial JavaScript within 150 KB gzip (the build the browser loads below)', () => {
    const dist = path.join(ROOT, 'static', 'dist');
    const manifest = readViteManifest(dist);
    if (!manifest) throw new Error('static/dist has no Vite manifest');
    const sizes = entrySizes(dist, manifest).filter((s) => s.entry.endsWith('-gadget.html'));
    expect(sizes.map((s) => s.entry).sort()).toEqual(['pipeline-gadget.html', 'renewals-gadget.html']);
    for (const size of sizes) {
      console.log(`${size.entry}: initial JS ${(size.gzipBytes / 1024).toFixed(1)} KB gzip`);
      expect(size.gzipBytes).toBeLessThanOrEqual(GADGET_BUDGET_GZIP);
    }
  });

  it('refuses a project without the CRM in the edit view with Relay’s own message', async () => {
    await session.signInAs(ALICE);
    await session.page.getByTestId('nav-dashboard').click();
    await session.openGadgetSettings('relay-pipeline-gadget');
    const gadget = gadgetFrame('relay-pipeline-gadget');
    await projectBox(gadget, 'CS').waitFor(WAIT);
    await projectBox(gadget, 'CS').check();
    await expectText(gadget.getByTestId('gadget-error-subject'), 'CS');
    await expectText(gadget.getByTestId('gadget-error-message'), 'The CRM is not enabled in this project yet. A project admin can enable it in the CRM settings.');
    await gadget.getByRole('button', { name: 'Save' }).click();
    await gadget.getByTestId('gadget-project-error').waitFor(WAIT);
    expect(storedConfiguration('relay-pipeline-gadget')).toEqual({});
  });

  it('configures the Pipeline gadget, computes the first numbers on request and shows them with their definitions', async () => {
    await session.signInAs(ALICE);
    await session.page.getByTestId('nav-dashboard').click();
    const gadget = gadgetFrame('relay-pipeline-gadget');
    // Never configured: it opens in its edit view, as Jira does.
    await session.openGadgetSettings('relay-pipeline-gadget');
    await projectBox(gadget, 'SALES').waitFor(WAIT);
    await projectBox(gadget, 'SALES').check();
    await gadget.locator('select#relay-gadget-period').selectOption('quarter');
    // The target field names the reporting currency once Relay has answered for the project.
    await gadget.getByLabel('Target override (USD)').waitFor(WAIT);
    await gadget.getByLabel('Target override (USD)').fill('12.345');
    await gadget.getByRole('button', { name: 'Save' }).click();
    await expectText(gadget.getByTestId('gadget-target-error'), 'USD amounts have at most 2 decimal places.');
    await gadget.getByLabel('Target override (USD)').fill('100000');
    await gadget.locator('select#relay-gadget-refresh').selectOption('15');
    await gadget.getByRole('button', { name: 'Save' }).click();

    await session.page.locator('[data-testid="gadget-relay-pipeline-gadget"][data-mode="view"]').waitFor(WAIT);
    expect(storedConfiguration('relay-pipeline-gadget')).toEqual({ projectKeys: ['SALES'], period: 'quarter', refreshMinutes: 15, targetOverrideMinor: 10_000_000, targetCurrency: 'USD' });

    // Before the first daily run: the empty state, the live pipeline already, and a refresh for admins.
    await gadget.getByText('Numbers appear after the first daily run').waitFor(WAIT);
    const before = await pipelineDirect(ALICE, { projectKey: 'SALES', period: 'quarter' });
    expect(before.computedAt).toBeNull();
    await expectText(gadget.getByTestId('live-open-count'), String(before.pipeline.openCount));
    const refreshes = session.sandbox.platform.invocations.length;
    await gadget.getByTestId('gadget-refresh-now').click();
    await gadget.getByRole('button', { name: 'Computing…' }).waitFor(WAIT);
    expect(session.sandbox.platform.invocations.slice(refreshes).some((r) => r.kind === 'resolver' && r.accountId === ALICE)).toBe(true);
    // The demo deals were written moments ago: the snapshot runs once they are searchable (the queue retries it).
    await untilQueueEmpty();
    await gadget.getByTestId('gadget-as-of').waitFor(WAIT);

    // The numbers are the resolver's, formatted: compare with a direct call on the same sandbox.
    const direct = await pipelineDirect(ALICE, { projectKey: 'SALES', period: 'quarter', targetOverrideMinor: 10_000_000 });
    expect(direct.period).not.toBeNull();
    expect(direct.targetMinor).toBe(10_000_000);
    await expectText(gadget.getByTestId('forecast-target'), formatMoney(10_000_000, 'USD'));
    await expectText(gadget.getByTestId('metric-coverage'), formatCoverage(direct.coverage, '—'));
    await expectText(gadget.getByTestId('metric-qualified'), formatMoney(direct.period?.qualifiedMinor ?? -1, 'USD'));
    await expectText(gadget.getByTestId('forecast-commit'), formatMoney(direct.period?.forecast.commit.amountMinor ?? -1, 'USD'));
    // The open pipeline is one converted total (EUR at 1.1), its per-currency breakdown one hover away.
    expect(direct.pipeline.open.unconverted).toEqual({});
    await expectText(gadget.getByTestId('live-weighted'), formatMoney(direct.pipeline.weighted.amountMinor, 'USD'));
    await expectText(gadget.getByTestId('live-open'), formatMoney(direct.pipeline.open.amountMinor, 'USD'));
    await gadget.getByTestId('live-open').hover();
    const eur = direct.pipeline.open.parts.find((part) => part.currency === 'EUR')!;
    await gadget.getByTestId('live-open-breakdown').getByText(`${formatMoney(eur.amountMinor, 'EUR')} = ${formatMoney(eur.convertedMinor, 'USD')}`).waitFor(WAIT);
    // The funnel's stage counts add up to the open deals.
    const funnelTotal = direct.pipeline.stages.reduce((sum, stage) => sum + stage.count, 0);
    expect(funnelTotal).toBe(direct.pipeline.openCount);
    for (const stage of direct.pipeline.stages) await expectText(gadget.getByTestId(`funnel-count-${stage.stageId}`), stage.count === 1 ? '1 deal' : `${stage.count} deals`);
    // Beside each figure, the data it was computed from.
    await expectText(gadget.getByTestId('metric-win-rate-basis'), `${direct.period!.winRate.won} won, ${direct.period!.winRate.lost} lost in Q${direct.period!.key.slice(-1)} FY${direct.period!.key.slice(2, 6)}.`);
    await gadget.getByTestId('gadget-computed-from').getByText(`Computed from ${direct.dealCount} deals`, { exact: false }).waitFor(WAIT);

    // A definition one hover away, and one Tab away (Escape hides it).
    await gadget.getByTestId('metric-coverage').hover();
    await expectText(gadget.getByTestId('metric-coverage-definition'), GLOSSARY.coverage);
    await gadget.getByTestId('metric-win-rate').focus();
    await expectText(gadget.getByTestId('metric-win-rate-definition'), GLOSSARY.winRate);
    await session.page.keyboard.press('Escape');
    await gadget.getByTestId('metric-win-rate-definition').waitFor({ state: 'hidden', ...WAIT });

    // Click-through: the router opens the project page's board, filtered to the period's close dates.
    await gadget.getByTestId('open-board').click();
    await session.page.waitForURL(`${session.shell.url}/#/projects/SALES/apps/relay-crm/pipeline?period=custom&from=${direct.period?.start}&to=${direct.period?.end}`, WAIT);
    await session.frame('project-page').getByTestId('pipeline-board').waitFor(WAIT);
  });

  it('renders the Pipeline gadget in the dark theme with token colours, and keeps a screenshot', async () => {
    await session.sandbox.host.runScheduled('relay-daily-pipeline-snapshot');
    await session.sandbox.host.settle();
    // Deals were written a moment ago: the snapshot waits until storage searches show them (the queue runs it again).
    await untilQueueEmpty();
    await session.signInAs(SAM);
    await session.page.getByTestId('nav-dashboard').click();
    const gadget = gadgetFrame('relay-pipeline-gadget');
    await session.openGadgetSettings('relay-pipeline-gadget');
    await projectBox(gadget, 'SALES').waitFor(WAIT);
    await projectBox(gadget, 'SALES').check();
    await gadget.locator('select#relay-gadget-dimension').selectOption('segment');
    await gadget.locator('select#relay-gadget-segment-value').selectOption('enterprise');
    // Without a target of the segment's own, the project's target does not apply to it.
    await gadget.getByLabel('Target override (USD)').fill('');
    await gadget.getByRole('button', { name: 'Save' }).click();
    // Every figure follows the segment: the open deals, the forecast, and coverage (not applicable without a segment target).
    await gadget.getByTestId('metric-coverage-basis').getByText('Not applicable', { exact: false }).waitFor(WAIT);
    const direct = await pipelineDirect(SAM, { projectKey: 'SALES', period: 'quarter', segment: { dimension: 'segment', value: 'enterprise' } });
    const whole = await pipelineDirect(SAM, { projectKey: 'SALES', period: 'quarter' });
    expect(direct.pipeline.openCount).toBeLessThan(whole.pipeline.openCount);
    await expectText(gadget.getByTestId('live-open-count'), String(direct.pipeline.openCount));
    await expectText(gadget.getByTestId('forecast-commit'), formatMoney(direct.period?.forecast.commit.amountMinor ?? -1, 'USD'));
    await expectText(gadget.getByTestId('metric-coverage'), 'n/a');
    // The last completed quarter's forecast accuracy, labelled with that quarter.
    await gadget.getByTestId('metric-accuracy-tile').getByText(`Forecast accuracy, Q`, { exact: false }).waitFor(WAIT);

    await session.page.getByTestId('frame-gadget-relay-pipeline-gadget').screenshot({ path: path.join(ARTIFACTS, 'pipeline-gadget-light.png') });
    await session.page.getByTestId('theme-switcher').selectOption('dark');
    await gadget.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached', ...WAIT });
    const colours = await gadget.locator('[data-testid="metric-coverage-tile"]').evaluate((tile) => ({
      tile: getComputedStyle(tile).backgroundColor,
      text: getComputedStyle(tile.querySelector('.relay-def__value') as Element).color,
      surface: getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim(),
    }));
    expect(colours.surface).not.toBe('');
    // Dark surface, light text: the tile follows the tokens, not the light fallbacks.
    const [r = 255, g = 255, b = 255] = (colours.tile.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(200);
    const [tr = 0, tg = 0, tb = 0] = (colours.text.match(/\d+/g) ?? []).map(Number);
    expect(tr + tg + tb).toBeGreaterThan(450);
    await session.page.getByTestId('frame-gadget-relay-pipeline-gadget').screenshot({ path: path.join(ARTIFACTS, 'pipeline-gadget-dark.png') });
    await session.page.getByTestId('theme-switcher').selectOption('light');
    await gadget.locator('html[data-color-mode="light"]').waitFor({ state: 'attached', ...WAIT });
  });

  it('combines SALES and DEL in one Pipeline gadget: each project checked by Relay, the figures the resolver’s combined ones', async () => {
    await session.signInAs(ALICE);
    await session.page.getByTestId('nav-dashboard').click();
    const gadget = gadgetFrame('relay-pipeline-gadget');
    await session.openGadgetSettings('relay-pipeline-gadget');
    await projectBox(gadget, 'SALES').waitFor(WAIT);
    await projectBox(gadget, 'SALES').check();
    // Keyboard only: Tab reaches each box, Space ticks it.
    await projectBox(gadget, 'DEL').focus();
    await session.page.keyboard.press('Space');
    expect(await projectBox(gadget, 'DEL').isChecked()).toBe(true);
    await expectText(gadget.getByTestId('gadget-projects-count'), '2 of at most 10 chosen');
    // DEL has no CRM yet: Relay's own message, naming the project, and Save is refused.
    await expectText(gadget.getByTestId('gadget-error-subject'), 'DEL');
    await expectText(gadget.getByTestId('gadget-error-message'), 'The CRM is not enabled in this project yet. A project admin can enable it in the CRM settings.');

    // Alice administers DEL: she enables the CRM there, adds a deal closing today, and the daily run computes both projects.
    const enabled = await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: ALICE, projectKey: 'DEL' }, 'pipelines/enable', { projectKey: 'DEL' });
    expect(enabled).toMatchObject({ ok: true });
    const today = new Date(session.sandbox.clock.now()).toISOString().slice(0, 10);
    const deal = await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: ALICE, projectKey: 'DEL' }, 'deals/create', { projectKey: 'DEL', name: 'Onboarding retainer', amountMinor: 4_200_00, currency: 'USD', closeDate: today, nextStep: 'Send the order form' });
    expect(deal).toMatchObject({ ok: true });
    // The daily run comes later: by then the storage query that lists CRM projects shows DEL too.
    await new Promise((resolve) => setTimeout(resolve, session.sandbox.kvs.queryLagMs));
    await session.sandbox.host.runScheduled('relay-daily-pipeline-snapshot');
    await session.sandbox.host.settle();
    // DEL's deal was written a moment ago: its snapshot waits until storage searches show it (the queue runs it again).
    await untilQueueEmpty();

    // Unticking and ticking DEL again asks Relay again, which now accepts it.
    await projectBox(gadget, 'DEL').focus();
    await session.page.keyboard.press('Space');
    await session.page.keyboard.press('Space');
    await gadget.getByTestId('gadget-error').waitFor({ state: 'detached', ...WAIT });
    await gadget.locator('select#relay-gadget-dimension').selectOption('');
    await gadget.getByLabel('Target override (USD)').fill('');
    await gadget.locator('select#relay-gadget-refresh').selectOption('0');
    await gadget.getByRole('button', { name: 'Save' }).click();

    await session.page.locator('[data-testid="gadget-relay-pipeline-gadget"][data-mode="view"]').waitFor(WAIT);
    expect(storedConfiguration('relay-pipeline-gadget')).toEqual({ projectKeys: ['SALES', 'DEL'], period: 'quarter', refreshMinutes: 0 });
    await expectText(gadget.getByTestId('gadget-project-name'), 'Sales');
    await expectText(gadget.getByTestId('gadget-project-name'), 'Delivery');
    await gadget.getByTestId('metric-coverage').waitFor(WAIT);

    // The combined figures are the resolver's: the DEL deal adds to SALES's, and the gadget shows the sum.
    const both = await pipelineDirect(ALICE, { projectKeys: ['SALES', 'DEL'], period: 'quarter' });
    const sales = await pipelineDirect(ALICE, { projectKey: 'SALES', period: 'quarter' });
    expect(both.projects.map((p) => p.projectKey)).toEqual(['SALES', 'DEL']);
    expect(both.pipeline.openCount).toBe(sales.pipeline.openCount + 1);
    expect(both.pipeline.open.amountMinor).toBe(sales.pipeline.open.amountMinor + 4_200_00);
    expect(both.period?.forecast.pipeline.amountMinor).toBe((sales.period?.forecast.pipeline.amountMinor ?? -1) + 4_200_00);
    await expectText(gadget.getByTestId('live-open-count'), String(both.pipeline.openCount));
    await expectText(gadget.getByTestId('live-open'), formatMoney(both.pipeline.open.amountMinor, 'USD'));
    await expectText(gadget.getByTestId('forecast-pipeline'), formatMoney(both.period?.forecast.pipeline.amountMinor ?? -1, 'USD'));
    await expectText(gadget.getByTestId('metric-coverage'), formatCoverage(both.coverage, '—'));

    // "As of": one line when both projects were computed in the same minute, else one per project.
    const lines = asOfLines(both.projects, (ms) => formatInstant(ms, 'en-US', 'UTC'));
    expect(lines.length).toBeGreaterThan(0);
    await expect(gadget.getByTestId('gadget-as-of').count()).resolves.toBe(lines.length);
    for (const line of lines) await expectText(gadget.getByTestId('gadget-as-of'), line.projectName === null ? `Period numbers as of ${line.time}` : `${line.projectName}: period numbers as of ${line.time}`);

    // The board shows one project: the tooltip says so, and the click-through opens the first chosen.
    await gadget.getByTestId('open-board').focus();
    await expectText(gadget.getByTestId('open-board-hint'), 'The board shows one project at a time: this opens Sales.');
    const expected = boardLocation('SALES', boardFilters({ period: 'quarter' }, both.period));
    await gadget.getByTestId('open-board').click();
    await session.page.waitForURL(`${session.shell.url}/#/projects/SALES/apps/relay-crm${expected.path}`, WAIT);
  });

});

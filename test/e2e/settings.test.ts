import type { FrameLocator, Locator } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { periodText } from '../../static/src/lib/period-format';
import { useShellSession, WAIT } from '../support/shell-session';

/**
 * Project settings → Relay CRM in Chromium, on the real built bundle and the real resolver: an
 * admin edits and saves the pipeline, a seller sees it read only, invalid input is refused beside
 * the fields (before any call) and the server's own refusal is shown, and the CRM is enabled in a
 * project that has none. Every wait is on something the page shows.
 */
const ALICE = DEMO_USERS.alice.accountId;
const SAM = DEMO_USERS.sam.accountId;
const VIC = DEMO_USERS.vic.accountId;

const session = useShellSession({ contexts: 'manual', viewport: { width: 1280, height: 900 } });

function settingsFrame(): FrameLocator {
  return session.frame('settings');
}

function stageName(frame: FrameLocator, index: number): Locator {
  return frame.locator(`#stage-${index}-name`);
}

async function stageNames(frame: FrameLocator): Promise<string[]> {
  const count = await frame.locator('[data-testid="stages"] > li').count();
  const names: string[] = [];
  for (let i = 0; i < count; i += 1) names.push(await stageName(frame, i).inputValue());
  return names;
}

/** Picks an option of an Atlaskit (react-select) field by typing its label, as a keyboard user does. */
async function pick(frame: FrameLocator, inputId: string, label: string): Promise<void> {
  const input = frame.locator(`#${inputId}`);
  await input.focus();
  await input.pressSequentially(label);
  await frame.getByRole('option', { name: label, exact: true }).waitFor(WAIT);
  await input.press('Enter');
}

async function storedPipeline(projectKey: string) {
  const answer = (await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm-settings', accountId: ALICE, projectKey }, 'pipelines/get', { projectKey })) as {
    ok: boolean;
    data: { version: number; stages: Array<{ id: string; name: string; exitCriteria: string[] }>; targets: Array<{ period: string; amountMinor: number; currency: string }> };
  };
  expect(answer.ok).toBe(true);
  return answer.data;
}

/**
 * The resolver keys the page sends from now on, as the shell's bridge hands them to the platform.
 * (Counting every resolver invocation instead was flaky: a call the page sent while loading could
 * start after the count was taken.)
 */
function callsFromNowOn(): string[] {
  const keys: string[] = [];
  const invoke = session.sandbox.host.invokeResolver.bind(session.sandbox.host);
  session.sandbox.host.invokeResolver = async (target, functionKey, payload) => {
    keys.push(functionKey);
    return invoke(target, functionKey, payload);
  };
  return keys;
}

describe('the CRM settings page', () => {
  it('lets a project admin rename, add exit criteria, reorder by keyboard, set a target, save, and see it after a reload', async () => {
    const before = await storedPipeline('SALES');
    await session.openAs(ALICE, '#/projects/SALES/settings/relay-crm-settings');
    const frame = settingsFrame();
    await stageName(frame, 0).waitFor(WAIT);
    expect(await stageNames(frame)).toEqual(before.stages.map((s) => s.name));

    await stageName(frame, 0).fill('Qualified lead');
    await pick(frame, 'stage-1-exitCriteria', 'Source');

    // Reorder with the keyboard: the focused "move down" button moves Proposal below Negotiation and keeps focus.
    const down = frame.getByRole('button', { name: 'Move Proposal down' });
    await down.focus();
    await down.press('Enter');
    await frame.locator('#stage-3-name[value="Proposal"]').waitFor(WAIT);
    expect(await frame.getByRole('button', { name: 'Move Proposal down' }).evaluate((el) => el === document.activeElement)).toBe(true);
    await frame.getByTestId('stage-announcement').filter({ hasText: 'Proposal is now stage 4 of 6.' }).waitFor(WAIT);

    await frame.getByTestId('target-add').click();
    const row = before.targets.length;
    await frame.locator(`#target-${row}-amount`).fill('150000');
    await frame.locator(`#target-${row}-currency`).fill('EUR');

    await frame.getByTestId('settings-save').click();
    await session.page.locator('[data-testid="flag"]').filter({ hasText: 'Pipeline settings saved' }).waitFor(WAIT);

    const saved = await storedPipeline('SALES');
    expect(saved.version).toBe(before.version + 1);
    expect(saved.stages.map((s) => s.name)).toEqual(['Qualified lead', 'Discovery', 'Negotiation', 'Proposal', 'Closed won', 'Closed lost']);
    expect(saved.stages[1]?.exitCriteria).toEqual([...(before.stages[1]?.exitCriteria ?? []), 'source']);
    expect(saved.targets.at(-1)).toMatchObject({ amountMinor: 15_000_000, currency: 'EUR' });
    // The demo site keeps a calendar fiscal year; the period is named with its dates.
    const period = periodText(saved.targets.at(-1)?.period ?? '', { startMonth: 1 });

    await session.page.reload();
    const again = settingsFrame();
    await again.locator('#stage-0-name[value="Qualified lead"]').waitFor(WAIT);
    expect(await stageNames(again)).toEqual(['Qualified lead', 'Discovery', 'Negotiation', 'Proposal', 'Closed won', 'Closed lost']);
    await again.getByTestId('stage-1').getByText('Source', { exact: true }).waitFor(WAIT);
    // The input context writes whole amounts without a trailing ".00" (one money formatter per context).
    expect(await again.locator(`#target-${row}-amount`).inputValue()).toBe('150000');
    await again.getByTestId(`target-${row}`).getByText(period, { exact: true }).waitFor(WAIT);
  });

  it('shows the pipeline read only, with a note, to someone who cannot administer the project', async () => {
    await session.openAs(SAM, '#/projects/SALES/settings/relay-crm-settings');
    const frame = settingsFrame();
    await frame.getByTestId('settings-read-only').waitFor(WAIT);
    // What is missing, and who can grant it (the project's admins, by name from Jira).
    await frame.getByText('that needs the Jira permission Administer projects in Sales').waitFor(WAIT);
    await frame.getByText('Alice Admin administers Sales and can grant it').waitFor(WAIT);
    expect(await stageName(frame, 0).getAttribute('readonly')).not.toBeNull();
    expect(await frame.getByTestId('settings-save').count()).toBe(0);
    expect(await frame.getByRole('button', { name: /^Move .* down$/ }).count()).toBe(0);
    expect(await frame.getByTestId('target-add').count()).toBe(0);
  });

  it('refuses an invalid pipeline beside the fields without calling the server, and shows the server’s own refusal', async () => {
    await session.openAs(ALICE, '#/projects/SALES/settings/relay-crm-settings');
    const frame = settingsFrame();
    await stageName(frame, 0).waitFor(WAIT);
    const wonIndex = (await stageNames(frame)).indexOf('Closed won');

    await stageName(frame, 1).fill('');
    await frame.locator(`#stage-${wonIndex}-probability`).fill('50');
    await frame.locator('#stage-2-maxDays').fill('soon');
    const sent = callsFromNowOn();
    await frame.getByTestId('settings-save').click();
    await frame.getByTestId('stage-1-name-error').filter({ hasText: 'A stage needs a name.' }).waitFor(WAIT);
    await frame.getByTestId(`stage-${wonIndex}-probability-error`).filter({ hasText: 'The won stage has probability 100.' }).waitFor(WAIT);
    await frame.getByTestId('stage-2-maxDays-error').filter({ hasText: 'A whole number of days' }).waitFor(WAIT);
    await frame.getByTestId('settings-invalid').waitFor(WAIT);
    expect(await stageName(frame, 1).getAttribute('aria-describedby')).toBe('stage-1-name-error');
    expect(sent.filter((key) => key === 'pipelines/update')).toEqual([]);

    // Fixing a field clears its message as you type.
    await stageName(frame, 1).fill('Discovery');
    await frame.getByTestId('stage-1-name-error').waitFor({ state: 'detached', ...WAIT });

    // Valid for the form, refused by the server: Discovery still holds deals.
    await frame.getByTestId('settings-discard').click();
    await frame.getByRole('button', { name: 'Remove Discovery' }).click();
    await frame.getByTestId('settings-save').click();
    await frame.getByTestId('error-banner').filter({ hasText: 'Move the deals out of Discovery before removing it.' }).waitFor(WAIT);
    await frame.getByTestId('pipeline-problems').filter({ hasText: 'Discovery still holds deals' }).waitFor(WAIT);
    expect((await storedPipeline('SALES')).stages.map((s) => s.name)).toContain('Discovery');
  });

  it('offers to enable the CRM in a project without it: explains who can to others, enables it for an admin', async () => {
    await session.openAs(VIC, '#/projects/DEL/apps/relay-crm/pipeline');
    const pageFrame = session.page.frameLocator('[data-testid="frame-project-page"]');
    await pageFrame.getByTestId('enable-crm').waitFor(WAIT);
    await pageFrame.getByTestId('enable-crm-who').filter({ hasText: 'Administer projects' }).waitFor(WAIT);
    await pageFrame.getByTestId('default-pipeline-preview').getByText('Closed won').waitFor(WAIT);
    expect(await pageFrame.getByTestId('enable-crm-button').count()).toBe(0);
    await session.context.close();

    await session.openAs(ALICE, '#/projects/DEL/settings/relay-crm-settings');
    const frame = settingsFrame();
    await frame.getByTestId('enable-crm').waitFor(WAIT);
    await frame.getByTestId('default-pipeline-preview').getByText('To leave: Company, Contacts').waitFor(WAIT);
    await frame.getByTestId('enable-crm-button').click();
    await stageName(frame, 0).waitFor(WAIT);
    expect(await stageNames(frame)).toEqual(['Qualification', 'Discovery', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost']);
    expect((await storedPipeline('DEL')).stages).toHaveLength(6);
  });
});

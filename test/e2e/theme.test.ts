import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Frame } from 'playwright-core';
import { DEMO_USERS } from '../../sandbox/demo/seed';
import { ARTIFACTS, useShellSession, WAIT } from '../support/shell-session';

/**
 * Light and dark as in Jira: the shell's theme switch reaches the project page's iframe through the
 * bridge (`view.theme.enable()` → data-color-mode + Atlassian's token CSS), the app's colours follow
 * because they are tokens, and a screenshot of the board in each mode is kept in test-artifacts/.
 */
const SAM = DEMO_USERS.sam.accountId;

const session = useShellSession({
  contexts: 'manual',
  viewport: { width: 1280, height: 900 },
  async prepare() {
    mkdirSync(ARTIFACTS, { recursive: true });
  },
});

async function openBoard(theme?: 'dark'): Promise<Frame> {
  await session.openPage((context) =>
    context.addInitScript(
      ([id, mode]) => {
        window.localStorage.setItem('relay-shell-user', id ?? '');
        if (mode) window.localStorage.setItem('relay-shell-theme', mode);
      },
      [SAM, theme ?? ''],
    ),
  );
  await session.page.goto(`${session.shell.url}/#/projects/SALES/apps/relay-crm/pipeline`);
  const handle = await session.page.getByTestId('frame-project-page').elementHandle(WAIT);
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error('The project page iframe did not load');
  await frame.locator('[data-testid="subpage"][data-route="pipeline"]').waitFor(WAIT);
  await frame.getByTestId('connection-user').waitFor(WAIT);
  return frame;
}

/** Relative luminance (0 black … 1 white) of a computed CSS colour like `rgb(29, 33, 37)`. */
function luminance(css: string): number {
  const [r = 0, g = 0, b = 0] = (css.match(/[\d.]+/g) ?? []).map(Number);
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

async function frameColours(frame: Frame) {
  return frame.evaluate(() => {
    const style = getComputedStyle(document.body);
    const root = document.documentElement;
    return {
      mode: root.getAttribute('data-color-mode'),
      theme: root.getAttribute('data-theme'),
      surfaceToken: getComputedStyle(root).getPropertyValue('--ds-surface').trim(),
      background: style.backgroundColor,
      text: style.color,
    };
  });
}

async function screenshot(name: string): Promise<string> {
  const file = path.join(ARTIFACTS, name);
  await session.page.getByTestId('frame-project-page').screenshot({ path: file });
  console.log(`screenshot: ${file}`);
  return file;
}

describe('light and dark themes', () => {
  it('serves Atlassian’s token CSS for both colour modes', async () => {
    const response = await fetch(`${session.shell.url}/shell-theme/tokens.css`);
    expect(response.headers.get('content-type')).toMatch(/^text\/css/);
    const css = await response.text();
    expect(css).toContain('html[data-color-mode="dark"][data-theme~="dark:dark"]');
    expect(css).toContain('html[data-color-mode="light"][data-theme~="light:light"]');
    expect(css).toContain('--ds-space-100');
  });

  it('follows the shell’s switch to dark in the project page frame, and keeps a screenshot of each mode', async () => {
    const frame = await openBoard();
    const light = await frameColours(frame);
    expect(light.mode).toBe('light');
    expect(light.theme).toContain('dark:dark');
    expect(light.surfaceToken).not.toBe('');
    expect(luminance(light.background)).toBeGreaterThan(0.8);
    await screenshot('board-light.png');

    await session.page.getByTestId('theme-switcher').selectOption('dark');
    await frame.locator('html[data-color-mode="dark"]').waitFor({ state: 'attached', ...WAIT });
    const dark = await frameColours(frame);
    expect(luminance(dark.background)).toBeLessThan(0.05);
    expect(luminance(dark.text)).toBeGreaterThan(0.5);
    expect(dark.surfaceToken).not.toBe(light.surfaceToken);
    // The shell itself follows too, as Jira's chrome does.
    expect(await session.page.evaluate(() => document.documentElement.getAttribute('data-color-mode'))).toBe('dark');
    await screenshot('board-dark.png');

    await session.page.getByTestId('theme-switcher').selectOption('light');
    await frame.locator('html[data-color-mode="light"]').waitFor({ state: 'attached', ...WAIT });
    expect(luminance((await frameColours(frame)).background)).toBeGreaterThan(0.8);
  });

  it('opens a frame already dark when the user’s theme is dark (no light flash on load)', async () => {
    const frame = await openBoard('dark');
    const colours = await frameColours(frame);
    expect(colours.mode).toBe('dark');
    expect(luminance(colours.background)).toBeLessThan(0.05);
  });
});

import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import { WAIT } from './shell-session';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The Frame behind the shell's iframe `frame-${name}` (axe runs inside the app's own document). */
export async function appFrame(page: Page, name: string): Promise<Frame> {
  const handle = await page.getByTestId(`frame-${name}`).elementHandle(WAIT);
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`The iframe frame-${name} did not load`);
  return frame;
}

/** Waits until the surface has drawn its data: nothing busy, no skeleton left. */
export async function settled(frame: Frame): Promise<void> {
  await frame.waitForFunction(() => document.querySelector('#root')?.children.length && !document.querySelector('[aria-busy="true"], [data-testid$="skeleton"]'), undefined, WAIT);
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules, and best practices) in the frame and answers the
 * violations of serious or critical impact: the ones that stop someone using the screen.
 * `include` limits the check to parts of the document (CSS selectors): a UI Kit surface is drawn in
 * Jira's own page, not a frame of the app's, so its check covers the surface and not the shell around it.
 */
export async function seriousViolations(frame: Frame, include?: string[]): Promise<AxeFinding[]> {
  await frame.evaluate(AXE_SOURCE);
  const violations = (await frame.evaluate(async (selectors) => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run(selectors ? { include: selectors.map((s) => [s]) } : document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')) }));
  }, include ?? null)) as AxeFinding[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

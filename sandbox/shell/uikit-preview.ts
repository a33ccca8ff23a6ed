import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ForgeHost, SurfaceTarget } from '../runtime/host';

/** The part of the UI Kit harness (sandbox/uikit/session.ts) the shell uses. */
interface UiKitSessionLike {
  html(): string;
  close(): unknown;
}
type RenderUiKitSurface = (options: { host: ForgeHost; target: SurfaceTarget }) => Promise<UiKitSessionLike>;

export type UiKitPreview = { available: true; html: string } | { available: false; reason: string };

const SESSION_MODULE = path.join(__dirname, '..', 'uikit', 'session');

/**
 * Finds the harness at run time, so the shell starts (and shows a labelled placeholder) while the
 * harness is absent or broken, instead of failing to start. Loaded through `require`, which tsx
 * (npm start) and ts-jest (tests) both hook for .ts files.
 */
function loadRenderer(): RenderUiKitSurface | string {
  if (!['.ts', '.tsx', '.js'].some((ext) => existsSync(SESSION_MODULE + ext))) return 'The UI Kit harness (sandbox/uikit/session.ts) is not in this checkout.';
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(SESSION_MODULE) as { renderUiKitSurface?: unknown };
    if (typeof loaded.renderUiKitSurface !== 'function') return 'sandbox/uikit/session.ts does not export renderUiKitSurface().';
    return loaded.renderUiKitSurface as RenderUiKitSurface;
  } catch (error) {
    return `The UI Kit harness failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Renders a UI Kit surface once, in Node, with the real @forge/react tree, and returns its HTML
 * preview. The surface loads asynchronously (context, then its resolver call), so the preview is
 * taken once the tree shows no spinner and has stopped changing, or after `timeoutMs`.
 */
export async function renderUiKitPreview(host: ForgeHost, target: SurfaceTarget, timeoutMs = 5000): Promise<UiKitPreview> {
  const renderer = loadRenderer();
  if (typeof renderer === 'string') return { available: false, reason: renderer };
  const session = await renderer({ host, target });
  try {
    const deadline = Date.now() + timeoutMs;
    let previous = '';
    let stable = 0;
    for (;;) {
      const html = session.html();
      stable = html === previous && html !== '' && !/spinner/i.test(html) ? stable + 1 : 0;
      previous = html;
      if (stable >= 2 || Date.now() >= deadline) return { available: true, html };
      await sleep(40);
    }
  } finally {
    await session.close();
  }
}

import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';
import type { Sandbox } from '../../sandbox';
import { createSandbox } from '../../sandbox';
import { ensureStoryStateInChild } from '../../sandbox/demo/story/cache';
import { ensureShellBuilt } from '../../sandbox/shell/build-static';
import type { ShellServer } from '../../sandbox/shell/server';
import { startShellServer } from '../../sandbox/shell/server';
import { launchBrowser } from './browser';

/** The repository root (where static/ is built and test-artifacts/ is written). */
export const ROOT = path.resolve(__dirname, '../..');
/** Screenshots and other files the e2e tests keep. */
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
/** How long any wait on the page may take. */
export const WAIT = { timeout: 20_000 };

export interface ShellSessionOptions {
  /**
   * The browser contexts, each with `viewport` (Playwright's default when omitted):
   * - `each` (the default): a fresh context and page before each test;
   * - `all`: one context and page for the whole file, opened after the browser;
   * - `manual`: none until the test opens one with `openPage` or `openAs`;
   * - `none`: no browser at all (the shell over plain HTTP).
   * Whatever context is open is closed after each test (`all`: after the file).
   */
  contexts?: 'each' | 'all' | 'manual' | 'none';
  viewport?: { width: number; height: number };
  /** With `contexts: 'each'`: open the shell's start page and wait for its project list before each test. */
  home?: boolean;
  /** Runs on the new demo sandbox before the shell server starts (site settings and the like). */
  prepare?: (sandbox: Sandbox) => Promise<void>;
  /**
   * Start from what a fresh `npm start` opens on (the demo story's state, generated in a child
   * process when today's is not in .sandbox-data/demo yet) instead of the small test site.
   */
  story?: boolean;
  /** Start from the Jira site alone with Relay just installed (`demo: 'fresh'`), as an admin meets it after a Marketplace install. */
  fresh?: boolean;
}

export interface ShellSession {
  readonly sandbox: Sandbox;
  readonly shell: ShellServer;
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Opens a new context (the session's viewport) and page, which become `context` and `page`; `init` runs before the page opens. */
  openPage(init?: (context: BrowserContext) => Promise<unknown>): Promise<Page>;
  /** Opens a shell location (`#/…`) in a new context as a user (the shell keeps the signed-in user in localStorage). */
  openAs(accountId: string, hash: string): Promise<void>;
  /** Opens the shell's start page and waits for its project list. */
  goHome(): Promise<void>;
  /** Switches the shell's signed-in user with the top bar's picker. */
  signInAs(accountId: string): Promise<void>;
  /** The shell's iframe `frame-${name}` (e.g. `project-page`, `settings`, `admin`, `gadget-<moduleKey>`). */
  frame(name: string): FrameLocator;
  /**
   * Brings the dashboard's (only) `moduleKey` gadget into its edit view: a gadget that was never
   * configured opens in it by itself, as in Jira; a configured one is opened with its Configure button.
   */
  openGadgetSettings(moduleKey: string): Promise<void>;
}

/**
 * The e2e setup every browser test shares: builds static/ and the shell's host if needed, starts the demo sandbox, the
 * shell server on a free port and Chromium (beforeAll), closes them (afterAll), and opens and closes
 * the browser contexts as `options.contexts` says. Call it at the top level of a test file.
 */
export function useShellSession(options: ShellSessionOptions = {}): ShellSession {
  const contexts = options.contexts ?? 'each';
  let sandbox: Sandbox;
  let shell: ShellServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const session: ShellSession = {
    get sandbox() {
      return sandbox;
    },
    get shell() {
      return shell;
    },
    get browser() {
      return browser;
    },
    get context() {
      return context;
    },
    get page() {
      return page;
    },
    async openPage(init) {
      context = await browser.newContext(options.viewport ? { viewport: options.viewport } : undefined);
      if (init) await init(context);
      page = await context.newPage();
      return page;
    },
    async openAs(accountId, hash) {
      await session.openPage((ctx) => ctx.addInitScript((id) => window.localStorage.setItem('relay-shell-user', id), accountId));
      await page.goto(`${shell.url}/${hash}`);
    },
    async goHome() {
      await page.goto(shell.url);
      await page.getByTestId('project-SALES').waitFor(WAIT);
    },
    async signInAs(accountId) {
      await page.getByTestId('user-switcher').selectOption(accountId);
    },
    frame(name) {
      return page.frameLocator(`[data-testid="frame-${name}"]`);
    },
    async openGadgetSettings(moduleKey) {
      const card = page.getByTestId(`gadget-${moduleKey}`);
      await card.waitFor(WAIT);
      if ((await card.getAttribute('data-mode')) === 'view') await page.getByTestId(`gadget-edit-${moduleKey}`).click();
      await page.locator(`[data-testid="gadget-${moduleKey}"][data-mode="edit"]`).waitFor(WAIT);
    },
  };

  let storyDir: string | undefined;
  beforeAll(async () => {
    ensureShellBuilt(ROOT);
    if (options.story) {
      storyDir = mkdtempSync(path.join(os.tmpdir(), 'relay-story-'));
      const dataFile = path.join(storyDir, 'state.json');
      copyFileSync(ensureStoryStateInChild(ROOT), dataFile);
      sandbox = await createSandbox({ dataFile });
    } else {
      sandbox = await createSandbox({ demo: options.fresh ? 'fresh' : true });
    }
    if (options.prepare) {
      await options.prepare(sandbox);
      // What `prepare` sets up predates the user's visit: storage queries already show it.
      sandbox.kvs.settleQueries();
    }
    shell = await startShellServer({ sandbox, port: 0 });
    if (contexts === 'none') return;
    browser = await launchBrowser();
    if (contexts === 'all') await session.openPage();
  }, 120_000);

  afterAll(async () => {
    if (contexts === 'all') await context?.close();
    await browser?.close();
    await shell?.close();
    await sandbox?.close();
    if (storyDir) rmSync(storyDir, { recursive: true, force: true });
  });

  if (contexts === 'each') {
    beforeEach(async () => {
      await session.openPage();
      if (options.home) await session.goHome();
    });
  }

  if (contexts === 'each' || contexts === 'manual') {
    afterEach(async () => {
      await context?.close();
    });
  }

  return session;
}

/** Waits until the element's whole text is `text` (trimmed). */
export async function expectText(locator: Locator, text: string): Promise<void> {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await locator.filter({ hasText: new RegExp(`^\\s*${escaped}\\s*$`) }).waitFor(WAIT);
}

/**
 * Reads until `accept` holds (or the wait times out with the last value): for what the platform
 * makes eventually true — a queued job's result, an entity query that lags its writes.
 */
export async function eventually<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = WAIT.timeout): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Still not as expected after ${timeoutMs} ms: ${JSON.stringify(value)?.slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

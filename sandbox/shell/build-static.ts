import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * The two browser bundles the sandbox serves, built with Vite when stale: the app's Custom UI
 * (static/dist, the Forge resource) and the shell's own host (sandbox/shell/dist: the UI Kit renderer
 * and the dashboard pages, drawn with the Atlassian design system as Jira draws them).
 */
export const STATIC_ENTRIES = ['project-page', 'settings', 'pipeline-gadget', 'renewals-gadget', 'admin', 'get-started'] as const;

export interface BuildTarget {
  name: string;
  /** Vite config, relative to the repository root. */
  config: string;
  /** Files the build writes, relative to the root: missing or older than a source means stale. */
  outputs: string[];
  /** Files and folders the build reads, relative to the root. */
  sources: string[];
  /** The lock directory concurrent builders share, relative to the root. */
  lock: string;
}

export const STATIC_TARGET: BuildTarget = {
  name: 'static/dist',
  config: 'static/vite.config.ts',
  outputs: STATIC_ENTRIES.map((entry) => `static/dist/${entry}.html`),
  // The UI imports the contracts from src/contracts, so those count.
  sources: ['static/src', 'static/public', 'static/vite.config.ts', 'src/contracts', ...STATIC_ENTRIES.map((entry) => `static/${entry}.html`)],
  lock: 'static/.dist-build-lock',
};

export const SHELL_HOST_TARGET: BuildTarget = {
  name: 'sandbox/shell/dist',
  config: 'sandbox/shell/host/vite.config.ts',
  outputs: ['sandbox/shell/dist/shell-host.js', 'sandbox/shell/dist/shell-host.css'],
  sources: ['sandbox/shell/host'],
  lock: 'sandbox/shell/.dist-build-lock',
};

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export interface StaleReport {
  stale: boolean;
  reason: string;
}

export function buildState(root: string, target: BuildTarget): StaleReport {
  const built = target.outputs.map((file) => path.join(root, file));
  const missing = built.filter((file) => !existsSync(file));
  if (missing.length > 0) return { stale: true, reason: `${target.name} has no ${missing.map((f) => path.basename(f)).join(', ')}` };
  const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const newest = Math.max(...target.sources.map((source) => newestMtime(path.join(root, source))));
  return newest > builtAt ? { stale: true, reason: `its sources changed after the last build of ${target.name}` } : { stale: false, reason: `${target.name} is up to date` };
}

export function staticBuildState(root: string): StaleReport {
  return buildState(root, STATIC_TARGET);
}

/**
 * Builds a target in a child process. Vite is ESM-only, and Jest's module system cannot load it;
 * a child process works the same under Jest, tsx and plain Node.
 */
export function buildInChild(root: string, target: BuildTarget): void {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, target.config), '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build (and run
    // StrictMode's double effects): the browser must get the production build `npm run build` makes.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (result.status !== 0) throw new Error(`vite build of ${target.name} failed (${String(result.status)}):\n${result.stderr}${result.stdout}`);
}

export function buildStaticInChild(root: string): void {
  buildInChild(root, STATIC_TARGET);
}

const LOCK_STALE_MS = 120_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds a target if it is stale, once, even when several test files (Jest workers) ask at the
 * same time: a lock directory (mkdir is atomic) lets one build while the others wait, then re-check.
 */
export function ensureBuilt(root: string, target: BuildTarget): void {
  const lock = path.join(root, target.lock);
  for (;;) {
    if (!buildState(root, target).stale) return;
    try {
      mkdirSync(lock);
    } catch {
      // Another process is building; a lock left by a crashed build is taken over after a while.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      sleepSync(200);
      continue;
    }
    try {
      if (buildState(root, target).stale) buildInChild(root, target);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

export function ensureStaticBuilt(root: string): void {
  ensureBuilt(root, STATIC_TARGET);
}

/** Both bundles the shell serves: the app's Custom UI and the shell's own host. */
export function ensureShellBuilt(root: string): void {
  ensureBuilt(root, STATIC_TARGET);
  ensureBuilt(root, SHELL_HOST_TARGET);
}

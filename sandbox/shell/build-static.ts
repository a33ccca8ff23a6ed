import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * When the Custom UI bundle (static/dist) must be rebuilt: it is missing, or something it is built
 * from changed after it was built. The UI imports the contracts from src/contracts, so those count.
 */
export const STATIC_ENTRIES = ['project-page', 'settings', 'pipeline-gadget', 'renewals-gadget', 'admin'] as const;

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

export function staticBuildState(root: string): StaleReport {
  const dist = path.join(root, 'static', 'dist');
  const built = STATIC_ENTRIES.map((entry) => path.join(dist, `${entry}.html`));
  const missing = built.filter((file) => !existsSync(file));
  if (missing.length > 0) return { stale: true, reason: `static/dist has no ${missing.map((f) => path.basename(f)).join(', ')}` };
  const builtAt = Math.min(...built.map((file) => statSync(file).mtimeMs));
  const sources = [
    path.join(root, 'static', 'src'),
    path.join(root, 'static', 'public'),
    path.join(root, 'static', 'vite.config.ts'),
    path.join(root, 'src', 'contracts'),
    ...STATIC_ENTRIES.map((entry) => path.join(root, 'static', `${entry}.html`)),
  ];
  const newest = Math.max(...sources.map(newestMtime));
  return newest > builtAt ? { stale: true, reason: 'static/src (or what it imports) changed after the last build' } : { stale: false, reason: 'static/dist is up to date' };
}

/**
 * Builds static/dist in a child process. Vite is ESM-only, and Jest's module system cannot load it;
 * a child process works the same under Jest, tsx and plain Node. (`npm start` builds in process.)
 */
export function buildStaticInChild(root: string): void {
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'static', 'vite.config.ts'), '--logLevel', 'warn'], {
    cwd: root,
    encoding: 'utf8',
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build (and run
    // StrictMode's double effects): the frames must get the production build `npm run build` makes.
    env: { ...process.env, NODE_ENV: 'production', VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (result.status !== 0) throw new Error(`vite build failed (${String(result.status)}):\n${result.stderr}${result.stdout}`);
}

const LOCK_STALE_MS = 120_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds static/dist if it is stale, once, even when several test files (Jest workers) ask at the
 * same time: a lock directory (mkdir is atomic) lets one build while the others wait, then re-check.
 */
export function ensureStaticBuilt(root: string): void {
  const lock = path.join(root, 'static', '.dist-build-lock');
  for (;;) {
    if (!staticBuildState(root).stale) return;
    try {
      mkdirSync(lock);
    } catch {
      // Another process is building; a lock left by a crashed build is taken over after a while.
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      sleepSync(200);
      continue;
    }
    try {
      if (staticBuildState(root).stale) buildStaticInChild(root);
      return;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

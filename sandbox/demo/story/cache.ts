import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { HOUR, isoDate } from './calendar';
import type { StoryFigures } from './run';

/**
 * The story's generated state, kept in `.sandbox-data/demo/` and reused: a year lived through the app
 * takes seconds, so it is generated once per day and per version of what it is made from (the app,
 * the platform, the story itself), and `npm start` (and the story test) copy it. Same day, same
 * sources, same seed: the same site.
 */
export const STORY_SEED = 12;

/** What the generated state depends on: a change here makes the next start generate it again. */
const SOURCES = ['src', 'sandbox/demo', 'sandbox/kvs', 'sandbox/jira', 'sandbox/runtime', 'sandbox/platform', 'sandbox/index.ts', 'manifest.yml', 'locales', 'package-lock.json'];

function hashTree(hash: ReturnType<typeof createHash>, root: string, relative: string): void {
  const full = path.join(root, relative);
  if (!existsSync(full)) return;
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full).sort()) hashTree(hash, root, path.join(relative, entry));
    return;
  }
  hash.update(relative);
  hash.update(readFileSync(full));
}

export function storyStatePath(root: string, now: number): string {
  const hash = createHash('sha256');
  hash.update(`seed ${STORY_SEED}\n`);
  for (const source of SOURCES) hashTree(hash, root, source);
  return path.join(root, '.sandbox-data', 'demo', `story-${isoDate(now)}-${hash.digest('hex').slice(0, 12)}.json`);
}

/**
 * The story's state file for today, generated when missing (in this process; about ten seconds on
 * a quiet machine). Older generated files are removed. `onGenerate` hears when generation starts.
 */
export async function ensureStoryState(root: string, options: { now?: number; onGenerate?: () => void } = {}): Promise<{ file: string; figures: StoryFigures | null }> {
  const now = options.now ?? Date.now();
  const file = storyStatePath(root, now);
  if (existsSync(file)) return { file, figures: null };
  options.onGenerate?.();
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const { generateStory } = await import('./run');
  // The app logs as it works (on Forge these go to the app's logs): not to this terminal.
  const quiet = ['info', 'log', 'warn'] as const;
  const saved = quiet.map((level) => console[level]);
  for (const level of quiet) console[level] = () => undefined;
  let figures: StoryFigures;
  try {
    // The year ends on the hour: the same seed on the same day and hour gives the same site.
    figures = await generateStory({ seed: STORY_SEED, end: Math.floor(now / HOUR) * HOUR, dataFile: temp });
  } finally {
    quiet.forEach((level, i) => (console[level] = saved[i]!));
  }
  renameSync(temp, file);
  for (const old of readdirSync(path.dirname(file))) {
    if (old.startsWith('story-') && path.join(path.dirname(file), old) !== file) rmSync(path.join(path.dirname(file), old), { force: true });
  }
  return { file, figures };
}

const LOCK_STALE_MS = 300_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The same from a test process: the story runs in a child process (tsx), once even when several
 * Jest workers ask together (a lock directory), so the test's own module registry and clock are
 * never touched. Returns the state file.
 */
export function ensureStoryStateInChild(root: string): string {
  const lock = path.join(root, '.sandbox-data', 'demo', '.generating');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (;;) {
    const file = storyStatePath(root, Date.now());
    if (existsSync(file)) return file;
    try {
      mkdirSync(lock);
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > LOCK_STALE_MS) rmSync(lock, { recursive: true, force: true });
      sleepSync(250);
      continue;
    }
    try {
      const tsx = path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
      const result = spawnSync(process.execPath, [tsx, path.join(root, 'sandbox', 'demo', 'story', 'cli.ts')], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
      if (result.status !== 0) throw new Error(`Generating the demo story failed (${String(result.status)}):\n${result.stderr}${result.stdout}`);
      const generated = result.stdout.trim().split('\n').pop() ?? '';
      if (!existsSync(generated)) throw new Error(`The demo story generator did not write its state:\n${result.stdout}`);
      return generated;
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
}

/**
 * What a bench run measured, by figure id (bench/budgets.ts `ids`), and how each step is run: with a
 * time limit and a failure that names the step, so `npm run bench` always reaches its closing table.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const measured = new Map<string, number>();

/** Records one figure (a yes/no figure as a boolean). The last value recorded for an id stands. */
export function record(id: string, value: number | boolean): void {
  measured.set(id, typeof value === 'boolean' ? (value ? 1 : 0) : value);
}

export function recorded(): ReadonlyMap<string, number> {
  return measured;
}

/** A bench run in a child process (bench/board.ts) hands its figures back through a file. */
export function writeFigures(file: string): void {
  writeFileSync(file, JSON.stringify(Object.fromEntries(measured)));
}

export function readFigures(file: string): void {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  for (const [id, value] of Object.entries(parsed)) measured.set(id, value);
}

let activity = '';

/** Names what the running step is doing now, so a timeout can say what it was waiting for. */
export function doing(what: string): void {
  activity = what;
}

export function currentActivity(): string {
  return activity;
}

export class TimeoutError extends Error {}

/**
 * The promise's answer, or a TimeoutError naming `what` once `ms` have passed. The work itself is not
 * stopped (a promise cannot be); the bench moves on and exits at its end.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`timed out after ${formatMs(ms)} waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}

export function formatMs(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  return ms >= 60_000 ? `${(ms / 60_000).toFixed(ms % 60_000 === 0 ? 0 : 1)} min` : `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}

/**
 * Polls `done` (after each `between`) until it is true, at most `attempts` times; then fails saying
 * what it waited for and what it last saw. Every polling loop of the bench goes through here.
 */
export async function pollUntil<T>(what: string, attempts: number, check: () => Promise<{ done: boolean; value: T; seen?: string }>, between: () => Promise<void> | void): Promise<T> {
  let last = '';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const { done, value, seen } = await check();
    if (done) return value;
    last = seen ?? '';
    await between();
  }
  throw new Error(`gave up waiting for ${what} after ${attempts} checks${last ? ` (last seen: ${last})` : ''}`);
}

import { GuardVersionMoved } from '../../ports/failures';
import { guardStore, storage } from '../../ports/registry';
import type { Versioned } from '../../ports/storage';
import { z } from 'zod';
import { RenewalSummarySchema } from '../../contracts/renewal';

/**
 * The daily renewals run as stored state: which run holds the lease, its phase, its checkpoint and
 * what it did. One record (guard entity, versioned): every chunk claims it at the version it read,
 * so two runs, or two deliveries of one chunk, never work at the same time; a chunk that died is
 * retried from the last checkpoint it saved.
 */
export const PHASES = ['scan', 'health', 'summaries', 'retention', 'done'] as const;
export type Phase = (typeof PHASES)[number];

/** Where a paged phase stopped: the range value reached and the ids already handled at that value. */
const Boundary = z.object({ value: z.union([z.string(), z.number()]).nullable(), doneIds: z.array(z.string()) });
export type Boundary = z.infer<typeof Boundary>;

/**
 * A project's renewal summary part-way: the close date reached (and ids counted there), the day its
 * windows are counted from (fixed when it starts, so a summary read across midnight is one day's),
 * and the buckets so far. Stored in the run, or carried by a refresh job to its next step.
 */
export const SummaryProgress = RenewalSummarySchema.pick({ today: true, due: true, overdue: true }).extend({ boundary: Boundary });
export type SummaryProgress = z.infer<typeof SummaryProgress>;

const RunState = z.object({
  runId: z.string(),
  day: z.string(),
  phase: z.enum(PHASES),
  chunk: z.number().int(),
  leaseUntil: z.number(),
  scan: Boundary,
  /** Unused since health pages by company name (kept so runs saved by the earlier version still parse). */
  healthTier: z.number().int(),
  health: Boundary,
  /** Summaries: how many projects are done, and how far the current one is. */
  projectsDone: z.number().int(),
  summary: SummaryProgress.nullable().default(null),
  counts: z.record(z.string(), z.number()),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  lastError: z.string().nullable(),
});
export type RunState = z.infer<typeof RunState>;

export const START: Boundary = { value: null, doneIds: [] };

export function readRun(): Promise<Versioned<RunState | null>> {
  return guardStore.readGuardRecord<RunState | null>(guardStore.guardKeys.renewalRun(), (data) => RunState.parse(data), null);
}

/** Saves the run at the version read; false when someone else saved it since (their run or chunk wins). */
export async function saveRun(next: RunState, readVersion: number, now: number): Promise<boolean> {
  try {
    await guardStore.saveGuardRecord(guardStore.guardKeys.renewalRun(), 'lease', 'renewals', next, readVersion, now);
    return true;
  } catch (error) {
    if (error instanceof GuardVersionMoved) return false;
    if (storage.isConditionFailure(error)) return false;
    throw error;
  }
}

/** Moves a boundary past the items just handled (ids at the last value are remembered, at most 2,000). */
export function advance(boundary: Boundary, handled: ReadonlyArray<{ id: string; value: string | number }>): Boundary {
  let next = boundary;
  for (const item of handled) {
    if (next.value === item.value) next = { value: item.value, doneIds: [...next.doneIds, item.id].slice(-2000) };
    else next = { value: item.value, doneIds: [item.id] };
  }
  return next;
}

export function counted(counts: Record<string, number>, more: Record<string, number>): Record<string, number> {
  const out = { ...counts };
  for (const [key, n] of Object.entries(more)) out[key] = (out[key] ?? 0) + n;
  return out;
}

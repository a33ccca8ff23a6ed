import type { ImportBatch } from '../../ports/imports';
import type { ImportConfig } from '../../domain/import-job';
import type { Pipeline } from '../../domain/pipeline';
import type { ImportLookups } from './import-lookups';

/** What the batch planner (plan-batch.ts) is given, what it answers, and how it says what becomes of a row. */

export type RowOutcome = { line: number; outcome: 'imported' | 'updated' } | { line: number; outcome: 'rejected'; reason: string; cells: string[] };

export interface PlannedBatch {
  batch: ImportBatch;
  outcomes: RowOutcome[];
  /** How many of the rows given were planned (the rest wait for the next batch). */
  taken: number;
  companiesCreated: number;
}

export interface PlanContext {
  config: ImportConfig;
  lookups: ImportLookups;
  pipeline: Pipeline | null;
  projectId: string;
  actorId: string;
  now: number;
  newId: () => string;
  /** The end of a board column, per stage, for deals appended in this batch. */
  lastPosition: (stageId: string) => Promise<string | null>;
}


/** The row is refused, with the reason the report gives. */
export class Reject extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The row waits for the next batch (it collides with one planned in this batch, or would not fit). */
export class Defer extends Error {}

/**
 * A value held by the very record this row would write is free for it: a run that died between
 * reserving a claim and committing its batch left the reservation under the row's own id.
 */
export const heldByOther = (holder: string | undefined, ownId: string): string | undefined => (holder === ownId ? undefined : holder);

/** Builds a record, a domain error of the given kind becoming the row's rejection. */
export function rejectingOn<T>(kind: new (...args: never[]) => Error, build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof kind) throw new Reject(error.message);
    throw error;
  }
}

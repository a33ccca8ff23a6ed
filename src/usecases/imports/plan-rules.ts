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

/** What matching a company or contact row differs in: its unique value and where its holders are found. */
export interface MatchOf {
  type: 'company' | 'contact';
  claim: 'domain' | 'email';
  value: string | null | undefined;
  externalId: string | null;
  holderOf(value: string): Promise<string | undefined>;
  nameOf(id: string): Promise<string | undefined>;
}

export interface Match {
  of: MatchOf;
  id: string;
  /** An update of the matched record (update mode and a match), else a create at the row's own id. */
  updates: boolean;
  byValue: string | undefined;
  byExternal: string | undefined;
  /** The external id an update newly gives the record (none when another record or it already holds it). */
  newExternalId: string | null;
}

/** The reason a create finds its value taken: by an earlier line of this file, or by an existing record. */
export function takenBy(ctx: PlanContext, holderId: string, what: string, name: string | undefined): Reject {
  const line = ctx.lookups.lineOf(holderId);
  if (line !== undefined) return new Reject(`Same ${what} as line ${line} of this file`);
  return new Reject(`${name ?? 'A record'} already has this ${what}: choose "Update existing" to update it`);
}

/** A create refuses a value any record holds; an update one held by a record other than the one it updates. */
export async function refuseTaken(ctx: PlanContext, match: Match, updatedId: string | null): Promise<void> {
  const { of, byValue, byExternal } = match;
  const taken = async (holder: string, what: string) => takenBy(ctx, holder, what, await of.nameOf(holder));
  if (updatedId === null) {
    const holder = byValue ?? byExternal;
    if (holder) throw await taken(holder, byValue ? of.claim : 'external id');
    return;
  }
  if (byValue && byValue !== updatedId) throw await taken(byValue, of.claim);
  if (byExternal && byExternal !== updatedId) throw await taken(byExternal, 'external id');
}

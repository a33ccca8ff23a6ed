import { z } from 'zod';
import { MigrationStep } from './site';

/**
 * Work too long for a 25-second resolver runs on the `relay-jobs` queue, whose consumer has 900
 * seconds. A job names what to do; the consumer parses it with the same schema.
 */
export const Job = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rebuild-totals'), projectId: z.string().min(1), requestedBy: z.string() }),
  /** Create (or finish linking) a won deal's delivery issue. */
  z.object({ kind: z.literal('handoff'), dealId: z.string().min(1) }),
  /** Snapshot one project's pipeline and compute its metrics (daily, or on an admin's refresh). */
  z.object({ kind: z.literal('snapshot'), projectId: z.string().min(1) }),
  /** Run (or go on with) a CSV import: each run commits batches for a while, then queues the next. */
  z.object({ kind: z.literal('import'), jobId: z.string().min(1) }),
  /** After a merge: move what hangs off the merged-away record (activities, deals, contacts) to the survivor. */
  z.object({ kind: z.literal('merge'), recordType: z.enum(['contact', 'company']), fromId: z.string().min(1), toId: z.string().min(1) }),
  /** Erase a contact on an admin's request (the requester is named in the anonymised erasure record). */
  z.object({ kind: z.literal('erase-contact'), contactId: z.string().min(1), requestedBy: z.string().min(1) }),
  /** One chunk of the daily renewals run (renewal deals, derived ARR, health, summaries); chunks follow each other. */
  z.object({ kind: z.literal('renewals'), runId: z.string().min(1), chunk: z.number().int().min(1) }),
  /** Score the health of these companies now (a new customer, a linked issue that changed). */
  z.object({ kind: z.literal('health'), companyIds: z.array(z.string().min(1)).min(1).max(100), issueIds: z.array(z.string().min(1)).max(50).optional() }),
  /** Recompute one project's renewal summary (a refresh asked for from the Renewals tab), a minute's share at a time. */
  z.object({ kind: z.literal('renewal-summary'), projectId: z.string().min(1), progress: z.unknown().optional() }),
  /** Seed the site's defaults after an install or upgrade, again after a pause when the app's permissions were not in effect yet. */
  z.object({ kind: z.literal('upkeep'), attempt: z.number().int().min(0).max(20) }),
  /** One batch of the background migration of records an older version stored (usecases/upkeep/migrate.ts). */
  z.object({ kind: z.literal('migrate'), step: MigrationStep, cursor: z.string().max(2000).optional(), round: z.number().int().min(0).max(10).optional() }),
]);

export type Job = z.infer<typeof Job>;

/**
 * The app's job queue (work too long for a resolver).
 * Implemented by adapters/queue/jobs.ts.
 */
export interface JobsPort {
  /** Queues a job, to run at once or after `delayInSeconds` (Forge: at most 900). */
  enqueueJob(job: Job, delayInSeconds?: number): Promise<string>;
}


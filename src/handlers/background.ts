/**
 * Background entry points (issue events, scheduled scans, queued jobs, the inbound-lead web trigger
 * whose work is in inbound-lead.ts), each behind the license check at the end of this file.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { ForgeKvsAPIError } from '@forge/kvs';
import type { InboundOutcome } from '../contracts/lead';
import { platformIds, platformClock } from '../ports/registry';
import { readPipeline } from '../adapters/kvs/pipeline-store';
import { enqueueJob } from '../adapters/queue/jobs';
import { Job } from '../ports/jobs';
import { failImport, runDeps, runImport } from '../usecases/imports/run-import';
import { moveMerged } from '../usecases/duplicates/move-merged';
import { eraseContact } from '../usecases/privacy/erase-contact';
import { systemContext } from '../usecases/handoff/system';
import { onIssueEvent as applyIssueEvent, type IssueEvent } from '../usecases/handoff/issue-events';
import { runHandoff } from '../usecases/handoff/run-handoff';
import { runSlaScan as scanSlas } from '../usecases/handoff/sla-scan';
import { runLeadSlaScan } from '../usecases/leads/lead-sla-scan';
import { JOB_QUOTA_WAIT_MS, queueAllSnapshots, runProjectSnapshot } from '../usecases/metrics/snapshot-job';
import { AppError } from '../usecases/errors';
import { rebuildTotals } from '../usecases/pipelines';
import { runChunk, startDailyRun } from '../usecases/renewals/daily-run';
import { knownIssueIds, linkedCompanyOf, scoreAfterIssueEvent } from '../usecases/renewals/issue-health';
import { scoreCompaniesById } from '../usecases/renewals/health';
import { summaryJob } from '../usecases/renewals/summaries';
import { receiveInboundLead } from './inbound-lead';
import { whenLicensed } from './licensed';
import { runMigration, runUpkeep } from './upkeep';
import { compose } from './compose';

// This entry point's composition root: the ports its use cases use, bound to Relay's adapters.
compose();

export interface BackgroundResult {
  handled: boolean;
  reason?: string;
}

const skipped = (reason: string): BackgroundResult => ({ handled: false, reason });

/** Relay's own context for work no user started: the platform's clock and random ids (the composition root of the background entry points). */
const system = () => systemContext(platformClock, platformIds);

/** Jira issue events (trigger, ignoreSelf): keep linked deals' hand-offs in step with their delivery issues. */
async function applyIssueEventJob(event: IssueEvent): Promise<BackgroundResult> {
  if (!event?.issue?.id) return { handled: false, reason: 'not an issue event' };
  // Read before the event is applied: a deleted issue loses its link.
  const companyId = await linkedCompanyOf(event.issue.id, event.issue.fields?.parent?.id);
  const outcome = await applyIssueEvent(event, system());
  // Linked work moves its company's health (overdue, blocked, bugs, done): scored at once.
  const scored = await scoreAfterIssueEvent(companyId, event.issue.id, platformClock.now(), platformIds);
  return { handled: outcome === 'updated' || outcome === 'unlinked' || scored, reason: scored ? `${outcome}; health scored` : outcome };
}

/**
 * Hourly: hand-off acceptance breaches, hand-offs whose delivery issue still waits for Jira, and lead
 * response SLAs past due (one trigger for both: the manifest allows five scheduled triggers).
 */
async function slaScan(): Promise<BackgroundResult & { breached?: number; requeued?: number; leadsBreached?: number; leadsAnswered?: number }> {
  const result = await scanSlas(system());
  const leads = await runLeadSlaScan(platformClock, platformIds);
  return { handled: true, ...result, leadsBreached: leads.breached, leadsAnswered: leads.answered };
}

/**
 * Daily: starts the renewals run (renewal deals due, health, summaries, retention) on the queue,
 * unless a run holds the lease or today's is done — so a trigger delivered twice starts one run.
 */
async function renewalScan(): Promise<BackgroundResult & { runId?: string }> {
  const outcome = await startDailyRun(platformClock.now(), platformIds);
  console.info(`[relay] renewals run: ${outcome.reason}`);
  return { handled: outcome.started, reason: outcome.reason, ...(outcome.runId ? { runId: outcome.runId } : {}) };
}

/** Daily: one queued snapshot job per CRM project (each may take minutes at 100,000 deals). */
async function pipelineSnapshot(): Promise<BackgroundResult & { queued?: number }> {
  return { handled: true, queued: await queueAllSnapshots(platformClock.now()) };
}

/**
 * The `relay-jobs` consumer. A body that is not a job Relay knows is logged and dropped (retrying
 * cannot make it valid); a job that fails is thrown so the platform retries it.
 */
async function job(event: { body?: unknown; retryContext?: { retryCount?: number } }): Promise<BackgroundResult | InvocationError> {
  const parsed = Job.safeParse(event?.body);
  if (!parsed.success) {
    console.warn('[relay] dropped a queued event that is not a Relay job', parsed.error.issues);
    return { handled: false, reason: 'not a Relay job' };
  }
  const job = parsed.data;
  if (job.kind === 'snapshot') {
    const result = await runProjectSnapshot(job.projectId, platformClock.now());
    if ('retryAfterSeconds' in result) return new InvocationError({ retryAfter: result.retryAfterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    console.info(`[relay] snapshot of project ${job.projectId}: ${result.deals} deals in ${result.chunks} chunks, ${result.pruned} old chunks pruned, ${result.segments} segment records`);
    return { handled: true };
  }
  if (job.kind === 'handoff') {
    const run = await runHandoff(job.dealId, system());
    // Jira busy: ask the queue to deliver again later (the hourly scan catches anything past its retries).
    if (run.outcome === 'retry') return new InvocationError({ retryAfter: run.afterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    return { handled: run.outcome === 'done', ...(run.outcome === 'failed' ? { reason: run.error } : {}) };
  }
  if (job.kind === 'import') return runImportJob(job.jobId, event.retryContext?.retryCount ?? 0);
  if (job.kind === 'erase-contact') {
    const base = system();
    const erased = await eraseContact({ ...base, access: { ...base.access, accountId: job.requestedBy } }, job.contactId);
    console.info(`[relay] erasure requested by ${job.requestedBy}: ${erased ? JSON.stringify(erased) : 'nothing left to erase'}`);
    return { handled: true };
  }
  if (job.kind === 'merge') {
    const moved = await moveMerged(job.recordType, job.fromId, job.toId, system());
    console.info(`[relay] merge of ${job.recordType} ${job.fromId} into ${job.toId}: moved ${moved.activities} activities, ${moved.deals} deals, ${moved.contacts} contacts`);
    return { handled: true };
  }
  if (job.kind === 'renewals') {
    try {
      const outcome = await runChunk(job, event.retryContext !== undefined, platformClock, platformIds);
      return { handled: outcome !== 'dropped', reason: outcome };
    } catch (error) {
      // Storage spent its rate before the chunk could save where it was: the chunk again, a minute later.
      if (error instanceof ForgeKvsAPIError && error.responseDetails.status === 429) return new InvocationError({ retryAfter: 60, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
      throw error;
    }
  }
  if (job.kind === 'health') {
    // A few companies (a link, a new customer): their known issues are reconciled, so search's lag cannot hide a change.
    const known = [...new Set([...(job.issueIds ?? []), ...(job.companyIds.length <= 5 ? (await Promise.all(job.companyIds.map(knownIssueIds))).flat() : [])])].slice(0, 50);
    const changed = await scoreCompaniesById(job.companyIds, platformClock.now(), platformIds, known);
    return { handled: true, reason: `${changed} of ${job.companyIds.length} scores changed` };
  }
  if (job.kind === 'renewal-summary') {
    const done = await summaryJob(job.projectId, job.progress, platformClock.now());
    return { handled: true, ...(done ? {} : { reason: 'continues' }) };
  }
  if (job.kind === 'upkeep') return runUpkeep(job.attempt);
  if (job.kind === 'migrate') return runMigration(job.step, job.cursor, job.round);
  const pipeline = await readPipeline(job.projectId);
  if (!pipeline) return { handled: false, reason: 'the CRM is not enabled in this project' };
  let result: Awaited<ReturnType<typeof rebuildTotals>>;
  try {
    result = await rebuildTotals(job.projectId, pipeline, platformClock.now(), JOB_QUOTA_WAIT_MS);
  } catch (error) {
    // Deals changed a moment ago: run again once storage searches show those changes.
    const retryAfter = error instanceof AppError && error.code === 'RATE_LIMITED' ? Number(error.details?.retryAfterSeconds ?? 60) : undefined;
    if (retryAfter === undefined) throw error;
    return new InvocationError({ retryAfter, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
  }
  console.info(`[relay] rebuilt totals of project ${job.projectId}: ${result.dealsScanned} deals, ${result.changed ? 'corrected' : 'already right'}`);
  return { handled: true };
}

/** Runs the queue gives a job that keeps failing before the import is marked failed (Forge retries up to 4 times). */
const IMPORT_FAILED_AFTER_RETRIES = 3;

/**
 * One run of an import; a run that stops to pace itself queues the next one with a delay. A run
 * that throws is retried by the queue; when the retries are spent the job is marked failed with
 * what it got through (every committed batch stays), instead of waiting forever.
 */
async function runImportJob(jobId: string, retryCount: number): Promise<BackgroundResult> {
  let run;
  try {
    run = await runImport(jobId, runDeps(platformClock, platformIds));
  } catch (error) {
    if (retryCount < IMPORT_FAILED_AFTER_RETRIES) throw error;
    console.error(`[relay] import ${jobId} failed`, error);
    await failImport(jobId, 'The import stopped on an error on our side. The rows before it are imported; the counts say how far it got.', runDeps(platformClock, platformIds));
    return { handled: false, reason: 'failed' };
  }
  if (run.outcome === 'later') await enqueueJob({ kind: 'import', jobId }, run.afterSeconds);
  if (run.outcome === 'finished') console.info(`[relay] import ${jobId}: ${run.status}`);
  return { handled: run.outcome !== 'idle', ...(run.outcome === 'finished' ? {} : { reason: run.reason }) };
}

// The entry points manifest.yml names, each behind the one license check (licensed.ts).
export const onIssueEvent = whenLicensed('issue events', applyIssueEventJob, skipped);
export const runSlaScan = whenLicensed('hand-off and lead SLA scan', slaScan, skipped);
export const runRenewalScan = whenLicensed('renewal scan', renewalScan, skipped);
export const runPipelineSnapshot = whenLicensed('pipeline snapshot', pipelineSnapshot, skipped);
// Upkeep and migration run whatever the license: they keep stored data readable. So do the second
// halves of a merge and an erasure accepted while the license was active: skipping them would leave
// a merged record's activities on the archived one, or a requested erasure silently undone. An
// import is new work: it waits, and its owner's next look at it queues it again (read-imports.ts).
const RUN_UNLICENSED = ['upkeep', 'migrate', 'merge', 'erase-contact'];
const runsUnlicensed = (event: { body?: unknown }) => RUN_UNLICENSED.includes((event?.body as { kind?: string } | undefined)?.kind ?? '');
export const runJob = whenLicensed('queued job', job, skipped, runsUnlicensed);
// A static web trigger only picks one of the manifest's answers: unlicensed, the 403 LICENSE_INACTIVE one.
export const inboundLead = whenLicensed('inbound lead', receiveInboundLead, (): { outputKey: InboundOutcome } => ({ outputKey: 'license-inactive' }));

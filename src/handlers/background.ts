/**
 * Background entry points (issue events, scheduled scans, queued jobs; inbound leads: inbound-lead.ts). Features that
 * have not shipped answer in a structured way that says so, so the platform sees a clean run and logs
 * show why nothing happened; the manifest stays as is when they land.
 */
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { readPipeline } from '../adapters/kvs/pipeline-store';
import { Job } from '../adapters/queue/jobs';
import { onIssueEvent as applyIssueEvent, type IssueEvent } from '../usecases/handoff/issue-events';
import { runHandoff } from '../usecases/handoff/run-handoff';
import { runSlaScan as scanSlas } from '../usecases/handoff/sla-scan';
import { runLeadSlaScan } from '../usecases/leads/lead-sla-scan';
import { queueAllSnapshots, runProjectSnapshot } from '../usecases/metrics/snapshot-job';
import { rebuildTotals } from '../usecases/pipelines';

export interface BackgroundResult {
  handled: boolean;
  reason?: string;
}

function notShipped(feature: string): BackgroundResult {
  console.info(`[relay] ${feature}: not shipped in this version; nothing to do.`);
  return { handled: false, reason: `${feature} is not shipped in this version` };
}

/** Jira issue events (trigger, ignoreSelf): keep linked deals' hand-offs in step with their delivery issues. */
export async function onIssueEvent(event: IssueEvent): Promise<BackgroundResult> {
  if (!event?.issue?.id) return { handled: false, reason: 'not an issue event' };
  const outcome = await applyIssueEvent(event);
  return { handled: outcome === 'updated' || outcome === 'unlinked', reason: outcome };
}

/**
 * Hourly: hand-off acceptance breaches, hand-offs whose delivery issue still waits for Jira, and lead
 * response SLAs past due (one trigger for both: the manifest allows five scheduled triggers).
 */
export async function runSlaScan(): Promise<BackgroundResult & { breached: number; requeued: number; leadsBreached: number; leadsAnswered: number }> {
  const result = await scanSlas();
  const leads = await runLeadSlaScan();
  return { handled: true, ...result, leadsBreached: leads.breached, leadsAnswered: leads.answered };
}

export async function runRenewalScan(): Promise<BackgroundResult> {
  return notShipped('renewal scan');
}

/** Daily: one queued snapshot job per CRM project (each may take minutes at 100,000 deals). */
export async function runPipelineSnapshot(): Promise<BackgroundResult & { queued: number }> {
  return { handled: true, queued: await queueAllSnapshots() };
}

/**
 * The `relay-jobs` consumer. A body that is not a job Relay knows is logged and dropped (retrying
 * cannot make it valid); a job that fails is thrown so the platform retries it.
 */
export async function runJob(event: { body?: unknown }): Promise<BackgroundResult | InvocationError> {
  const parsed = Job.safeParse(event?.body);
  if (!parsed.success) {
    console.warn('[relay] dropped a queued event that is not a Relay job', parsed.error.issues);
    return { handled: false, reason: 'not a Relay job' };
  }
  const job = parsed.data;
  if (job.kind === 'snapshot') {
    const result = await runProjectSnapshot(job.projectId, Date.now());
    console.info(`[relay] snapshot of project ${job.projectId}: ${result.deals} deals in ${result.chunks} chunks, ${result.pruned} old chunks pruned, ${result.segments} segment records`);
    return { handled: true };
  }
  if (job.kind === 'handoff') {
    const run = await runHandoff(job.dealId);
    // Jira busy: ask the queue to deliver again later (the hourly scan catches anything past its retries).
    if (run.outcome === 'retry') return new InvocationError({ retryAfter: run.afterSeconds, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    return { handled: run.outcome === 'done', ...(run.outcome === 'failed' ? { reason: run.error } : {}) };
  }
  const pipeline = await readPipeline(job.projectId);
  if (!pipeline) return { handled: false, reason: 'the CRM is not enabled in this project' };
  const result = await rebuildTotals(job.projectId, pipeline, Date.now());
  console.info(`[relay] rebuilt totals of project ${job.projectId}: ${result.dealsScanned} deals, ${result.changed ? 'corrected' : 'already right'}`);
  return { handled: true };
}

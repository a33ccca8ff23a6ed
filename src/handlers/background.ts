/**
 * Background entry points (issue events, scheduled scans, inbound leads, queued jobs). Each answers
 * in a structured way that says its feature has not shipped yet, so the platform sees a clean run
 * and logs show why nothing happened. Their issues replace these bodies; the manifest stays as is.
 */
import { readPipeline } from '../adapters/kvs/pipeline-store';
import { Job } from '../adapters/queue/jobs';
import { rebuildTotals } from '../usecases/pipelines';

export interface BackgroundResult {
  handled: boolean;
  reason?: string;
}

function notShipped(feature: string): BackgroundResult {
  console.info(`[relay] ${feature}: not shipped in this version; nothing to do.`);
  return { handled: false, reason: `${feature} is not shipped in this version` };
}

export async function onIssueEvent(_event: unknown): Promise<BackgroundResult> {
  return notShipped('hand-off tracking from issue events');
}

export async function runSlaScan(): Promise<BackgroundResult> {
  return notShipped('hand-off and lead-response SLA scan');
}

export async function runRenewalScan(): Promise<BackgroundResult> {
  return notShipped('renewal scan');
}

export async function runPipelineSnapshot(): Promise<BackgroundResult> {
  return notShipped('pipeline snapshot');
}

/**
 * The `relay-jobs` consumer. A body that is not a job Relay knows is logged and dropped (retrying
 * cannot make it valid); a job that fails is thrown so the platform retries it.
 */
export async function runJob(event: { body?: unknown }): Promise<BackgroundResult> {
  const parsed = Job.safeParse(event?.body);
  if (!parsed.success) {
    console.warn('[relay] dropped a queued event that is not a Relay job', parsed.error.issues);
    return { handled: false, reason: 'not a Relay job' };
  }
  const job = parsed.data;
  const pipeline = await readPipeline(job.projectId);
  if (!pipeline) return { handled: false, reason: 'the CRM is not enabled in this project' };
  const result = await rebuildTotals(job.projectId, pipeline, Date.now());
  console.info(`[relay] rebuilt totals of project ${job.projectId}: ${result.dealsScanned} deals, ${result.changed ? 'corrected' : 'already right'}`);
  return { handled: true };
}

/** Web trigger response: the inbound-lead endpoint refuses leads until it ships, saying why. */
export async function inboundLead(_request: unknown): Promise<{ statusCode: number; headers: Record<string, string[]>; body: string }> {
  return {
    statusCode: 503,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify({ code: 'UNAVAILABLE', message: 'Inbound leads are not accepted by this version of Relay yet.' }),
  };
}

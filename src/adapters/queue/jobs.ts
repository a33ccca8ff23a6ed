import { Queue } from '@forge/events';
import type { Job } from '../../ports/jobs';


const QUEUE_KEY = 'relay-jobs';

/** Queues a job, to run at once or after `delayInSeconds` (Forge: at most 900). */
export async function enqueueJob(job: Job, delayInSeconds = 0): Promise<string> {
  const result = await new Queue({ key: QUEUE_KEY }).push({ body: job, ...(delayInSeconds > 0 ? { delayInSeconds: Math.min(900, Math.ceil(delayInSeconds)) } : {}) });
  return result.jobId;
}

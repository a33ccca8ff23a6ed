import { storage } from '../../ports/registry';
import type { InboundOutcome } from '../../contracts/lead';
import { intakeLead, type IntakeDeps } from './intake-lead';
import { parseSubmission } from './parse-submission';
import { verifyLeadRequest, type WebTriggerRequest } from './verify-request';

/**
 * One inbound-lead request, start to end: verify (method, size, timestamp, signature), parse (JSON,
 * fields), then store. Every refusal is decided before anything is written, so a refused request
 * stores nothing; storage saying "too many requests" or failing answers BUSY (nothing was written:
 * the one write is a transaction). Anything else is a defect and is thrown, so the platform records it.
 */
export async function receiveLead(request: WebTriggerRequest, deps: IntakeDeps): Promise<InboundOutcome> {
  try {
    const verified = await verifyLeadRequest(request, deps.now());
    if (!verified.ok) return verified.outcome;
    const parsed = parseSubmission(verified.body);
    if (!parsed.ok) return parsed.outcome;
    return await intakeLead(parsed.submission, verified.digest, deps);
  } catch (error) {
    if (storage.isStorageBusy(error)) return 'busy';
    throw error;
  }
}

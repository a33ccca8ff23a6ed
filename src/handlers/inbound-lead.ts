import { platformIds, platformClock } from '../ports/registry';
import { INBOUND_OUTCOMES, type InboundOutcome } from '../contracts/lead';
import { intakeDeps } from '../usecases/leads/intake-lead';
import { receiveLead } from '../usecases/leads/receive-lead';
import type { WebTriggerRequest } from '../usecases/leads/verify-request';

/**
 * The inbound-lead web trigger (manifest: webtrigger relay-inbound-lead, `response.type: static`).
 * It answers with an `outputKey` naming one of the responses declared in manifest.yml, never with data
 * of its own (background.ts wraps it in the license check): a static web trigger cannot egress anything, which keeps Relay eligible for Runs on
 * Atlassian. Logs carry the outcome only, never the body (it is personal data).
 */
export async function receiveInboundLead(request: WebTriggerRequest): Promise<{ outputKey: InboundOutcome }> {
  const outcome = await receiveLead(request ?? {}, intakeDeps(platformClock, platformIds));
  const { status, code } = INBOUND_OUTCOMES[outcome];
  if (status >= 400) console.info(`[relay] inbound lead refused: ${status} ${code}`);
  return { outputKey: outcome };
}

/**
 * Background entry points (issue events, scheduled scans, inbound leads, queued jobs). Each answers
 * in a structured way that says its feature has not shipped yet, so the platform sees a clean run
 * and logs show why nothing happened. Their issues replace these bodies; the manifest stays as is.
 */
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

export async function runJob(_event: unknown): Promise<BackgroundResult> {
  return notShipped('queued jobs');
}

/** Web trigger response: the inbound-lead endpoint refuses leads until it ships, saying why. */
export async function inboundLead(_request: unknown): Promise<{ statusCode: number; headers: Record<string, string[]>; body: string }> {
  return {
    statusCode: 503,
    headers: { 'Content-Type': ['application/json'] },
    body: JSON.stringify({ code: 'UNAVAILABLE', message: 'Inbound leads are not accepted by this version of Relay yet.' }),
  };
}

// Exactly the handlers manifest.yml names (function → handler: index.<export>), nothing else.
export { handler as resolver } from './handlers/resolver';
export { onIssueEvent, runSlaScan, runRenewalScan, runPipelineSnapshot, inboundLead, runJob } from './handlers/background';
export { onAppLifecycle } from './handlers/upkeep';

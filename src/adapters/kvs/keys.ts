/** Every key-value key Relay writes is built here, so the key space can be read in one place. */
export const Keys = {
  install: () => 'site:install',
  /** Site settings: reporting currency, rates, fiscal year, glossary (see settings-store.ts). */
  settings: () => 'site:settings',
  /** A project's computed metrics (the daily snapshot job writes them; gadgets read them in one request). */
  metrics: (projectId: string) => `metrics:${projectId}`,
  /** A project's pipeline (stages, exit criteria, forecast mapping). */
  pipeline: (projectId: string) => `pipeline:${projectId}`,
  /** Guard entity keys (entity `guard`). */
  totals: (projectId: string) => `totals:${projectId}`,
  claim: (kind: 'email' | 'domain', digest: string) => `claim:${kind}:${digest}`,
  /** A project's hand-off template (KV). */
  handoffTemplate: (projectId: string) => `handoff-template:${projectId}`,
  /** A won deal's idempotency record for its delivery issue (guard entity). */
  handoffGuard: (dealId: string) => `handoff:${dealId}`,
  /** Inbound leads (guard entity): the site's lead settings, the round robin's next turn, the secret's public state. */
  leadSettings: () => 'lead-settings',
  leadRoundRobin: () => 'lead-round-robin',
  leadSecretState: () => 'lead-secret-state',
  /** A signature already accepted (guard entity, with a TTL past the timestamp window): replays are refused. */
  leadReplay: (digest: string) => `lead-replay:${digest}`,
  /** One shard of a month's funnel counts (guard entity): `YYYY-MM`, shard 0–3. */
  funnel: (month: string, shard: number) => `funnel:${month}:${shard}`,
  /** The signing secret itself (Forge's secret store, never a plain key). */
  leadSecret: () => 'inbound-lead-secret',
} as const;

/** Custom entity names, exactly as declared in manifest.yml. */
export const Entities = {
  company: 'company',
  contact: 'contact',
  deal: 'deal',
  activity: 'activity',
  dealLink: 'deal-link',
  pipelineSnapshot: 'pipeline-snapshot',
  arrMovement: 'arr-movement',
  importJob: 'import-job',
  guard: 'guard',
} as const;

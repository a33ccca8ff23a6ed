/** Every key-value key Relay writes is built here, so the key space can be read in one place. */
export const Keys = {
  install: () => 'site:install',
  /** Which data version the site's store is at, and when the background migration to it finished (handlers/upkeep.ts). */
  schema: () => 'site:schema',
  /** Site settings: reporting currency, rates, fiscal year, glossary (guard entity, versioned; older installs: KV). */
  settings: () => 'site:settings',
  /** A project's computed metrics (the daily snapshot job writes them; gadgets read them in one request). */
  metrics: (projectId: string) => `metrics:${projectId}`,
  /** One segment's computed metrics (owner, segment, source or region; the value hashed, as keys allow few characters). */
  segmentMetrics: (projectId: string, dimension: string, digest: string) => `metrics-segment:${projectId}:${dimension}:${digest}`,
  /** The last position handed out at the end of a board column (column-tail.ts). */
  columnTail: (projectId: string, stageId: string) => `column-tail:${projectId}:${stageId}`,
  /** A project's pipeline (stages, exit criteria, forecast mapping): guard entity (versioned); older installs hold it as a KV key too. */
  pipeline: (projectId: string) => `pipeline:${projectId}`,
  /** Guard entity keys (entity `guard`). Totals shard 0 keeps the single rollup's old key, so its figures still count. */
  totals: (projectId: string) => `totals:${projectId}`,
  totalsShard: (projectId: string, index: number) => (index === 0 ? `totals:${projectId}` : `totals:${projectId}:${index}`),
  /** The site's CRM-enabled projects (guard entity): who may see companies and contacts is decided from it. */
  crmProjects: () => 'site:crm-projects',
  claim: (kind: 'email' | 'domain', digest: string) => `claim:${kind}:${digest}`,
  /** A project's hand-off template (guard entity, versioned; older installs hold it as a KV key too). */
  handoffTemplate: (projectId: string) => `handoff-template:${projectId}`,
  /** A won deal's idempotency record for its delivery issue (guard entity). */
  handoffGuard: (dealId: string) => `handoff:${dealId}`,
  /** An import's file, in parts as the browser sent them (KV), and its settings once started. */
  importPart: (jobId: string, index: number) => `import-part:${jobId}:${index}`,
  importConfig: (jobId: string) => `import-config:${jobId}`,
  /** Rejected rows of an import, a few dozen per part, in file order (KV). */
  importReport: (jobId: string, index: number) => `import-report:${jobId}:${index}`,
  /** Guard: the one import running on the site at a time (imports share the storage write quota). */
  importRunner: () => 'import-runner',
  /** Guard: a record's id in the CRM it was imported from (external id column), unique per kind of record. */
  externalId: (recordType: 'company' | 'contact' | 'deal', digest: string) => `extid:${recordType}:${digest}`,
  /** The external ids a record holds (KV), so erasing or merging it gives them up. */
  externalIdsOf: (recordId: string) => `extids-of:${recordId}`,
  /** The anonymised record of one erasure on request (who, when, how much was erased; never whom). */
  erasure: (id: string) => `privacy-erasure:${id}`,
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
  /** What Relay derives about a company: ARR ledger, contracts, last activity (guard entity). */
  account: (companyId: string) => `account:${companyId}`,
  /** A project's renewal settings: days before, target project (KV). */
  renewalSettings: (projectId: string) => `renewal-settings:${projectId}`,
  /** Site-wide health weights and tier thresholds (KV). */
  healthWeights: () => 'site:health-weights',
  /** The daily renewals run: its lease, phase and checkpoint (guard entity). */
  renewalRun: () => 'renewal-run',
  /** Every project's days-before that differs from the default, so the scan knows how far ahead to look (guard entity). */
  renewalHorizons: () => 'renewal-horizons',
  /** A project's open renewals bucketed by due window and health (KV, written by the daily run). */
  renewalSummary: (projectId: string) => `renewal-summary:${projectId}`,
  /** Site-wide NRR, GRR and churn (KV, written by the daily run). */
  retention: () => 'site:retention',
  /** One chunk of a project's daily pipeline snapshot (entity `pipeline-snapshot`; snapshot-store.ts). */
  snapshotChunk: (projectId: string, takenOn: string, index: number) => `${projectId}:${takenOn}:${index}`,
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

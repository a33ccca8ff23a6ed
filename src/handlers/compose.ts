/**
 * The composition root: the one place that decides which adapter stands behind each port the use
 * cases import (src/ports/registry.ts). Every entry point (resolver.ts, background.ts, upkeep.ts)
 * calls `compose()` when it loads, before Forge hands it an invocation; tests and benches that call
 * use cases without an entry point call it too.
 */
import * as activityStoreAdapter from '../adapters/kvs/activity-store';
import * as arrStoreAdapter from '../adapters/kvs/arr-store';
import * as backoffAdapter from '../adapters/kvs/backoff';
import * as claimsAdapter from '../adapters/kvs/claims';
import * as columnTailAdapter from '../adapters/kvs/column-tail';
import * as companyStoreAdapter from '../adapters/kvs/company-store';
import * as contactStoreAdapter from '../adapters/kvs/contact-store';
import * as crmProjectsStoreAdapter from '../adapters/kvs/crm-projects-store';
import * as dealEntityAdapter from '../adapters/kvs/deal-entity';
import * as dealStoreAdapter from '../adapters/kvs/deal-store';
import * as dealWriteAdapter from '../adapters/kvs/deal-write';
import * as deliveryAdapter from '../adapters/jira/delivery';
import * as erasureStoreAdapter from '../adapters/kvs/erasure-store';
import * as externalIdsAdapter from '../adapters/kvs/external-ids';
import * as funnelStoreAdapter from '../adapters/kvs/funnel-store';
import * as guardRecordAdapter from '../adapters/kvs/guard-record';
import * as handoffSlaAdapter from '../adapters/kvs/handoff-sla';
import * as handoffStoreAdapter from '../adapters/kvs/handoff-store';
import * as importBatchAdapter from '../adapters/kvs/import-batch';
import * as importJobStoreAdapter from '../adapters/kvs/import-job-store';
import * as installRepositoryAdapter from '../adapters/kvs/install-repository';
import * as issueTextAdapter from '../adapters/jira/issue-text';
import * as jobsAdapter from '../adapters/queue/jobs';
import * as keysAdapter from '../adapters/kvs/keys';
import * as leadIntakeStoreAdapter from '../adapters/kvs/lead-intake-store';
import * as leadSecretStoreAdapter from '../adapters/kvs/lead-secret-store';
import * as leadSettingsStoreAdapter from '../adapters/kvs/lead-settings-store';
import * as leadStoreAdapter from '../adapters/kvs/lead-store';
import * as legacyRecordsAdapter from '../adapters/kvs/legacy-records';
import * as linkedWorkAdapter from '../adapters/jira/linked-work';
import * as mergeStoreAdapter from '../adapters/kvs/merge-store';
import * as metricsStoreAdapter from '../adapters/kvs/metrics-store';
import * as peopleAdapter from '../adapters/jira/people';
import * as pipelineStoreAdapter from '../adapters/kvs/pipeline-store';
import * as renewalStoreAdapter from '../adapters/kvs/renewal-store';
import * as settingsStoreAdapter from '../adapters/kvs/settings-store';
import * as setupProbeAdapter from '../adapters/jira/setup-probe';
import * as snapshotStoreAdapter from '../adapters/kvs/snapshot-store';
import * as totalsStoreAdapter from '../adapters/kvs/totals-store';
import * as transactionsAdapter from '../adapters/kvs/transactions';
import * as translationsAdapter from '../adapters/translations';
import * as usersAdapter from '../adapters/jira/users';
import * as versionedRecordAdapter from '../adapters/kvs/versioned-record';
import * as webTriggerAdapter from '../adapters/web-trigger';
import { randomIds, systemClock } from '../adapters/clock';
import { bindPorts, portsBound, type Ports } from '../ports/registry';

/** Forge storage (kvs), the Forge queue, Jira REST and the app's translation resources. */
export const adapters: Ports = {
  activityStore: activityStoreAdapter,
  arrStore: arrStoreAdapter,
  claimStore: claimsAdapter,
  companyStore: companyStoreAdapter,
  contactStore: contactStoreAdapter,
  crmProjectStore: crmProjectsStoreAdapter,
  dealStore: { ...dealStoreAdapter, ...dealWriteAdapter, ...dealEntityAdapter, ...columnTailAdapter },
  delivery: { ...deliveryAdapter, ...issueTextAdapter, ...linkedWorkAdapter },
  directory: { ...peopleAdapter, ...usersAdapter, ...setupProbeAdapter },
  erasureStore: erasureStoreAdapter,
  externalIdStore: externalIdsAdapter,
  funnelStore: funnelStoreAdapter,
  guardStore: guardRecordAdapter,
  handoffStore: { ...handoffStoreAdapter, ...handoffSlaAdapter },
  importStore: { ...importJobStoreAdapter, ...importBatchAdapter },
  inbound: webTriggerAdapter,
  installStore: { ...installRepositoryAdapter, ...legacyRecordsAdapter },
  jobQueue: jobsAdapter,
  leadSecretStore: leadSecretStoreAdapter,
  leadSettingsStore: leadSettingsStoreAdapter,
  leadStore: { ...leadIntakeStoreAdapter, ...leadStoreAdapter },
  mergeStore: mergeStoreAdapter,
  metricsStore: metricsStoreAdapter,
  pipelineStore: pipelineStoreAdapter,
  platformClock: systemClock,
  platformIds: randomIds,
  renewalStore: renewalStoreAdapter,
  settingsStore: settingsStoreAdapter,
  snapshotStore: snapshotStoreAdapter,
  storage: { ...transactionsAdapter, ...backoffAdapter, ...versionedRecordAdapter, ...keysAdapter },
  totalsStore: totalsStoreAdapter,
  words: translationsAdapter,
};

/**
 * Binds the ports to Relay's adapters, once: a test that bound them first (with the sandbox's clock,
 * test/support/app-clock.ts) keeps its binding when the app loads after it.
 */
export function compose(): void {
  if (!portsBound()) bindPorts(adapters);
}

/**
 * The ports the use cases are given, bound once per entry point by the composition root
 * (src/handlers/compose.ts) to the adapters on Forge storage, Jira REST and the queue.
 *
 * Use cases import the port objects below, never an adapter (lint-enforced, eslint.config.mjs): each
 * is an interface in this folder, and which implementation stands behind it is decided only where the
 * entry points start. Calling a port before anything is bound is a programming error, said at once.
 */
import type { DeliveryPort, DirectoryPort } from './delivery';
import type { JobsPort } from './jobs';
import type { InboundPort, WordsPort } from './platform';
import type { ActivitiesPort, ClaimsPort, CompaniesPort, ContactsPort, ErasuresPort, ExternalIdsPort, MergesPort } from './customers';
import type { DealsPort, PipelinesPort, ProjectsPort, TotalsPort } from './deals';
import type { HandoffsPort } from './handoffs';
import type { ImportsPort } from './imports';
import type { FunnelPort, LeadSecretsPort, LeadSettingsPort, LeadsPort } from './leads';
import type { ArrPort, RenewalsPort } from './renewals';
import type { GuardsPort, InstallPort, MetricsPort, SettingsPort, SnapshotsPort } from './site';
import type { StoragePort } from './storage';
import type { Clock, Ids } from './index';

export interface Ports {
  activityStore: ActivitiesPort;
  arrStore: ArrPort;
  claimStore: ClaimsPort;
  companyStore: CompaniesPort;
  contactStore: ContactsPort;
  crmProjectStore: ProjectsPort;
  dealStore: DealsPort;
  delivery: DeliveryPort;
  directory: DirectoryPort;
  erasureStore: ErasuresPort;
  externalIdStore: ExternalIdsPort;
  funnelStore: FunnelPort;
  guardStore: GuardsPort;
  handoffStore: HandoffsPort;
  importStore: ImportsPort;
  inbound: InboundPort;
  installStore: InstallPort;
  jobQueue: JobsPort;
  leadSecretStore: LeadSecretsPort;
  leadSettingsStore: LeadSettingsPort;
  leadStore: LeadsPort;
  mergeStore: MergesPort;
  metricsStore: MetricsPort;
  pipelineStore: PipelinesPort;
  /** The platform's wall clock: entry points read it and hand it to use cases as `ctx.clock`. */
  platformClock: Clock;
  /** The platform's id source: entry points hand it to use cases as `ctx.ids`. */
  platformIds: Ids;
  renewalStore: RenewalsPort;
  settingsStore: SettingsPort;
  snapshotStore: SnapshotsPort;
  storage: StoragePort;
  totalsStore: TotalsPort;
  words: WordsPort;
}

let bound: Ports | undefined;

/** Binds every port (the composition root, before any use case runs; a test may bind its own clock). */
export function bindPorts(ports: Ports): void {
  bound = ports;
}

/** Whether anything is bound yet (an entry point loading after a test bound the ports leaves them be). */
export function portsBound(): boolean {
  return bound !== undefined;
}

/** A stand-in for one port that forwards each member to the implementation bound at call time. */
function port<K extends keyof Ports>(key: K): Ports[K] {
  return new Proxy({} as Ports[K], {
    get(_target, member) {
      if (!bound) throw new Error(`Relay: the ${String(key)} port was used before the composition root bound it (import src/handlers/compose).`);
      return (bound[key] as unknown as Record<string | symbol, unknown>)[member];
    },
  });
}

export const activityStore = port('activityStore');
export const arrStore = port('arrStore');
export const claimStore = port('claimStore');
export const companyStore = port('companyStore');
export const contactStore = port('contactStore');
export const crmProjectStore = port('crmProjectStore');
export const dealStore = port('dealStore');
export const delivery = port('delivery');
export const directory = port('directory');
export const erasureStore = port('erasureStore');
export const externalIdStore = port('externalIdStore');
export const funnelStore = port('funnelStore');
export const guardStore = port('guardStore');
export const handoffStore = port('handoffStore');
export const importStore = port('importStore');
export const inbound = port('inbound');
export const installStore = port('installStore');
export const jobQueue = port('jobQueue');
export const leadSecretStore = port('leadSecretStore');
export const leadSettingsStore = port('leadSettingsStore');
export const leadStore = port('leadStore');
export const mergeStore = port('mergeStore');
export const metricsStore = port('metricsStore');
export const pipelineStore = port('pipelineStore');
export const platformClock = port('platformClock');
export const platformIds = port('platformIds');
export const renewalStore = port('renewalStore');
export const settingsStore = port('settingsStore');
export const snapshotStore = port('snapshotStore');
export const storage = port('storage');
export const totalsStore = port('totalsStore');
export const words = port('words');

import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Clock } from './platform/types';
import { systemClock } from './platform/types';
import { KvsService } from './kvs/kvs-service';
import { JiraService } from './jira/jira-service';
import { ForgeHost } from './runtime/host';
import { deployTranslations, loadManifest } from './runtime/manifest';
import type { LatencyModel } from './runtime/latency';
import type { PlatformLimits } from './runtime/meters';
import { APP_ACCOUNT_ID, DEFAULT_APP, ForgePlatform, installForgeGlobals } from './runtime/platform';
import { seedDemo, seedJiraSite } from './demo/seed';
import { Licensing, type LicenseState } from './runtime/license';

export { ManualClock, OffsetClock, systemClock } from './platform/types';
export type { SurfaceTarget, ModuleInfo } from './runtime/host';
export { APP_ACCOUNT_ID } from './runtime/platform';
export type { LicenseState } from './runtime/license';
export { FORGE_LIMITS } from './runtime/meters';
export { PRODUCTION_LATENCY } from './runtime/latency';
export type { LatencyModel } from './runtime/latency';
export type { PlatformLimits } from './runtime/meters';

export interface SandboxOptions {
  /** Default: the wall clock. Tests pass a ManualClock. */
  clock?: Clock;
  /** When set, state is loaded from and saved to this JSON file (`npm start`). */
  dataFile?: string;
  /**
   * Load the demo site when starting from empty state: `true` for its projects, people, permissions
   * and CRM data; `'fresh'` for the Jira site alone with Relay just installed (its installed event
   * delivered), as an admin meets it after installing from the Marketplace.
   */
  demo?: boolean | 'fresh';
  /** The site's license (default: none, as for a development install; license.ts). */
  license?: LicenseState;
  /** The app's root folder (manifest.yml, src/, static/). Default: this repository. */
  appRoot?: string;
  /** How far Jira search lags behind writes, in ms of the sandbox clock (default 2 s, as Jira Cloud; 0: no lag). */
  searchLagMs?: number;
  /**
   * Milliseconds on `clock` before a storage write shows in entity queries and `kvs.query()`
   * (eventual consistency; `get`, batches and transactions are never stale). Default
   * `DEFAULT_QUERY_LAG_MS`; 0 switches the lag off. On a ManualClock that never moves, a query
   * never sees what was written after the clock last moved: tests move it, as time passes for a user.
   */
  queryLagMs?: number;
  /**
   * The platform quotas to meter: Forge's by default (`FORGE_LIMITS`: storage requests and units,
   * invocations, queue pushes; Jira's points quota is the Jira service's), some changed, or false.
   */
  limits?: Partial<PlatformLimits> | false;
  /**
   * The latency model (runtime/latency.ts): per-request latencies counted on each invocation's
   * critical path, and waited in real time when `real` (npm start). Default: production estimates,
   * counted only, so tests run at full speed.
   */
  latency?: Partial<LatencyModel>;
}

/** Assumed: Atlassian publishes no figure for how far entity queries may trail writes (README.md). */
export const DEFAULT_QUERY_LAG_MS = 2_000;

export interface Sandbox {
  platform: ForgePlatform;
  host: ForgeHost;
  kvs: KvsService;
  jira: JiraService;
  clock: Clock;
  /** Whether this start loaded existing state from the data file. */
  restored: boolean;
  save(): Promise<void>;
  close(): Promise<void>;
}

interface SavedState {
  format: 1;
  savedAt: string;
  kvs: unknown;
  jira: unknown;
}

/**
 * Builds one local Jira site with Relay installed: the storage and Jira services, the Forge
 * platform the real SDK talks to (its globals installed in this process), and the runtime host that
 * calls the app's handlers. One sandbox per process at a time, because the SDK reads process globals.
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const root = options.appRoot ?? path.resolve(__dirname, '..');
  const manifest = loadManifest(root);
  const clock = options.clock ?? systemClock;
  const kvs = new KvsService({ entities: manifest.entities, clock, queryLagMs: options.queryLagMs ?? DEFAULT_QUERY_LAG_MS });
  const jira = new JiraService({ clock, appAccountId: APP_ACCOUNT_ID, ...(options.searchLagMs !== undefined ? { searchLagMs: options.searchLagMs } : {}) });
  for (const index of manifest.modules['jira:entityProperty'] ?? []) {
    jira.registerEntityPropertyIndex(index as unknown as Parameters<JiraService['registerEntityPropertyIndex']>[0]);
  }
  // Latency is waited for only once the site is set up: the demo seed stands for data from before.
  // The app's identity is the platform's own copy: install and upgrade change its version and scopes.
  const platform = new ForgePlatform(kvs, jira, clock, { ...DEFAULT_APP, scopes: [...DEFAULT_APP.scopes] }, { limits: options.limits ?? {}, latency: { ...(options.latency ?? {}), real: false } });
  platform.licensing = new Licensing(((manifest.raw.app as { licensing?: { enabled?: unknown } } | undefined)?.licensing?.enabled ?? false) === true);
  if (options.license) platform.licensing.set(options.license);
  platform.appCodeDir = deployTranslations(manifest);
  installForgeGlobals(platform);
  const host = new ForgeHost(platform, manifest);
  // Jira's gadget directory lists the dashboard gadgets of the apps installed on the site.
  for (const gadget of host.modules().filter((m) => m.type === 'jira:dashboardGadget')) jira.registerGadgetModule(gadget.key, gadget.title);

  let restored = false;
  if (options.dataFile && existsSync(options.dataFile)) {
    const saved = JSON.parse(readFileSync(options.dataFile, 'utf8')) as SavedState;
    if (saved.format !== 1) throw new Error(`${options.dataFile} was written by another sandbox format (${String(saved.format)}); delete it to start afresh`);
    kvs.importState(saved.kvs);
    jira.importState(saved.jira);
    restored = true;
  }

  const sandbox: Sandbox = {
    platform,
    host,
    kvs,
    jira,
    clock,
    restored,
    async save() {
      if (!options.dataFile) return;
      mkdirSync(path.dirname(options.dataFile), { recursive: true });
      const state: SavedState = { format: 1, savedAt: new Date(clock.now()).toISOString(), kvs: kvs.exportState(), jira: jira.exportState() };
      // Write then rename, so a crash mid-write never leaves half a file behind.
      const temp = `${options.dataFile}.tmp`;
      writeFileSync(temp, JSON.stringify(state));
      renameSync(temp, options.dataFile);
    },
    async close() {
      host.stop();
      await host.settle().catch(() => undefined);
    },
  };

  if (!restored && options.demo === 'fresh') {
    const { admin } = seedJiraSite(sandbox, { editCrm: false });
    host.lifecycle.install({ installerAccountId: admin });
    await host.settle();
  } else if (!restored && options.demo) {
    await seedDemo(sandbox);
    await host.settle();
    // The demo site stands for data written long before this start: its queries have caught up.
    kvs.settleQueries();
  }
  platform.latency.real = options.latency?.real ?? false;
  return sandbox;
}

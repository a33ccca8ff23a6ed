
import { z } from 'zod';
import type { Dimension, SnapshotRow } from '../domain/metrics';
import type { GlossaryKey } from '../domain/glossary';
import type { GuardKeys, ReadRecord, Versioned } from './storage';
import type { ProjectMetrics, ScopeMetrics } from '../domain/metrics-summary';
/** Site-wide records: settings, the installation and its data version, guard records, metrics and snapshots. */

/**
 * The records older versions kept as plain key-value keys (data version 1): each project's
 * pipeline and hand-off template, and the site settings. Data version 2 keeps them in the guard
 * entity, where saves are conditioned on their version. Read paths already read either place; the
 * background migration (usecases/upkeep/migrate.ts) moves them with these steps.
 */
export const DATA_VERSION = 2;

/** Site-wide settings (admin page): reporting currency and rates, fiscal year, glossary rewordings. */
export const StoredSettings = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int(),
  reportingCurrency: z.string(),
  rates: z.record(z.string(), z.string()),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  glossary: z.record(z.string(), z.string()),
  updatedAt: z.number(),
  updatedBy: z.string(),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

export const DEFAULT_SETTINGS: StoredSettings = { schemaVersion: 1, version: 0, reportingCurrency: 'USD', rates: {}, fiscalYearStartMonth: 1, glossary: {}, updatedAt: 0, updatedBy: '' };

export const MigrationStep = z.enum(['crm-projects', 'pipelines', 'templates', 'settings']);
export type MigrationStep = z.infer<typeof MigrationStep>;

/**
 * The site settings (currency, rates, fiscal year, glossary), versioned.
 * Implemented by adapters/kvs/settings-store.ts.
 */
export interface SettingsPort {
  glossaryOverrides(settings: StoredSettings): Partial<Record<GlossaryKey, string>>;
  readSettings(): Promise<StoredSettings>;
  /** The settings and where they are stored (one request); the defaults at version 0 when nobody saved any. */
  readStoredSettings(): Promise<ReadRecord<StoredSettings> | undefined>;
  /** Saves `next` if the settings are still as `read` (a condition failure otherwise). */
  saveSettings(next: StoredSettings, read: ReadRecord<StoredSettings> | undefined, now: number): Promise<void>;
  /** Puts the site's settings in the entity, once: an older version's key-value copy is moved there,
   * and a site that never saved any gets the defaults at version 0 (so the first save is conditioned
   * like every later one). Idempotent: a record already in the entity is left as it is. */
  seedStoredSettings(now: number): Promise<"kept" | "moved" | "seeded">;
}

/**
 * The installation record, the stored data version and the migration of records older versions wrote.
 * Implemented by adapters/kvs/install-repository.ts, adapters/kvs/legacy-records.ts.
 */
export interface InstallPort {
  /** The records older versions kept as plain key-value keys (data version 1): each project's
   * pipeline and hand-off template, and the site settings. Data version 2 keeps them in the guard
   * entity, where saves are conditioned on their version. Read paths already read either place; the
   * background migration (usecases/upkeep/migrate.ts) moves them with these steps. */
  /** The list of CRM projects is built from the legacy pipeline keys when it is missing, so it must
   * exist before the first of them is moved away. */
  ensureCrmProjects(now: number): Promise<void>;
  /** Reads the site's install record, creating it on first use. The create is conditioned on the key
   * not existing, so two first calls racing each other agree on one installedAt. */
  ensureInstallRecord(now: number): Promise<{ installedAt: number; }>;
  /** A page of up to `limit` keys an older version left for `step` (the key-value store only), from
   * `cursor`. Storage queries trail writes, so a page can name a key already moved: each is checked
   * with a read before it is moved (`stillThere`). */
  legacyKeys(step: MigrationStep, limit: number, cursor?: string): Promise<{ keys: string[]; next: string | undefined; }>;
  markMigrated(now: number): Promise<void>;
  /** Moves one legacy key into the entity, then deletes the key-value copy once the entity holds the
   * record (never before: a failure in between leaves both, and the next run finishes the move). */
  moveLegacyKey(step: MigrationStep, key: string, now: number): Promise<void>;
  readDataVersion(): Promise<number>;
  /** Whether the key-value copy still exists (a read is current; a query may not be). */
  stillThere(key: string): Promise<boolean>;
}

/**
 * Small versioned records saved whole (a run's lease, settings), with create-only first saves.
 * Implemented by adapters/kvs/guard-record.ts.
 */
export interface GuardsPort {
  /** The guard records use cases name (a run's lease, settings edited whole), by what they hold. */
  readonly guardKeys: GuardKeys;
  readGuardRecord<T>(key: string, parse: (data: unknown) => T, fallback: T): Promise<Versioned<T>>;
  /** Saves one record at the version read: created when `readVersion` is 0, else conditioned. */
  saveGuardRecord<T>(key: string, kind: string, holderId: string, value: T, readVersion: number, now: number): Promise<void>;
}

/**
 * A project's computed metrics, whole and per segment.
 * Implemented by adapters/kvs/metrics-store.ts.
 */
export interface MetricsPort {
  /** A segment's figures when they belong to the project's current figures (written by the same run
   * or a newer one): a value that has no deals any more keeps an old record, which is not shown. */
  currentSegment(segment: ScopeMetrics | null, project: Pick<ProjectMetrics, "computedAt"> | null): ScopeMetrics | null;
  readMetrics(projectId: string): Promise<ProjectMetrics | null>;
  /** One segment's stored figures (read beside the project's: check them with `currentSegment`). */
  readSegmentMetrics(projectId: string, dimension: Dimension, value: string): Promise<ScopeMetrics | null>;
  /** Writes the segments first and the project last, so a reader never pairs new project figures with missing segments. */
  writeMetrics(projectId: string, project: ProjectMetrics, segments: readonly ScopeMetrics[]): Promise<number>;
}

/**
 * Daily pipeline snapshots, stored in chunks.
 * Implemented by adapters/kvs/snapshot-store.ts.
 */
export interface SnapshotsPort {
  /** Keeps 14 days of daily snapshots, and for older dates only each month's first one (what trends
   * and forecast accuracy at a period's start need). Returns how many chunks were deleted. */
  pruneSnapshots(projectId: string, today: string): Promise<number>;
  /** The snapshot taken on the latest date ≤ `onOrBefore`, or undefined. */
  readSnapshot(projectId: string, onOrBefore: string): Promise<{ takenOn: string; rows: SnapshotRow[]; } | undefined>;
  /** The snapshot to take a period's starting forecast from: the one taken on its first day, else the
   * nearest one (the latest in the month before the start, or the first in the period, whichever is
   * fewer days away; a tie goes to the later one, which already holds the period's first wins).
   * Undefined when neither exists: an older snapshot says too little about the period's start. */
  readSnapshotNearest(projectId: string, start: string, end: string): Promise<{ takenOn: string; rows: SnapshotRow[]; } | undefined>;
  /** Writes one snapshot; returns how many chunks (storage writes) it took. */
  writeSnapshot(projectId: string, takenOn: string, rows: readonly SnapshotRow[]): Promise<number>;
}

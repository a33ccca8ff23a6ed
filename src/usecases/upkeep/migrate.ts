import { DATA_VERSION, ensureCrmProjects, legacyKeys, markMigrated, moveLegacyKey, MigrationStep, readDataVersion } from '../../adapters/kvs/legacy-records';

/**
 * The background migration from data version 1 (records kept as key-value keys) to 2 (in the
 * guard entity). It runs as queued jobs, one batch each, so it never holds a resolver and stays far
 * inside the storage write rate (4,000 write units a minute per installation, FORGE.md): a batch
 * moves at most MIGRATION_BATCH records (two writes each) and the next batch is queued
 * MIGRATION_PAUSE_SECONDS later. It is resumable and idempotent because a moved record leaves the
 * key-value store: every batch simply takes the first keys still there, and a batch run twice finds
 * nothing left to do.
 */
export const MIGRATION_BATCH = 50;
export const MIGRATION_PAUSE_SECONDS = 5;
const STEPS = MigrationStep.options;

export interface MigrationBatch {
  moved: number;
  /** Keys that could not be moved (left as they are; read paths still read them). */
  failed: string[];
  /** What to queue next: the same step again, the next step, or nothing (the store is at DATA_VERSION). */
  next: MigrationStep | null;
}

export async function needsMigration(): Promise<boolean> {
  return (await readDataVersion()) < DATA_VERSION;
}

export async function migrateBatch(step: MigrationStep, now: number): Promise<MigrationBatch> {
  if (step === 'crm-projects') await ensureCrmProjects(now);
  const { keys, more } = await legacyKeys(step, MIGRATION_BATCH);
  let moved = 0;
  const failed: string[] = [];
  for (const key of keys) {
    try {
      await moveLegacyKey(step, key, now);
      moved += 1;
    } catch (error) {
      console.error(`[relay] migration: could not move ${key}; it stays readable where it is`, error);
      failed.push(key);
    }
  }
  // Another batch only while this one made progress: keys that cannot be moved do not loop forever.
  if (more && moved > 0) return { moved, failed, next: step };
  const after = STEPS[STEPS.indexOf(step) + 1];
  if (after) return { moved, failed, next: after };
  // At DATA_VERSION only when nothing is left anywhere (a key that failed in an earlier step stays).
  let left = 0;
  for (const each of STEPS) left += (await legacyKeys(each, 1)).keys.length;
  if (left === 0) await markMigrated(now);
  return { moved, failed, next: null };
}

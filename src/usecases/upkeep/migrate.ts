import { DATA_VERSION } from '../../ports/site';
import { MigrationStep } from '../../ports/site';
import { installStore } from '../../ports/registry';


/**
 * The background migration from data version 1 (records kept as key-value keys) to 2 (in the
 * guard entity). It runs as queued jobs, one batch each, so it never holds a resolver and stays far
 * inside the storage write rate (4,000 write units a minute per installation, FORGE.md): a batch
 * moves at most MIGRATION_BATCH records (two writes each) and the next batch is queued
 * MIGRATION_PAUSE_SECONDS later, from the page cursor this one reached. It is resumable and
 * idempotent: a moved record leaves the key-value store (only once the entity holds it), a key a
 * lagging query still names is skipped after a read, and a batch run twice finds nothing to do.
 * The data version is raised only when a final read of every legacy key finds none left.
 */
export const MIGRATION_BATCH = 50;
export const MIGRATION_PAUSE_SECONDS = 5;
/** Records a round could not move are tried again by up to this many more rounds, a minute apart. */
export const MIGRATION_ROUNDS = 3;
const STEPS = MigrationStep.options;

export interface MigrationBatch {
  moved: number;
  /** Keys that could not be moved (left as they are; read paths still read them). */
  failed: string[];
  /** What to queue next: the same step from a cursor, the next step, or nothing (the store is at DATA_VERSION). */
  next: { step: MigrationStep; cursor?: string; round?: number } | null;
  /** Seconds before the next batch. */
  pause: number;
}

export async function needsMigration(): Promise<boolean> {
  return (await installStore.readDataVersion()) < DATA_VERSION;
}

export async function migrateBatch(step: MigrationStep, now: number, cursor?: string, round = 0): Promise<MigrationBatch> {
  if (step === 'crm-projects') await installStore.ensureCrmProjects(now);
  const page = await installStore.legacyKeys(step, MIGRATION_BATCH, cursor);
  let moved = 0;
  const failed: string[] = [];
  for (const key of page.keys) {
    try {
      if (!(await installStore.stillThere(key))) continue;
      await installStore.moveLegacyKey(step, key, now);
      moved += 1;
    } catch (error) {
      console.error(`[relay] migration: could not move ${key}; it stays readable where it is`, error);
      failed.push(key);
    }
  }
  const pause = MIGRATION_PAUSE_SECONDS;
  if (page.next) return { moved, failed, next: { step, cursor: page.next, round }, pause };
  const after = STEPS[STEPS.indexOf(step) + 1];
  if (after) return { moved, failed, next: { step: after, round }, pause };
  if (await nothingLeft()) {
    await installStore.markMigrated(now);
    return { moved, failed, next: null, pause };
  }
  // Something could not be moved this round (storage refused it): another round picks it up later.
  if (round < MIGRATION_ROUNDS) return { moved, failed, next: { step: STEPS[0]!, round: round + 1 }, pause: 60 };
  console.error('[relay] migration: records are left where the previous version kept them; read paths still read them');
  return { moved, failed, next: null, pause };
}

/** Every legacy key a query names, read to see whether it is really still there. */
async function nothingLeft(): Promise<boolean> {
  for (const step of STEPS) {
    let cursor: string | undefined;
    do {
      const page = await installStore.legacyKeys(step, 100, cursor);
      for (const key of page.keys) if (await installStore.stillThere(key)) return false;
      cursor = page.next;
    } while (cursor);
  }
  return true;
}

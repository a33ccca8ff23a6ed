import { platformClock } from '../ports/registry';
import { enqueueJob } from '../adapters/queue/jobs';
import type { MigrationStep } from '../ports/site';
import { migrateBatch, needsMigration } from '../usecases/upkeep/migrate';
import { seedSite } from '../usecases/upkeep/seed-site';
import { compose } from './compose';

// This entry point's composition root: the ports its use cases use, bound to Relay's adapters.
compose();

export interface UpkeepResult {
  handled: boolean;
  reason?: string;
}

/** Tries after an install or upgrade whose permissions were late: 30 s, 1, 2, 4, 8 min, then every 15 min (about an hour and a half in all). */
export const UPKEEP_ATTEMPTS = 9;
export const upkeepPause = (attempt: number): number => Math.min(900, 30 * 2 ** (attempt - 1));

/**
 * Seeds the site's defaults and starts the background migration when the store is older than this
 * version. The app's permissions can arrive after its installed or upgraded event (FORGE.md), so a
 * refused attempt is queued again with a growing pause rather than lost.
 */
export async function runUpkeep(attempt: number): Promise<UpkeepResult> {
  try {
    const seeded = await seedSite(platformClock.now());
    if (await needsMigration()) await enqueueJob({ kind: 'migrate', step: 'crm-projects' });
    console.info(`[relay] site defaults: settings ${seeded.settings}, installed ${new Date(seeded.installedAt).toISOString()}`);
    return { handled: true };
  } catch (error) {
    const next = attempt + 1;
    if (next >= UPKEEP_ATTEMPTS) {
      console.error(`[relay] could not seed the site's defaults after ${next} attempts; Relay seeds what it needs on first use instead`, error);
      return { handled: false, reason: 'gave up' };
    }
    await enqueueJob({ kind: 'upkeep', attempt: next }, upkeepPause(next));
    return { handled: false, reason: `trying again in ${upkeepPause(next)} s` };
  }
}

/** One batch of the migration, then the next batch queued after a pause (see migrate.ts). */
export async function runMigration(step: MigrationStep, cursor?: string, round?: number): Promise<UpkeepResult> {
  const batch = await migrateBatch(step, platformClock.now(), cursor, round);
  console.info(`[relay] migration ${step}: ${batch.moved} moved${batch.failed.length ? `, ${batch.failed.length} left where they are` : ''}`);
  if (batch.next) await enqueueJob({ kind: 'migrate', ...batch.next }, batch.pause);
  return { handled: true };
}

/**
 * `avi:forge:installed:app` and `avi:forge:upgraded:app` (trigger). Not behind the license check:
 * upkeep keeps stored data readable, which read-only mode promises.
 */
export async function onAppLifecycle(_event: unknown): Promise<UpkeepResult> {
  return runUpkeep(0);
}

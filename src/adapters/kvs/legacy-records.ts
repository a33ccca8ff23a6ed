import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { Entities, Keys } from './keys';
import { crmProjectIds } from './crm-projects-store';
import { upgradeStoredTemplate } from './handoff-store';
import { readPipeline } from './pipeline-store';
import { seedStoredSettings } from './settings-store';
import type { MigrationStep } from '../../ports/site';
import { DATA_VERSION } from '../../ports/site';


const PREFIX: Partial<Record<MigrationStep, string>> = { pipelines: Keys.pipeline(''), templates: Keys.handoffTemplate('') };

/**
 * A page of up to `limit` keys an older version left for `step` (the key-value store only), from
 * `cursor`. Storage queries trail writes, so a page can name a key already moved: each is checked
 * with a read before it is moved (`stillThere`).
 */
export async function legacyKeys(step: MigrationStep, limit: number, cursor?: string): Promise<{ keys: string[]; next: string | undefined }> {
  if (step === 'crm-projects') return { keys: [], next: undefined };
  if (step === 'settings') return { keys: [Keys.settings()], next: undefined };
  let query = kvs.query().where('key', WhereConditions.beginsWith(PREFIX[step]!)).limit(limit);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return { keys: page.results.map((r) => r.key), next: page.nextCursor ?? undefined };
}

/** Whether the key-value copy still exists (a read is current; a query may not be). */
export async function stillThere(key: string): Promise<boolean> {
  return (await kvs.get(key)) !== undefined;
}

/**
 * Moves one legacy key into the entity, then deletes the key-value copy once the entity holds the
 * record (never before: a failure in between leaves both, and the next run finishes the move).
 */
export async function moveLegacyKey(step: MigrationStep, key: string, now: number): Promise<void> {
  if (step === 'pipelines') await readPipeline(key.slice(Keys.pipeline('').length));
  else if (step === 'templates') await upgradeStoredTemplate(key.slice(Keys.handoffTemplate('').length), now);
  else if (step === 'settings') await seedStoredSettings(now);
  if ((await kvs.entity(Entities.guard).get(key)) === undefined) throw new Error(`${key} was not moved into the entity`);
  await kvs.delete(key);
}

/**
 * The list of CRM projects is built from the legacy pipeline keys when it is missing, so it must
 * exist before the first of them is moved away.
 */
export async function ensureCrmProjects(now: number): Promise<void> {
  await crmProjectIds(now);
}

const SchemaRecord = z.object({ schemaVersion: z.literal(1), dataVersion: z.number().int(), migratedAt: z.number() });

export async function readDataVersion(): Promise<number> {
  const stored = SchemaRecord.safeParse(await kvs.get(Keys.schema()));
  return stored.success ? stored.data.dataVersion : 1;
}

export async function markMigrated(now: number): Promise<void> {
  await kvs.set(Keys.schema(), { schemaVersion: 1, dataVersion: DATA_VERSION, migratedAt: now });
}

import { GLOSSARY_KEYS, type GlossaryKey } from '../../domain/glossary';
import { moveToEntity, readVersioned, writeVersioned, type VersionedRecordSpec } from './versioned-record';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import { Entities, Keys } from './keys';
import { StoredSettings } from '../../ports/site';
import { DEFAULT_SETTINGS } from '../../ports/site';



const spec: VersionedRecordSpec<StoredSettings> = { key: Keys.settings(), kind: 'settings', holderId: 'site', schema: StoredSettings };

/** The settings and where they are stored (one request); the defaults at version 0 when nobody saved any. */
export async function readStoredSettings() {
  return readVersioned(spec);
}

export async function readSettings(): Promise<StoredSettings> {
  return (await readVersioned(spec))?.value ?? DEFAULT_SETTINGS;
}

/** Saves `next` if the settings are still as `read` (a condition failure otherwise). */
export async function saveSettings(next: StoredSettings, read: Awaited<ReturnType<typeof readStoredSettings>>, now: number): Promise<void> {
  await writeVersioned(spec, next, read, now);
}

export function glossaryOverrides(settings: StoredSettings): Partial<Record<GlossaryKey, string>> {
  return Object.fromEntries(Object.entries(settings.glossary).filter(([key]) => (GLOSSARY_KEYS as string[]).includes(key))) as Partial<Record<GlossaryKey, string>>;
}

/**
 * Puts the site's settings in the entity, once: an older version's key-value copy is moved there,
 * and a site that never saved any gets the defaults at version 0 (so the first save is conditioned
 * like every later one). Idempotent: a record already in the entity is left as it is.
 */
export async function seedStoredSettings(now: number): Promise<'kept' | 'moved' | 'seeded'> {
  const read = await readVersioned(spec);
  if (read?.place === 'guard') return 'kept';
  if (read) {
    await moveToEntity(spec, read, now);
    return 'moved';
  }
  try {
    await createOnly(spec.key, { kind: spec.kind, holderId: spec.holderId, version: 0, updatedAt: now, schemaVersion: 1, data: DEFAULT_SETTINGS }, Entities.guard);
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
    return 'kept';
  }
  return 'seeded';
}

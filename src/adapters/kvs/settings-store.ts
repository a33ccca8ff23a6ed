import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { GLOSSARY_KEYS, type GlossaryKey } from '../../domain/glossary';
import { Keys } from './keys';

/** Site-wide settings (admin page): reporting currency and rates, fiscal year, glossary rewordings. */
const StoredSettings = z.object({
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


export async function readSettings(): Promise<StoredSettings> {
  const value = await kvs.get(Keys.settings());
  return value === undefined ? DEFAULT_SETTINGS : StoredSettings.parse(value);
}

export async function writeSettings(value: StoredSettings): Promise<void> {
  await kvs.set(Keys.settings(), value);
}

export function glossaryOverrides(settings: StoredSettings): Partial<Record<GlossaryKey, string>> {
  return Object.fromEntries(Object.entries(settings.glossary).filter(([key]) => (GLOSSARY_KEYS as string[]).includes(key))) as Partial<Record<GlossaryKey, string>>;
}

import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { Keys } from './keys';

const InstallRecord = z.object({ schemaVersion: z.literal(1), installedAt: z.number() });

/**
 * Reads the site's install record, creating it on first use. The create is conditioned on the key
 * not existing, so two first calls racing each other agree on one installedAt.
 */
export async function ensureInstallRecord(now: number): Promise<{ installedAt: number }> {
  const existing = await kvs.get(Keys.install());
  if (existing !== undefined) return InstallRecord.parse(existing);
  try {
    await kvs.set(Keys.install(), { schemaVersion: 1, installedAt: now }, { keyPolicy: 'FAIL_IF_EXISTS' });
    return { installedAt: now };
  } catch {
    return InstallRecord.parse(await kvs.get(Keys.install()));
  }
}

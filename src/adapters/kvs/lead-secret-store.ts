import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { Entities, Keys } from './keys';
import { createOnly } from './transactions';
import type { SecretPublicState, StoredSecret } from '../../ports/leads';
import { PublicState, SecretValue } from '../../ports/leads';
import { z } from 'zod';
import { guardEnvelope, parseStoredIfAny } from './stored-record';



const StateGuardSchema = guardEnvelope(z.literal('rollup'), PublicState);
type StateGuard = z.infer<typeof StateGuardSchema>;

export function fingerprintOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 8);
}

/** The secrets a signature may be made with now: the current one, and the previous until it expires. */
export async function readSigningSecrets(): Promise<StoredSecret | undefined> {
  const value = await kvs.getSecret<unknown>(Keys.leadSecret());
  if (value === undefined) return undefined;
  const parsed = SecretValue.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export async function readSecretState(): Promise<{ state: SecretPublicState | null; version: number }> {
  const key = Keys.leadSecretState();
  const value = parseStoredIfAny(StateGuardSchema, 'signing secret state', key, await kvs.entity<StateGuard>(Entities.guard).get(key));
  return value ? { state: value.data, version: value.version } : { state: null, version: 0 };
}

/** Claims the rotation: the public state moves to the new secret if nobody rotated since `expectedVersion`. */
export async function writeSecretState(state: SecretPublicState, expectedVersion: number, now: number): Promise<void> {
  const value: StateGuard = { kind: 'rollup', holderId: 'site', version: expectedVersion + 1, updatedAt: now, schemaVersion: 1, data: state };
  // The first secret creates the record (create-only: Forge documents no condition on an absent key).
  if (expectedVersion === 0) await createOnly(Keys.leadSecretState(), value, Entities.guard);
  else await kvs.transact().set(Keys.leadSecretState(), value, { entityName: Entities.guard, conditions: new Filter<StateGuard>().and('version', FilterConditions.equalTo(expectedVersion)) }).execute();
}

export async function writeSigningSecrets(secrets: StoredSecret): Promise<void> {
  await kvs.setSecret(Keys.leadSecret(), secrets);
}

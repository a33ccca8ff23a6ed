import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import { type TxStep } from '../../ports/storage';
import { Entities, Keys } from './keys';
import type { GuardKeys } from '../../ports/storage';
import type { Versioned } from '../../ports/storage';
import { GuardVersionMoved } from '../../ports/failures';
import { z } from 'zod';
import { guardEnvelope, parseStoredIfAny } from './stored-record';

/**
 * A small record in the guard entity that is saved whole, with a version (settings a person edits,
 * a job's lease): entities are where Forge offers conditions. The first save creates it with a
 * create-only write; later saves are conditioned on the version read, so two saves from the same
 * version never both land. Read by key, consistently.
 */
/** How every record of the guard entity is stored: the value whole in `data`, with its version. */
export interface Stored<T> {
  kind: string;
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: T;
}


const guards = () => kvs.entity<Stored<unknown>>(Entities.guard);
/** The envelope alone: what is in `data` is the caller's `parse` to check. */
const StoredEnvelope = guardEnvelope(z.string(), z.unknown());

export async function readGuardRecord<T>(key: string, parse: (data: unknown) => T, fallback: T): Promise<Versioned<T>> {
  const stored = parseStoredIfAny(StoredEnvelope, 'guard record', key, await guards().get(key));
  return stored ? { value: parse(stored.data), version: stored.version } : { value: fallback, version: 0 };
}

function stored<T>(kind: string, holderId: string, value: T, version: number, now: number): Stored<T> {
  return { kind, holderId, version, updatedAt: now, schemaVersion: 1, data: value };
}

/** Creates the record at version 1 unless one exists (then GuardVersionMoved). */
export async function createGuardRecord<T>(key: string, kind: string, holderId: string, value: T, now: number): Promise<void> {
  try {
    await createOnly(key, stored(kind, holderId, value, 1, now), Entities.guard);
  } catch (error) {
    if (error instanceof WriteRefused) throw new GuardVersionMoved(key);
    throw error;
  }
}

/** The transaction step that saves `value` as version `read + 1` if the stored one is still `read` (≥ 1). */
export function guardRecordStep<T>(key: string, kind: string, holderId: string, value: T, readVersion: number, now: number): TxStep {
  return (tx) => tx.set(key, stored(kind, holderId, value, readVersion + 1, now), { entityName: Entities.guard, conditions: new Filter<Stored<T>>().and('version', FilterConditions.equalTo(readVersion)) });
}

/** Saves one record at the version read: created when `readVersion` is 0, else conditioned. */
export async function saveGuardRecord<T>(key: string, kind: string, holderId: string, value: T, readVersion: number, now: number): Promise<void> {
  if (readVersion === 0) return createGuardRecord(key, kind, holderId, value, now);
  await guardRecordStep(key, kind, holderId, value, readVersion, now)(kvs.transact()).execute();
}

/** The guard records use cases name (a run's lease, settings edited whole), by what they hold. */
export const guardKeys: GuardKeys = {
  renewalRun: Keys.renewalRun,
  healthWeights: Keys.healthWeights,
  renewalSettings: Keys.renewalSettings,
  renewalHorizons: Keys.renewalHorizons,
};

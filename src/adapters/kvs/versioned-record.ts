import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { Stored } from './guard-record';
import { Entities } from './keys';
import { createOnly } from './transactions';
import { type TxStep } from '../../ports/storage';
import type { ReadRecord } from '../../ports/storage';

/**
 * One record of the guard entity that people edit as a whole, with a version (a project's pipeline
 * and hand-off template, the site settings). Entities are where Forge offers conditions, so a save
 * is conditioned on the version read; older installs kept these records as plain key-value keys,
 * which are still read (one batch request fetches both places) and replaced by the first save.
 */
export interface VersionedRecordSpec<T extends { version: number }> {
  /** The key, the same in the guard entity and in the key-value store of older installs. */
  key: string;
  kind: 'pipeline' | 'template' | 'settings' | 'crm-projects';
  /** Whose record it is (a project id, or 'site'). */
  holderId: string;
  /** Parses what storage answers (the zod schema of the stored shape). */
  schema: { parse(value: unknown): T };
}


/** The record, from the entity or else from the old key-value key: one batch request. */
export async function readVersioned<T extends { version: number }>(spec: VersionedRecordSpec<T>): Promise<ReadRecord<T> | undefined> {
  const result = await kvs.batchGet<unknown>([{ key: spec.key, entityName: Entities.guard }, { key: spec.key }]);
  // Told apart by shape as well as by the entity name the answer echoes: the entity record wraps the
  // value (`kind`, `data`), the old key-value copy is the bare value.
  const wrapped = (value: unknown): value is Stored<unknown> => !!value && typeof value === 'object' && (value as { kind?: unknown }).kind === spec.kind && 'data' in value;
  const found = result.successfulKeys.filter((item) => item.value !== undefined);
  const inGuard = found.find((item) => item.entityName === Entities.guard || wrapped(item.value));
  if (inGuard && wrapped(inGuard.value)) return { value: spec.schema.parse(inGuard.value.data), place: 'guard' };
  const legacy = found.find((item) => item !== inGuard && !wrapped(item.value));
  return legacy ? { value: spec.schema.parse(legacy.value), place: 'legacy' } : undefined;
}

function stored<T extends { version: number }>(spec: VersionedRecordSpec<T>, value: T, now: number): Stored<T> {
  return { kind: spec.kind, holderId: spec.holderId, version: value.version, updatedAt: now, schemaVersion: 1, data: value };
}

/**
 * Stores `next` (whose version is the one read plus one) if the record is still as read: a
 * conditioned set when it lives in the entity, a create-only write when it does not yet (first
 * save, or first save after an upgrade). Either refusal is a condition failure for the save loop.
 * `also` adds checks the save depends on to the same transaction (entity records only).
 */
export async function writeVersioned<T extends { version: number }>(
  spec: VersionedRecordSpec<T>,
  next: T,
  read: ReadRecord<T> | undefined,
  now: number,
  also: TxStep[] = [],
): Promise<void> {
  if (read?.place !== 'guard') {
    if (also.length > 0) throw new Error(`${spec.key} must be stored in the entity before a save can depend on other records`);
    await createOnly(spec.key, stored(spec, next, now), Entities.guard);
    return;
  }
  let tx = kvs.transact().set(spec.key, stored(spec, next, now), { entityName: Entities.guard, conditions: new Filter<Stored<T>>().and('version', FilterConditions.equalTo(read.value.version)) });
  for (const step of also) tx = step(tx);
  await tx.execute();
}

/** Moves a record only the old key-value key holds into the entity (create-only: a concurrent move wins). */
export async function moveToEntity<T extends { version: number }>(spec: VersionedRecordSpec<T>, read: ReadRecord<T>, now: number): Promise<void> {
  if (read.place === 'guard') return;
  await createOnly(spec.key, stored(spec, read.value, now), Entities.guard).catch(async (error: unknown) => {
    if (!(await kvs.entity(Entities.guard).get(spec.key))) throw error;
  });
}

/** Holds a transaction to the record still being at `version` (e.g. a deal move to its pipeline). */
export function versionUnchanged(key: string, version: number): TxStep {
  return (tx) => tx.check(key, { entityName: Entities.guard, conditions: new Filter<{ version: number }>().and('version', FilterConditions.equalTo(version)) });
}

/** Writes an entity record in a transaction, on the condition that it is still at `version` as read. */
export function setAtVersion<T extends { version: number }>(entityName: string, key: string, value: T, version: number): TxStep {
  return (tx) => tx.set(key, value, { entityName, conditions: new Filter<T>().and('version', FilterConditions.equalTo(version)) });
}

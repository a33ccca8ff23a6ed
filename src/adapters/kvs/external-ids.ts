import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { Entities, Keys } from './keys';
import type { Transaction } from '../../ports/storage';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import type { ExternalRecordType } from '../../ports/customers';
import { guardEnvelope, parseStoredIfAny } from './stored-record';


const ExternalIdGuardSchema = guardEnvelope(
  z.enum(['external-id', 'external-id-reserved']),
  z.object({ recordType: z.enum(['company', 'contact', 'deal'] satisfies ExternalRecordType[]), value: z.string() }),
);
export type ExternalIdGuard = z.infer<typeof ExternalIdGuardSchema>;

export function externalIdKey(recordType: ExternalRecordType, value: string): string {
  return Keys.externalId(recordType, createHash('sha256').update(value.trim(), 'utf8').digest('hex'));
}

/** Which record holds an external id, if any (one strongly consistent get). */
export async function externalIdHolder(recordType: ExternalRecordType, value: string): Promise<string | undefined> {
  const key = externalIdKey(recordType, value);
  const guard = parseStoredIfAny(ExternalIdGuardSchema, 'external id', key, await kvs.entity<ExternalIdGuard>(Entities.guard).get(key));
  return guard?.holderId;
}

const guardOf = (kind: ExternalIdGuard['kind'], recordType: ExternalRecordType, value: string, holderId: string, now: number): ExternalIdGuard => ({
  kind,
  holderId,
  version: 1,
  updatedAt: now,
  schemaVersion: 1,
  data: { recordType, value: value.trim() },
});

/** Reserves an external id for `holderId`: undefined when reserved (or already its own), else the record holding it. */
export async function reserveExternalId(recordType: ExternalRecordType, value: string, holderId: string, now: number): Promise<string | undefined> {
  try {
    await createOnly(externalIdKey(recordType, value), guardOf('external-id-reserved', recordType, value, holderId, now), Entities.guard);
    return undefined;
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
  }
  const holder = await externalIdHolder(recordType, value);
  return holder === holderId ? undefined : (holder ?? (await reserveExternalId(recordType, value, holderId, now)));
}

/** Gives back a reservation whose record was not written (the record never existed, so nothing else names it). */
export async function releaseExternalIdReservation(recordType: ExternalRecordType, value: string, holderId: string): Promise<void> {
  const mine = new Filter<ExternalIdGuard>().and('holderId', FilterConditions.equalTo(holderId)).and('kind', FilterConditions.equalTo('external-id-reserved'));
  await kvs.transact().delete(externalIdKey(recordType, value), { entityName: Entities.guard, conditions: mine }).execute().catch(() => undefined);
}

/** Adds to `tx` the holding of an external id `holderId` reserved (conditioned on the reservation being its own). */
export function takeExternalId(tx: Transaction, recordType: ExternalRecordType, value: string, holderId: string, now: number): Transaction {
  return tx.set(externalIdKey(recordType, value), guardOf('external-id', recordType, value, holderId, now), { entityName: Entities.guard, conditions: new Filter<ExternalIdGuard>().and('holderId', FilterConditions.equalTo(holderId)) });
}

/** Adds to `tx` the giving up of an external id this record holds. */
export function releaseExternalId(tx: Transaction, recordType: ExternalRecordType, value: string, holderId: string): Transaction {
  return tx.delete(externalIdKey(recordType, value), { entityName: Entities.guard, conditions: new Filter<ExternalIdGuard>().and('holderId', FilterConditions.equalTo(holderId)) });
}

/** The external ids a record holds, as written beside it. */
export async function externalIdsOf(recordId: string): Promise<string[]> {
  const value = await kvs.get<string[]>(Keys.externalIdsOf(recordId));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Adds to `tx` the list of external ids a record holds (replacing the list). */
export function writeExternalIdsOf(tx: Transaction, recordId: string, values: string[]): Transaction {
  return values.length > 0 ? tx.set(Keys.externalIdsOf(recordId), values) : tx.delete(Keys.externalIdsOf(recordId));
}

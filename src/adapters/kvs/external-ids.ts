import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { Entities, Keys } from './keys';
import type { Transaction } from './claims';

/**
 * A record's id in the CRM it was imported from (HubSpot "Record ID", Salesforce "Id", Pipedrive
 * "Deal - ID"): a guard record per value, like the email and domain claims, so the same external id
 * names one Relay record and a second import of the file updates it instead of creating another.
 * Taken in the importing batch's transaction; given up when the record is erased or merged away.
 */
export type ExternalRecordType = 'company' | 'contact' | 'deal';

export interface ExternalIdGuard {
  kind: 'external-id';
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: { recordType: ExternalRecordType; value: string };
}

export function externalIdKey(recordType: ExternalRecordType, value: string): string {
  return Keys.externalId(recordType, createHash('sha256').update(value.trim(), 'utf8').digest('hex'));
}

/** Which record holds an external id, if any (one strongly consistent get). */
export async function externalIdHolder(recordType: ExternalRecordType, value: string): Promise<string | undefined> {
  const guard = (await kvs.entity<ExternalIdGuard>(Entities.guard).get(externalIdKey(recordType, value))) as ExternalIdGuard | undefined;
  return guard?.holderId;
}

/** Adds to `tx` the taking of an external id by `holderId`, on condition nobody holds it. */
export function takeExternalId(tx: Transaction, recordType: ExternalRecordType, value: string, holderId: string, now: number): Transaction {
  const guard: ExternalIdGuard = { kind: 'external-id', holderId, version: 1, updatedAt: now, schemaVersion: 1, data: { recordType, value: value.trim() } };
  return tx.set(externalIdKey(recordType, value), guard, { entityName: Entities.guard, conditions: new Filter<ExternalIdGuard>().and('holderId', FilterConditions.notExists()) });
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

import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { Entities, Keys } from './keys';

/**
 * Uniqueness claims (emails of contacts, domains of companies). Forge has conditions only on
 * entities, so a claim is a record of the `guard` entity, keyed by a digest of the normalised value
 * (keys allow only [a-zA-Z0-9:._\s#-], an email does not fit), written in the SAME transaction as
 * the record that holds it:
 *
 * - taking a value sets its claim on condition that none exists (`holderId` notExists), so of two
 *   concurrent writers of one value exactly one commits;
 * - giving a value up deletes its claim on condition that this record holds it.
 *
 * Archiving keeps the claim: a mature CRM keeps archived records' emails and domains unique, so
 * restoring a record never collides with one created meanwhile. Only erasing a record (PRODUCT §5)
 * releases it.
 */
export type ClaimKind = 'email' | 'domain';

/** The SDK's transaction builder (the package does not export its type by name). */
export type Transaction = ReturnType<typeof kvs.transact>;

export interface ClaimGuard {
  kind: 'claim';
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: { value: string; kind: ClaimKind };
}

export function claimKey(kind: ClaimKind, value: string): string {
  return Keys.claim(kind, createHash('sha256').update(value, 'utf8').digest('hex'));
}

/** Adds to `tx` whatever moving a record's value from `before` to `after` needs (nothing when unchanged). */
export function changeClaim(tx: Transaction, kind: ClaimKind, holderId: string, before: string | null, after: string | null, now: number): Transaction {
  if (before === after) return tx;
  if (before !== null) {
    tx.delete(claimKey(kind, before), { entityName: Entities.guard, conditions: new Filter<ClaimGuard>().and('holderId', FilterConditions.equalTo(holderId)) });
  }
  if (after !== null) {
    const claim: ClaimGuard = { kind: 'claim', holderId, version: 1, updatedAt: now, schemaVersion: 1, data: { value: after, kind } };
    tx.set(claimKey(kind, after), claim, { entityName: Entities.guard, conditions: new Filter<ClaimGuard>().and('holderId', FilterConditions.notExists()) });
  }
  return tx;
}

/** Who holds a value, if anyone (one strongly consistent get). */
export async function claimHolder(kind: ClaimKind, value: string): Promise<string | undefined> {
  const claim = (await kvs.entity<ClaimGuard>(Entities.guard).get(claimKey(kind, value))) as ClaimGuard | undefined;
  return claim?.holderId;
}

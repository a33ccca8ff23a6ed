import { createHash } from 'node:crypto';
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { Entities, Keys } from './keys';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import type { Transaction } from '../../ports/storage';
import type { ClaimKind } from '../../ports/customers';
import { guardEnvelope, parseStoredIfAny } from './stored-record';


/** Longer than any invocation (900 s): a reservation this old belongs to one that is gone. */
export const RESERVATION_MS = 15 * 60 * 1000;

/** `kind` is 'claim-reserved' between the two steps, 'claim' once the record holds the value. */
export const ClaimGuardSchema = guardEnvelope(z.enum(['claim', 'claim-reserved']), z.object({ value: z.string(), kind: z.enum(['email', 'domain'] satisfies ClaimKind[]) }));
export type ClaimGuard = z.infer<typeof ClaimGuardSchema>;

export function claimKey(kind: ClaimKind, value: string): string {
  return Keys.claim(kind, createHash('sha256').update(value, 'utf8').digest('hex'));
}

const guard = () => kvs.entity<ClaimGuard>(Entities.guard);

/** A claim as stored (undefined when nobody holds the value). */
export function parseClaim(key: string, value: unknown): ClaimGuard | undefined {
  return parseStoredIfAny(ClaimGuardSchema, 'claim', key, value);
}
const readClaim = async (key: string) => parseClaim(key, await guard().get(key));
const heldBy = (holderId: string, kind: ClaimGuard['kind']) => new Filter<ClaimGuard>().and('holderId', FilterConditions.equalTo(holderId)).and('kind', FilterConditions.equalTo(kind));

function claimOf(kind: ClaimKind, holderId: string, value: string, state: ClaimGuard['kind'], now: number): ClaimGuard {
  return { kind: state, holderId, version: 1, updatedAt: now, schemaVersion: 1, data: { value, kind } };
}

/**
 * Reserves a value for `holderId`. Answers undefined when reserved (or already this record's), else
 * the id of the record that holds or is taking it.
 */
export async function reserveClaim(kind: ClaimKind, value: string, holderId: string, now: number): Promise<string | undefined> {
  const key = claimKey(kind, value);
  try {
    await createOnly(key, claimOf(kind, holderId, value, 'claim-reserved', now), Entities.guard);
    return undefined;
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
  }
  const current = await readClaim(key);
  if (!current) return reserveClaim(kind, value, holderId, now);
  if (current.holderId === holderId) return undefined;
  if (current.kind === 'claim-reserved' && now - current.updatedAt > RESERVATION_MS) {
    try {
      const abandoned = heldBy(current.holderId, 'claim-reserved').and('updatedAt', FilterConditions.equalTo(current.updatedAt));
      await kvs.transact().set(key, claimOf(kind, holderId, value, 'claim-reserved', now), { entityName: Entities.guard, conditions: abandoned }).execute();
      return undefined;
    } catch {
      // Someone else took it over or committed it first: theirs.
      return (await readClaim(key))?.holderId ?? current.holderId;
    }
  }
  return current.holderId;
}

/** Gives back a reservation the record's transaction did not commit (best effort: it expires anyway). */
export async function releaseReservation(kind: ClaimKind, value: string, holderId: string): Promise<void> {
  await kvs
    .transact()
    .delete(claimKey(kind, value), { entityName: Entities.guard, conditions: heldBy(holderId, 'claim-reserved') })
    .execute()
    .catch(() => undefined);
}

/**
 * Adds to `tx` what moving a record's value from `before` to `after` needs (nothing when unchanged):
 * the old claim deleted if this record holds it, the new one (reserved first, see `reserveClaim`)
 * turned into this record's claim.
 */
export function changeClaim(tx: Transaction, kind: ClaimKind, holderId: string, before: string | null, after: string | null, now: number): Transaction {
  if (before === after) return tx;
  if (before !== null) {
    tx.delete(claimKey(kind, before), { entityName: Entities.guard, conditions: new Filter<ClaimGuard>().and('holderId', FilterConditions.equalTo(holderId)) });
  }
  if (after !== null) tx.set(claimKey(kind, after), claimOf(kind, holderId, after, 'claim', now), { entityName: Entities.guard, conditions: heldBy(holderId, 'claim-reserved') });
  return tx;
}

/** Who holds a value, if anyone (one strongly consistent get); a reservation counts as held. */
export async function claimHolder(kind: ClaimKind, value: string): Promise<string | undefined> {
  const claim = await readClaim(claimKey(kind, value));
  return claim?.holderId;
}

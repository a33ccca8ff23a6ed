import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { changeClaim, claimKey, parseClaim, RESERVATION_MS, type ClaimGuard } from './claims';
import { fromCompanyEntity, toCompanyEntity, type CompanyEntity } from './company-store';
import { fromContactEntity, toContactEntity, type ContactEntity } from './contact-store';
import { createOnly } from './transactions';
import { Keys, Entities } from './keys';
import { parseFunnelShard, writeFunnelShard } from './funnel-store';
import { parseLeadSettings, parseTurn, takeTurn } from './lead-settings-store';
import type { IntakeGuards, IntakeRecords, IntakeWrite } from '../../ports/leads';
import { guardEnvelope, parseStoredIfAny } from './stored-record';


/**
 * The record of a signature: 'replay-pending' from the moment a request with it is taken in,
 * 'idempotency' once its lead is stored (by the lead's transaction). A request that cannot be stored
 * gives it back, so a refused request leaves nothing behind.
 */
const ReplayGuardSchema = guardEnvelope(z.enum(['idempotency', 'replay-pending']), z.object({ acceptedAt: z.number() }));
type ReplayGuard = z.infer<typeof ReplayGuardSchema>;

/** How long an accepted signature is remembered: past the ±5-minute timestamp window, so a replay is refused either way. */
export const REPLAY_TTL_MINUTES = 15;

/**
 * How long a request's hold on its signature outlives it when it could not give it back (storage
 * refused the release too, e.g. over its quota): longer than a web trigger may run (55 s), so a copy
 * in flight is never overtaken, and well inside the timestamp window, so the sender's retry of the
 * very same request is stored.
 */
export const REPLAY_PENDING_TTL_MINUTES = 2;

/** A batch read answers a missing key as KEY_NOT_FOUND: absent, not an error. Anything else is. */
function failOnErrors(failed: Array<{ key: string; error: { code: string } }>): void {
  const errors = failed.filter((f) => f.error.code !== 'KEY_NOT_FOUND');
  if (errors.length > 0) throw new Error(`Storage could not read ${errors.map((f) => `${f.key} (${f.error.code})`).join(', ')}`);
}

/**
 * Takes a signature for one request (create-only, so of two copies of a request sent at once exactly
 * one gets it). Refused (`WriteRefused`) when it was taken before: a replay.
 */
export async function takeSignature(replayDigest: string, token: string, now: number): Promise<void> {
  const pending: ReplayGuard = { kind: 'replay-pending', holderId: token, version: 1, updatedAt: now, schemaVersion: 1, data: { acceptedAt: now } };
  await createOnly(Keys.leadReplay(replayDigest), pending, Entities.guard, { value: REPLAY_PENDING_TTL_MINUTES, unit: 'MINUTES' });
}

/** Whether a signature's request was stored ('accepted'), is held by a request not (yet) stored ('pending'), or neither. */
export async function signatureState(replayDigest: string): Promise<'accepted' | 'pending' | undefined> {
  const key = Keys.leadReplay(replayDigest);
  const held = parseStoredIfAny(ReplayGuardSchema, 'signature record', key, await kvs.entity<ReplayGuard>(Entities.guard).get(key));
  if (!held) return undefined;
  return held.kind === 'idempotency' ? 'accepted' : 'pending';
}

/** Gives a signature back when its request stored nothing (conditioned: only this request's own hold). */
export async function releaseSignature(replayDigest: string, token: string): Promise<void> {
  const mine = new Filter<ReplayGuard>().and('holderId', FilterConditions.equalTo(token)).and('kind', FilterConditions.equalTo('replay-pending'));
  await kvs.transact().delete(Keys.leadReplay(replayDigest), { entityName: Entities.guard, conditions: mine }).execute();
}

/**
 * The record holding a claim, if any. A reservation older than any invocation is abandoned (its lead
 * was refused and storage refused the give-back too): no holder, so the lead takes it over (claims.ts)
 * instead of waiting for a record that will never be written.
 */
function holderOf(claim: ClaimGuard | undefined, now: number): string | undefined {
  if (!claim || (claim.kind === 'claim-reserved' && now - claim.updatedAt > RESERVATION_MS)) return undefined;
  return claim.holderId;
}

export async function readIntakeGuards(email: string, domain: string | null, now: number): Promise<IntakeGuards> {
  const keys = [claimKey('email', email), domain ? claimKey('domain', domain) : null, Keys.leadSettings(), Keys.leadRoundRobin()];
  const wanted = keys.filter((k): k is string => k !== null);
  const result = await kvs.batchGet<unknown>(wanted.map((key) => ({ key, entityName: Entities.guard })));
  const found = new Map(result.successfulKeys.filter((i) => i.value !== undefined).map((i) => [i.key, i.value]));
  failOnErrors(result.failedKeys);
  return {
    emailHolder: holderOf(parseClaim(keys[0]!, found.get(keys[0]!)), now),
    domainHolder: keys[1] ? holderOf(parseClaim(keys[1], found.get(keys[1])), now) : undefined,
    settings: parseLeadSettings(found.get(keys[2]!)),
    turn: parseTurn(found.get(keys[3]!)),
  };
}


/** The contact and company the claims name, and the funnel shard, in one request. */
export async function readIntakeRecords(contactId: string | undefined, companyId: string | undefined, month: string, shard: number): Promise<IntakeRecords> {
  const items = [
    ...(contactId ? [{ key: contactId, entityName: Entities.contact }] : []),
    ...(companyId ? [{ key: companyId, entityName: Entities.company }] : []),
    { key: Keys.funnel(month, shard), entityName: Entities.guard },
  ];
  const result = await kvs.batchGet<unknown>(items);
  failOnErrors(result.failedKeys);
  const valueOf = (entityName: string, key: string) => result.successfulKeys.find((i) => i.entityName === entityName && i.key === key && i.value !== undefined)?.value;
  const contact = contactId ? valueOf(Entities.contact, contactId) : undefined;
  const company = companyId ? valueOf(Entities.company, companyId) : undefined;
  return {
    contact: contact === undefined ? undefined : fromContactEntity(contact),
    company: company === undefined ? undefined : fromCompanyEntity(company),
    shard: parseFunnelShard(month, shard, valueOf(Entities.guard, Keys.funnel(month, shard))),
  };
}


/**
 * One transaction: the contact (conditioned on the version read; a new one has a fresh random id and
 * its e-mail reserved beforehand, see claims.ts), a new company (its domain reserved likewise), the
 * audit and task entries, the signature's record turned from pending to accepted (conditioned on this
 * request holding it), the round robin's turn and the funnel shard (both conditioned on the version read).
 */
export async function commitIntake(write: IntakeWrite): Promise<void> {
  const { before, after, now } = write;
  const tx = kvs
    .transact()
    .set(after.id, toContactEntity(after), { entityName: Entities.contact, ...(before ? { conditions: new Filter<ContactEntity>().and('version', FilterConditions.equalTo(before.version)) } : {}) });
  changeClaim(tx, 'email', after.id, before?.email ?? null, after.email, now);
  if (write.newCompany) {
    const { company, activity } = write.newCompany;
    tx.set(company.id, toCompanyEntity(company), { entityName: Entities.company });
    changeClaim(tx, 'domain', company.id, null, company.domain, now);
    tx.set(activity.id, activity, { entityName: Entities.activity });
  } else if (after.companyId && after.companyId !== (before?.companyId ?? null)) {
    tx.check(after.companyId, { entityName: Entities.company, conditions: new Filter<CompanyEntity>().and('status', FilterConditions.equalTo('active')) });
  }
  for (const activity of write.activities) tx.set(activity.id, activity, { entityName: Entities.activity });
  const replay: ReplayGuard = { kind: 'idempotency', holderId: after.id, version: 1, updatedAt: now, schemaVersion: 1, data: { acceptedAt: now } };
  const held = new Filter<ReplayGuard>().and('holderId', FilterConditions.equalTo(write.replayToken)).and('kind', FilterConditions.equalTo('replay-pending'));
  tx.set(Keys.leadReplay(write.replayDigest), replay, { entityName: Entities.guard, conditions: held }, { ttl: { value: REPLAY_TTL_MINUTES, unit: 'MINUTES' } });
  if (write.turn) takeTurn(tx, write.turn.read, write.turn.used, now);
  if (write.funnel) writeFunnelShard(tx, write.funnel.read, write.funnel.cells, now);
  await tx.execute();
}

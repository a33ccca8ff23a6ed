import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { allPages } from './paging';
import { z } from 'zod';
import type { Account, ArrMovement, LedgerEntry } from '../../domain/arr';
import { ARR_MOVEMENT_KINDS, emptyAccount } from '../../domain/arr';
import { SEGMENTS } from '../../domain/company';
import { effectiveAt } from '../../domain/retention';
import type { TxStep } from '../../ports/storage';
import { Entities, Keys } from './keys';
import { guardEnvelope, parseStored } from './stored-record';

/**
 * ARR movements in the `arr-movement` entity (by-project-time, by-company-time, by-time: `at` is
 * the effective day at UTC midnight) and each company's account in the guard entity. Movements are
 * for reports over periods (entity queries, which may trail writes); the account is read by key,
 * consistently, for the company's own ARR, contracts and last activity.
 */
export interface MovementEntity {
  id: string;
  projectId: string;
  companyId: string;
  dealId: string;
  kind: string;
  /** The movement in its deal's currency (the first delta): a quick figure; `data.deltas` is the fact. */
  arrDeltaMinor: number;
  at: number;
  schemaVersion: number;
  data: { deltas: Record<string, number>; effectiveOn: string; segment: string | null; region: string | null; ownerId: string };
}

const MovementData = z.object({
  deltas: z.record(z.string(), z.number()),
  effectiveOn: z.string(),
  segment: z.enum(SEGMENTS).nullable(),
  region: z.string().nullable(),
  ownerId: z.string(),
});

export function toMovementEntity(m: ArrMovement): MovementEntity {
  return {
    id: m.id,
    projectId: m.projectId,
    companyId: m.companyId,
    dealId: m.dealId,
    kind: m.kind,
    arrDeltaMinor: Object.values(m.deltas)[0] ?? 0,
    at: effectiveAt(m.effectiveOn),
    schemaVersion: 1,
    data: { deltas: m.deltas, effectiveOn: m.effectiveOn, segment: m.segment, region: m.region, ownerId: m.ownerId },
  };
}

const StoredMovement = z.object({
  id: z.string(),
  projectId: z.string(),
  companyId: z.string(),
  dealId: z.string(),
  kind: z.enum(ARR_MOVEMENT_KINDS),
  arrDeltaMinor: z.number(),
  at: z.number(),
  schemaVersion: z.number().int(),
  data: MovementData,
});

export function fromMovementEntity(key: string, value: unknown): ArrMovement {
  const v = parseStored(StoredMovement, 'ARR movement', key, value);
  return { id: v.id, projectId: v.projectId, companyId: v.companyId, dealId: v.dealId, kind: v.kind, ...v.data };
}

const sameFact = (entry: LedgerEntry, m: ArrMovement) => entry.kind === m.kind && entry.effectiveOn === m.effectiveOn && JSON.stringify(entry.deltas) === JSON.stringify(m.deltas);

/**
 * The writes that turn a deal's stored movements (as its companies' ledgers list them) into its
 * current ones: gone ones deleted, new or changed ones written, unchanged ones left alone.
 */
export function movementSteps(stored: readonly LedgerEntry[], after: readonly ArrMovement[]): TxStep[] {
  const steps: TxStep[] = [];
  const next = new Set(after.map((m) => m.id));
  for (const old of stored) if (!next.has(old.id)) steps.push((tx) => tx.delete(old.id, { entityName: Entities.arrMovement }));
  for (const m of after) {
    const previous = stored.find((e) => e.id === m.id);
    if (!previous || !sameFact(previous, m)) steps.push((tx) => tx.set(m.id, toMovementEntity(m), { entityName: Entities.arrMovement }));
  }
  return steps;
}

/** Movements effective in [from, to] (epoch ms), site-wide, oldest first, page by page. */
export async function* movementsBetween(from: number, to: number): AsyncGenerator<ArrMovement[]> {
  const movements = () => kvs.entity<MovementEntity>(Entities.arrMovement).query().index('by-time').where(WhereConditions.between(from, to)).sort(Sort.ASC).limit(100);
  for await (const page of allPages(movements)) yield page.map((r) => fromMovementEntity(r.key, r.value));
}

/** A project's movements effective in [from, to], newest first (at most `limit`). */
export async function projectMovements(projectId: string, from: number, to: number, limit: number): Promise<ArrMovement[]> {
  const page = await kvs.entity<MovementEntity>(Entities.arrMovement).query().index('by-project-time', { partition: [projectId] }).where(WhereConditions.between(from, to)).sort(Sort.DESC).limit(limit).getMany();
  return page.results.map((r) => fromMovementEntity(r.key, r.value));
}

// ------------------------------------------------------------------ accounts (guard entity)

interface AccountGuard {
  kind: 'rollup';
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: Omit<Account, 'companyId' | 'version'>;
}

const AccountData = z.object({
  ledger: z.array(z.object({ id: z.string(), dealId: z.string(), kind: z.enum(ARR_MOVEMENT_KINDS), effectiveOn: z.string(), deltas: z.record(z.string(), z.number()) })),
  contracts: z.array(z.object({ dealId: z.string(), projectId: z.string(), contractEnd: z.string(), decided: z.boolean() })),
  wonDeals: z.array(z.string()),
  lastActivityAt: z.number().nullable(),
});

const StoredAccount = guardEnvelope(z.literal('rollup'), AccountData);

function fromGuard(companyId: string, value: unknown): Account {
  const guard = parseStored(StoredAccount, 'ARR account', Keys.account(companyId), value);
  return { companyId, version: guard.version, ...guard.data };
}

function toGuard(account: Account, version: number, now: number): AccountGuard {
  const { companyId, version: _version, ...data } = account;
  return { kind: 'rollup', holderId: companyId, version, updatedAt: now, schemaVersion: 1, data };
}

const guards = () => kvs.entity<AccountGuard>(Entities.guard);

/** A company's account (version 0, empty, when none is stored yet). */
export async function readAccount(companyId: string): Promise<Account> {
  const value = await guards().get(Keys.account(companyId));
  return value === undefined ? emptyAccount(companyId) : fromGuard(companyId, value);
}

/** Several accounts, 25 per request; companies without one get an empty account. */
export async function readAccounts(companyIds: readonly string[]): Promise<Map<string, Account>> {
  const out = new Map<string, Account>();
  for (let i = 0; i < companyIds.length; i += 25) {
    const ids = companyIds.slice(i, i + 25);
    const idOf = new Map(ids.map((id) => [Keys.account(id), id]));
    const result = await kvs.batchGet<unknown>(ids.map((id) => ({ key: Keys.account(id), entityName: Entities.guard })));
    for (const item of result.successfulKeys) {
      const id = idOf.get(item.key);
      if (id !== undefined && item.value !== undefined) out.set(id, fromGuard(id, item.value));
    }
  }
  for (const id of companyIds) if (!out.has(id)) out.set(id, emptyAccount(id));
  return out;
}

/**
 * Makes sure a company's account exists (version 1, empty) with a create-only write, so later
 * writes are conditioned on a record that exists: a transaction never relies on a condition on an
 * absent key, which Forge does not document. Another writer creating it first is fine.
 */
export async function ensureAccount(account: Account, now: number): Promise<Account> {
  if (account.version > 0) return account;
  try {
    await guards().set(Keys.account(account.companyId), toGuard(emptyAccount(account.companyId), 1, now), { keyPolicy: 'FAIL_IF_EXISTS' });
  } catch (error) {
    const stored = await guards().get(Keys.account(account.companyId));
    if (stored === undefined) throw error;
    return fromGuard(account.companyId, stored);
  }
  return { ...emptyAccount(account.companyId), version: 1 };
}

/** Writes `next` in a transaction if the stored account is still at `read.version` (which must exist). */
export function accountStep(read: Account, next: Account, now: number): TxStep {
  if (read.version < 1) throw new Error(`The account of ${read.companyId} must exist before it is changed in a transaction`);
  return (tx) =>
    tx.set(Keys.account(read.companyId), toGuard(next, read.version + 1, now), { entityName: Entities.guard, conditions: new Filter<AccountGuard>().and('version', FilterConditions.equalTo(read.version)) });
}

/** Writes an account alone (last activity), conditioned on the version read. */
export async function writeAccount(read: Account, next: Account, now: number): Promise<void> {
  await accountStep(read, next, now)(kvs.transact()).execute();
}

import { Filter, FilterConditions, kvs, Sort } from '@forge/kvs';
import type { HandoffTemplate } from '../../domain/handoff';
import { Entities, Keys } from './keys';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import { type TxStep } from '../../ports/storage';
import { moveToEntity, readVersioned, writeVersioned, type VersionedRecordSpec } from './versioned-record';
import type { DealLinkEntity, HandoffGuard } from '../../ports/handoffs';
import { DealLinkSchema, HandoffGuardSchema, StoredTemplate } from '../../ports/handoffs';
import { parseStored, parseStoredIfAny } from './stored-record';


const templateSpec = (projectId: string): VersionedRecordSpec<StoredTemplate> => ({ key: Keys.handoffTemplate(projectId), kind: 'template', holderId: projectId, schema: StoredTemplate });

/** The template and where it is stored (one request), for a save conditioned on it. */
export async function readStoredTemplate(projectId: string) {
  return readVersioned(templateSpec(projectId));
}

export async function readTemplate(projectId: string): Promise<StoredTemplate | undefined> {
  return (await readVersioned(templateSpec(projectId)))?.value;
}

/** Moves a template only an older version's key-value key holds into the entity (the migration; idempotent). */
export async function upgradeStoredTemplate(projectId: string, now: number): Promise<boolean> {
  const read = await readVersioned(templateSpec(projectId));
  if (!read) return false;
  await moveToEntity(templateSpec(projectId), read, now);
  return true;
}

/**
 * Saves the template at `version` (the one read plus one) if nobody saved it since `read` was
 * read; refused otherwise (a condition failure, see usecases/versioned-save.ts).
 */
export async function writeTemplate(projectId: string, template: HandoffTemplate, version: number, read: Awaited<ReturnType<typeof readStoredTemplate>>, now: number): Promise<StoredTemplate> {
  const value: StoredTemplate = { schemaVersion: 1, version, ...template };
  await writeVersioned(templateSpec(projectId), value, read, now);
  return value;
}



const linkEntity = () => kvs.entity<DealLinkEntity>(Entities.dealLink);

/** The deal behind an issue: one storage request, keyed by the issue id. */
export async function readLink(issueId: string): Promise<DealLinkEntity | undefined> {
  return parseStoredIfAny(DealLinkSchema, 'deal link', issueId, await linkEntity().get(issueId));
}

export async function linksOfDeal(dealId: string): Promise<DealLinkEntity[]> {
  const page = await linkEntity().query().index('by-deal', { partition: [dealId] }).sort(Sort.ASC).limit(100).getMany();
  return page.results.map((r) => parseStored(DealLinkSchema, 'deal link', r.key, r.value));
}

/** Links an issue to a deal unless it is linked already (then false: one deal per issue). */
export async function createLink(link: DealLinkEntity): Promise<boolean> {
  try {
    await createOnly(link.issueId, link, Entities.dealLink);
    return true;
  } catch (error) {
    if (error instanceof WriteRefused) return false;
    throw error;
  }
}

export async function deleteLink(issueId: string): Promise<void> {
  await linkEntity().delete(issueId);
}



export function newGuard(dealId: string, now: number, dealUrl: string): HandoffGuard {
  return { kind: 'idempotency', holderId: dealId, version: 1, updatedAt: now, schemaVersion: 1, data: { issueId: null, issueKey: null, leaseUntil: 0, leaseId: null, children: {}, childIds: {}, dealUrl, attempt: null, completedAt: null } };
}

export async function readGuard(dealId: string): Promise<HandoffGuard | undefined> {
  const key = Keys.handoffGuard(dealId);
  return parseStoredIfAny(HandoffGuardSchema, 'hand-off guard', key, await kvs.entity<HandoffGuard>(Entities.guard).get(key));
}

/** Writes the guard if its version is still `expected` (the guard exists: the win created it). */
export async function writeGuard(dealId: string, next: HandoffGuard, expected: number): Promise<void> {
  const conditions = new Filter<HandoffGuard>().and('version', FilterConditions.equalTo(expected));
  await kvs.transact().set(Keys.handoffGuard(dealId), next, { entityName: Entities.guard, conditions }).execute();
}


/**
 * The guard a first win adds to its transaction. It needs no condition of its own: the win's
 * transaction is conditioned on the deal's version, and only a deal without a hand-off starts one,
 * so of any number of concurrent or repeated wins exactly one writes it (a condition on a key that
 * does not exist yet is not documented by Forge, see README "Storage conditions").
 */
export function createGuardStep(dealId: string, now: number, dealUrl: string): TxStep {
  return (tx) => tx.set(Keys.handoffGuard(dealId), newGuard(dealId, now, dealUrl), { entityName: Entities.guard });
}

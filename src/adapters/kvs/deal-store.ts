import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { Deal } from '../../domain/deal';
import { DEAL_TYPES, forecastOf } from '../../domain/deal';
import { DealAttributionRecord } from '../../contracts/deal';
import { renewalStateOf } from '../../domain/renewal';
import { HandoffRecord } from '../../contracts/handoff';
import { RenewalRefSchema, RenewedContractSchema } from '../../contracts/renewal';
import type { Handoff } from '../../domain/handoff';
import { SEGMENTS } from '../../domain/company';
import type { Pipeline } from '../../domain/pipeline';
import { FORECAST_CATEGORIES, OUTCOMES, stageById } from '../../domain/pipeline';
import { searchableName } from '../../domain/normalise';
import type { PipelineTotals } from '../../domain/totals';
import { applyChange } from '../../domain/totals';
import type { ActivityEntity } from './activity-store';
import { readMany } from './batch-read';
import { withStorageBackoff } from './backoff';
import { Entities } from './keys';
import { continuing, fillPage } from './paging';
import { pipelineUnchanged } from './pipeline-store';
import { shardWrite, type TotalsShard } from './totals-store';
import type { TxStep } from './transactions';

/**
 * Deals in the `deal` entity: the whole domain record lives in `data` (the source of truth), and
 * the attributes are the projections the indexes and filters need. Indexed attributes never hold
 * null or '' (see README): a missing value is 'none', which sorts after every date.
 */
const NONE = 'none';

const DealData = z.object({
  id: z.string(),
  projectId: z.string(),
  name: z.string(),
  companyId: z.string().nullable(),
  contactIds: z.array(z.string()),
  amountMinor: z.number().nullable(),
  currency: z.string(),
  recurring: z.boolean(),
  type: z.enum(DEAL_TYPES),
  stageId: z.string(),
  position: z.string(),
  forecastOverride: z.enum(FORECAST_CATEGORIES).nullable(),
  outcome: z.enum(OUTCOMES),
  lostReason: z.string().nullable(),
  closeDate: z.string().nullable(),
  ownerId: z.string(),
  source: z.string().nullable(),
  // Deals stored before attribution was copied onto them have none.
  attribution: DealAttributionRecord.nullable().default(null),
  segment: z.enum(SEGMENTS).nullable(),
  nextStep: z.string().nullable(),
  nextStepDue: z.string().nullable(),
  contractStart: z.string().nullable(),
  contractEnd: z.string().nullable(),
  scope: z.string().nullable(),
  notSold: z.string().nullable(),
  stakeholders: z.string().nullable(),
  successCriteria: z.string().nullable(),
  stageEnteredAt: z.number(),
  // Deals stored before the history was kept start from their current stage.
  stageHistory: z.array(z.string()).optional(),
  pushCount: z.number(),
  closedAt: z.number().nullable(),
  archived: z.boolean(),
  // Deals stored before hand-offs existed have none.
  handoff: HandoffRecord.nullable().default(null),
  // Deals stored before renewals existed are neither renewed nor renewals.
  renewal: RenewalRefSchema.nullable().default(null),
  renews: RenewedContractSchema.nullable().default(null),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

export interface DealEntity {
  id: string;
  projectId: string;
  status: 'active' | 'archived';
  name: string;
  nameLower: string;
  companyId: string;
  ownerId: string;
  stageId: string;
  position: string;
  outcome: string;
  forecastCategory: string;
  dealType: string;
  segment: string;
  source: string;
  region: string;
  currency: string;
  amountMinor: number;
  recurring: boolean;
  closeDate: string;
  stageEnteredAt: number;
  closedAt: number;
  contractEnd: string;
  renewalState: string;
  handoffState: string;
  handoffDueAt: number;
  createdAt: number;
  updatedAt: number;
  version: number;
  schemaVersion: number;
  data: Deal;
}

export function toEntity(deal: Deal, pipeline: Pipeline): DealEntity {
  const stage = stageById(pipeline, deal.stageId);
  return {
    id: deal.id,
    projectId: deal.projectId,
    status: deal.archived ? 'archived' : 'active',
    name: deal.name,
    nameLower: searchableName(deal.name),
    companyId: deal.companyId ?? NONE,
    ownerId: deal.ownerId,
    stageId: deal.stageId,
    position: deal.position,
    // Archived deals leave the board and list partitions (outcome 'archived'), so open-deal queries never page past them.
    outcome: deal.archived ? 'archived' : deal.outcome,
    forecastCategory: stage ? forecastOf(deal, stage) : (deal.forecastOverride ?? 'pipeline'),
    dealType: deal.type,
    segment: deal.segment ?? NONE,
    source: deal.source ?? NONE,
    region: NONE,
    currency: deal.currency,
    amountMinor: deal.amountMinor ?? 0,
    recurring: deal.recurring,
    closeDate: deal.closeDate ?? NONE,
    stageEnteredAt: deal.stageEnteredAt,
    closedAt: deal.closedAt ?? 0,
    contractEnd: deal.contractEnd ?? NONE,
    renewalState: renewalStateOf(deal),
    ...handoffProjection(deal.handoff),
    createdAt: deal.createdAt,
    updatedAt: deal.updatedAt,
    version: deal.version,
    schemaVersion: 1,
    data: deal,
  };
}

/**
 * What the hourly scan queries (index by-handoff-sla: handoffState → handoffDueAt): hand-offs waiting
 * for the job by their next attempt, created ones not yet accepted by their acceptance deadline. A
 * breach, once found, moves to its own partition so the scan does not find it again.
 */
function handoffProjection(handoff: Handoff | null): { handoffState: string; handoffDueAt: number } {
  if (!handoff) return { handoffState: NONE, handoffDueAt: 0 };
  if (handoff.state === 'pending' || handoff.state === 'retrying') return { handoffState: handoff.state, handoffDueAt: handoff.nextAttemptAt ?? 0 };
  if (handoff.state === 'created') return { handoffState: handoff.breachedAt === null ? 'created' : 'breached', handoffDueAt: handoff.acceptDueAt };
  return { handoffState: handoff.state, handoffDueAt: 0 };
}

export function fromEntity(value: unknown): Deal {
  const deal = DealData.parse((value as { data?: unknown }).data);
  return { ...deal, stageHistory: deal.stageHistory ?? [deal.stageId] };
}

const dealEntity = () => kvs.entity<DealEntity>(Entities.deal);

export async function readDeal(id: string): Promise<Deal | undefined> {
  const value = await dealEntity().get(id);
  return value === undefined ? undefined : fromEntity(value);
}

// ------------------------------------------------------------------- writes

/** The project's totals live in their own store (totals-store.ts); this re-export keeps older imports working. */
export { readTotals, type VersionedTotals } from './totals-store';

export interface DealWrite {
  before: Deal | null;
  after: Deal;
  /** The pipeline the change was decided on, with the version the transaction holds it to. */
  pipeline: Pipeline & { version: number };
  /** The deal's totals shard as read (see totals-store.ts). */
  shard: TotalsShard;
  activity: ActivityEntity | null;
  now: number;
  /** Further writes that must happen with this one or not at all (e.g. a hand-off's idempotency record). */
  extra?: TxStep[];
}

/**
 * Writes a deal, its totals shard and the audit entry in one transaction, held to the pipeline the
 * change was decided on. The deal is conditioned on the version read (a new deal has a fresh random
 * id and needs none), the shard on its own: a concurrent write of the same deal, of a deal of the
 * same shard, or of the pipeline cancels the whole transaction.
 */
export async function commitDeal(write: DealWrite): Promise<PipelineTotals> {
  const { before, after, pipeline, shard, activity, now, extra = [] } = write;
  const nextShard = applyChange(shard.totals, before, after, pipeline);
  let tx = kvs
    .transact()
    .set(after.id, toEntity(after, pipeline), { entityName: Entities.deal, ...(before ? { conditions: new Filter<DealEntity>().and('version', FilterConditions.equalTo(before.version)) } : {}) });
  tx = shardWrite(after.projectId, shard, nextShard, now)(tx);
  tx = pipelineUnchanged(after.projectId, pipeline.version)(tx);
  if (activity) tx = tx.set(activity.id, activity, { entityName: Entities.activity });
  for (const step of extra) tx = step(tx);
  await tx.execute();
  return nextShard;
}

// ------------------------------------------------------------------- queries

export interface DealQuery {
  projectId: string;
  outcome: Deal['outcome'];
  stageId?: string;
  ownerId?: string;
  companyId?: string;
  closeFrom?: string;
  closeTo?: string;
  forecastCategory?: string;
  segment?: string;
  source?: string;
  sort: 'closeDate' | 'updatedAt' | 'position';
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/**
 * One entity query per page, on the index that serves the request: a stage column by position,
 * an owner's deals by close date, recently updated, or a project's deals of one outcome by close
 * date; the remaining criteria are query filters.
 */
export async function queryDeals(q: DealQuery): Promise<{ deals: Deal[]; nextCursor: string | null }> {
  const filters: Array<[keyof DealEntity, ReturnType<typeof FilterConditions.equalTo> | ReturnType<typeof FilterConditions.between>]> = [];
  let index: string;
  let partition: unknown[];
  let range: ReturnType<typeof WhereConditions.between> | ReturnType<typeof WhereConditions.greaterThanEqualTo> | ReturnType<typeof WhereConditions.lessThanEqualTo> | undefined;
  const closeRange = () =>
    q.closeFrom && q.closeTo
      ? WhereConditions.between(q.closeFrom, q.closeTo)
      : q.closeFrom
        ? WhereConditions.greaterThanEqualTo(q.closeFrom)
        : q.closeTo
          ? WhereConditions.lessThanEqualTo(q.closeTo)
          : undefined;
  const closeFilter = () => {
    if (q.closeFrom || q.closeTo) filters.push(['closeDate', FilterConditions.between(q.closeFrom ?? '0000-01-01', q.closeTo ?? '9999-12-31')]);
  };

  if (q.companyId) {
    // A company's deals: the by-company index (companyId → createdAt) narrowed to this project.
    index = 'by-company';
    partition = [q.companyId];
    filters.push(['projectId', FilterConditions.equalTo(q.projectId)]);
    filters.push(['outcome', FilterConditions.equalTo(q.outcome)]);
    if (q.stageId) filters.push(['stageId', FilterConditions.equalTo(q.stageId)]);
    if (q.ownerId) filters.push(['ownerId', FilterConditions.equalTo(q.ownerId)]);
    closeFilter();
  } else if (q.sort === 'position' && q.stageId) {
    index = 'by-stage';
    partition = [q.projectId, q.stageId];
    filters.push(['outcome', FilterConditions.equalTo(q.outcome)]);
    if (q.ownerId) filters.push(['ownerId', FilterConditions.equalTo(q.ownerId)]);
    closeFilter();
  } else if (q.sort === 'updatedAt') {
    index = 'by-updated';
    partition = [q.projectId];
    filters.push(['outcome', FilterConditions.equalTo(q.outcome)]);
    if (q.stageId) filters.push(['stageId', FilterConditions.equalTo(q.stageId)]);
    if (q.ownerId) filters.push(['ownerId', FilterConditions.equalTo(q.ownerId)]);
    closeFilter();
  } else if (q.ownerId) {
    index = 'by-owner-close';
    partition = [q.projectId, q.ownerId];
    range = closeRange();
    filters.push(['outcome', FilterConditions.equalTo(q.outcome)]);
    if (q.stageId) filters.push(['stageId', FilterConditions.equalTo(q.stageId)]);
  } else {
    index = 'by-outcome-close';
    partition = [q.projectId, q.outcome];
    range = closeRange();
    if (q.stageId) filters.push(['stageId', FilterConditions.equalTo(q.stageId)]);
  }
  if (q.forecastCategory) filters.push(['forecastCategory', FilterConditions.equalTo(q.forecastCategory)]);
  if (q.segment) filters.push(['segment', FilterConditions.equalTo(q.segment)]);
  if (q.source) filters.push(['source', FilterConditions.equalTo(q.source)]);

  let query = dealEntity().query().index(index, { partition }).sort(q.direction === 'desc' ? Sort.DESC : Sort.ASC).limit(q.limit);
  if (range) query = query.where(range);
  if (filters.length > 0) {
    const [first, ...rest] = filters;
    let filter = new Filter<DealEntity>().and(first![0], first![1]);
    for (const [field, condition] of rest) filter = filter.and(field, condition);
    query = query.filters(filter);
  }
  if (q.cursor) query = query.cursor(q.cursor);
  const page = await continuing(q.cursor, () => query.getMany());
  return { deals: page.results.map((r) => fromEntity(r.value)), nextCursor: page.nextCursor ?? null };
}

/**
 * Every deal of a project, page by page (the totals rebuild and the snapshot job). `maxWaitMs` is how
 * long a page may wait out Forge's storage quota (backoff.ts); 0 fails at once.
 */
export async function* allProjectDeals(projectId: string, maxWaitMs = 0): AsyncGenerator<Deal[]> {
  let cursor: string | undefined;
  do {
    let query = dealEntity().query().index('by-updated', { partition: [projectId] }).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await withStorageBackoff(() => query.getMany(), maxWaitMs);
    yield page.results.map((r) => fromEntity(r.value));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/** Several deals by id, 25 per request (missing ones are left out). */
export async function readDeals(ids: string[]): Promise<Deal[]> {
  return readMany(Entities.deal, ids, fromEntity);
}

/** The position of the last card of a board column, for appending (one query). */
export async function lastPosition(projectId: string, stageId: string): Promise<string | null> {
  const last = await dealEntity().query().index('by-stage', { partition: [projectId, stageId] }).sort(Sort.DESC).limit(1).getOne();
  return last ? fromEntity(last.value).position : null;
}

/**
 * Whether a stage's column holds any deal that is not archived (won and lost ones included), among
 * its first 100 entries: one query of by-stage. Queries may lag behind writes; callers use this as a second opinion.
 */
export async function stageHoldsDeals(projectId: string, stageId: string): Promise<boolean> {
  const page = await dealEntity()
    .query()
    .index('by-stage', { partition: [projectId, stageId] })
    .filters(new Filter<DealEntity>().and('status', FilterConditions.equalTo('active')))
    .limit(100)
    .getMany();
  return page.results.length > 0;
}

/** Open deals of a project whose name contains the words typed (for linking an issue to a deal). */
export async function searchOpenDeals(projectId: string, text: string, limit: number): Promise<Deal[]> {
  const page = await fillPage<DealEntity>(
    { entityName: Entities.deal, index: 'by-outcome-close', partition: [projectId, 'open'], filters: [['nameLower', FilterConditions.contains(searchableName(text))]] },
    limit,
    undefined,
    10,
  );
  return page.values.map(fromEntity);
}

import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import type { Deal } from '../../domain/deal';
import { searchableName } from '../../domain/normalise';
import { readMany } from './batch-read';
import { withStorageBackoff } from './backoff';
import { fromEntity } from './deal-entity';
import { type DealEntity } from '../../ports/deals';
import { Entities } from './keys';
import { allPages, continuing, fillPage } from './paging';
import type { DealQuery } from '../../ports/deals';

/*
 * Reading deals: by id, and the entity queries behind the board, the lists and the jobs. The record's
 * shape in storage is deal-entity.ts; a deal is written (with its totals) by deal-write.ts.
 */

const dealEntity = () => kvs.entity<DealEntity>(Entities.deal);

export async function readDeal(id: string): Promise<Deal | undefined> {
  const value = await dealEntity().get(id);
  return value === undefined ? undefined : fromEntity(value);
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
  const deals = () => dealEntity().query().index('by-updated', { partition: [projectId] }).limit(100);
  for await (const page of allPages(deals, { read: (query) => withStorageBackoff(() => query.getMany(), maxWaitMs) })) yield page.map((r) => fromEntity(r.value));
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

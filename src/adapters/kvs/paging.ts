import { Filter, ForgeKvsAPIError, kvs, Sort, type FilterConditions, type WhereConditions } from '@forge/kvs';

type WhereClause = ReturnType<(typeof WhereConditions)[keyof typeof WhereConditions]>;
type FilterClause = ReturnType<(typeof FilterConditions)[keyof typeof FilterConditions]>;

/** One entity query on one index, as data: the paging helper builds the SDK query from it. */
export interface IndexQuery<T> {
  entityName: string;
  index: string;
  partition?: unknown[];
  where?: WhereClause;
  /** Conditions on non-range attributes, all of which must hold. */
  filters?: Array<[keyof T & string, FilterClause]>;
  sort?: Sort;
}

/** A cursor the store did not issue for this query (cursors are unstable and query-bound). */
export class InvalidCursorError extends Error {
  constructor() {
    super('The cursor does not continue this list; start again from the first page.');
    this.name = 'InvalidCursorError';
  }
}

/**
 * Runs one page read that continues from `cursor`: a cursor the store refuses (400) is the caller's
 * mistake, answered as InvalidCursorError (VALIDATION on `cursor`), never as a failure of ours.
 */
export async function continuing<T>(cursor: string | undefined, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (cursor && error instanceof ForgeKvsAPIError && error.responseDetails.status === 400) throw new InvalidCursorError();
    throw error;
  }
}

/**
 * Filters are applied after the index entries of a page are read (`limit` counts entries read), so
 * a filtered page may come back short, even empty, with a cursor. This reads on, asking each time
 * for only the entries still missing, until the page is full, the index ends, or `maxQueries` were
 * spent; the cursor it returns continues exactly after the last entry read, so nothing is skipped
 * or repeated. An unfiltered page is always one query.
 */
export async function fillPage<T>(q: IndexQuery<T>, limit: number, cursor: string | undefined, maxQueries = 4): Promise<{ values: unknown[]; nextCursor: string | null }> {
  const values: unknown[] = [];
  let next = cursor;
  for (let i = 0; i < maxQueries; i += 1) {
    let query = kvs
      .entity<T>(q.entityName)
      .query()
      .index(q.index, q.partition ? { partition: q.partition } : undefined)
      .sort(q.sort ?? Sort.ASC)
      .limit(limit - values.length);
    if (q.where) query = query.where(q.where);
    const [first, ...rest] = q.filters ?? [];
    if (first) {
      let filter = new Filter<T>().and(first[0], first[1]);
      for (const [field, clause] of rest) filter = filter.and(field, clause);
      query = query.filters(filter);
    }
    if (next) query = query.cursor(next);
    const page = await continuing(next, () => query.getMany());
    values.push(...page.results.map((r) => r.value));
    next = page.nextCursor ?? undefined;
    if (!next || values.length >= limit) break;
  }
  return { values, nextCursor: next ?? null };
}

/** What the page loop needs of an SDK query: its pages, and a way to continue one from a cursor. */
interface PagedQuery<T> {
  cursor(cursor: string): PagedQuery<T>;
  getMany(): Promise<{ results: Array<{ key: string; value: T }>; nextCursor?: string | null }>;
}

/**
 * Every page of one query, in order, for a reader that needs all of it (a job, a rebuild, a prune):
 * `build` makes the query afresh for each page (the SDK's builders change in place), and each page
 * after the first continues from the previous one's cursor, until the store gives none or
 * `maxPages` were read. `read` runs each request (e.g. inside a quota backoff).
 */
export async function* allPages<T>(
  build: () => PagedQuery<T>,
  { maxPages = Number.POSITIVE_INFINITY, read = (q) => q.getMany() }: { maxPages?: number; read?: (query: PagedQuery<T>) => ReturnType<PagedQuery<T>['getMany']> } = {},
): AsyncGenerator<Array<{ key: string; value: T }>> {
  let cursor: string | undefined;
  for (let n = 0; n < maxPages; n += 1) {
    const page = await read(cursor ? build().cursor(cursor) : build());
    yield page.results;
    cursor = page.nextCursor ?? undefined;
    if (!cursor) break;
  }
}

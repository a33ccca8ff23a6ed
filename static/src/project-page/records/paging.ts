/**
 * Cursor paging for the tables. Relay's list and search calls may answer a short page (even an
 * empty one) that still has a cursor — the store filters after it reads — so "one call = one page"
 * would show half-empty pages and stop early. `collectPage` keeps following the cursor until it has
 * `want` items, the list ends, or it has made `maxCalls` calls (so one click never turns into an
 * unbounded burst of invocations).
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type FetchPage<T> = (cursor: string | undefined) => Promise<Page<T>>;

export async function collectPage<T>(fetchPage: FetchPage<T>, cursor: string | undefined, want: number, maxCalls = 5): Promise<Page<T> & { calls: number }> {
  const items: T[] = [];
  let next: string | undefined = cursor;
  let calls = 0;
  do {
    const page = await fetchPage(next);
    calls += 1;
    items.push(...page.items);
    next = page.nextCursor ?? undefined;
  } while (next !== undefined && items.length < want && calls < maxCalls);
  return { items, nextCursor: next ?? null, calls };
}

/** Replaces records by id (an edit, a refresh) while keeping the list's order; unknown ids are appended. */
export function upsertById<T extends { id: string }>(items: readonly T[], changed: T): T[] {
  const index = items.findIndex((item) => item.id === changed.id);
  if (index < 0) return [...items, changed];
  const next = items.slice();
  next[index] = changed;
  return next;
}

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

/**
 * Puts a record the user just created where a fresh read would show it, in a list kept in an order
 * (`comesBefore`). Relay's lists are storage queries, which may not show a write for a moment, so a
 * screen keeps what it wrote rather than reading the list again. A record that sorts after the last
 * loaded row while more pages exist is left for the page that will bring it.
 */
export function insertInOrder<T extends { id: string }>(items: readonly T[], created: T, comesBefore: (a: T, b: T) => boolean, hasMore: boolean): T[] {
  const rest = items.filter((item) => item.id !== created.id);
  const at = rest.findIndex((item) => comesBefore(created, item));
  if (at < 0) return hasMore ? rest : [...rest, created];
  return [...rest.slice(0, at), created, ...rest.slice(at)];
}

/** The next page's rows after those already shown, without the ones a screen inserted itself. */
export function appendPage<T extends { id: string }>(items: readonly T[], page: readonly T[]): T[] {
  const shown = new Set(items.map((item) => item.id));
  return [...items, ...page.filter((item) => !shown.has(item.id))];
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { FetchPage } from './paging';
import { appendPage, collectPage, insertInOrder, upsertById } from './paging';

export type ListState<T> = {
  items: T[];
  nextCursor: string | null;
  status: 'loading' | 'ok' | 'error' | 'more';
  error: unknown;
};

/**
 * A table's rows: the first page on mount and whenever `queryKey` changes (a filter, a sort or the
 * search text), more on `loadMore()`. Answers to an older query are dropped, so a fast typist never
 * sees the results of an earlier search arrive last.
 */
export function useCursorList<T extends { id: string }>(fetchPage: FetchPage<T>, queryKey: string, pageSize = 50) {
  const [state, setState] = useState<ListState<T>>({ items: [], nextCursor: null, status: 'loading', error: null });
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  /** Records this screen created itself: kept through reloads until a read shows them. */
  const written = useRef(new Map<string, { record: T; comesBefore: (a: T, b: T) => boolean }>());

  const load = useCallback(
    (cursor: string | undefined, append: boolean, quiet = false) => {
      const mine = ++generation.current;
      if (!quiet) setState((s) => ({ ...s, status: append ? 'more' : 'loading', error: null, ...(append ? {} : { items: [], nextCursor: null }) }));
      collectPage(fetchRef.current, cursor, pageSize).then(
        (page) => {
          if (mine !== generation.current) return;
          setState((s) => {
            let items = append ? appendPage(s.items, page.items) : page.items;
            for (const [id, { record, comesBefore }] of written.current) {
              if (page.items.some((item) => item.id === id)) written.current.delete(id);
              else if (!append) items = insertInOrder(items, record, comesBefore, page.nextCursor !== null);
            }
            return { items, nextCursor: page.nextCursor, status: 'ok', error: null };
          });
        },
        (error: unknown) => {
          if (mine !== generation.current) return;
          setState((s) => ({ ...s, status: 'error', error }));
        },
      );
    },
    [pageSize],
  );

  useEffect(() => {
    load(undefined, false);
    return () => {
      generation.current++;
    };
  }, [load, queryKey]);

  return {
    ...state,
    reload: () => load(undefined, false),
    /** Reads the first page again without blanking the rows meanwhile (storage searches catching up). */
    refresh: () => load(undefined, false, true),
    loadMore: () => {
      if (state.nextCursor) load(state.nextCursor, true);
    },
    /** Puts a record the user just changed (or created) into the rows without a reload. */
    upsert: (record: T) => setState((s) => ({ ...s, items: upsertById(s.items, record) })),
    /** Puts a record the user just created where a fresh read would show it (lists may not show it yet). */
    insert: (record: T, comesBefore: (a: T, b: T) => boolean) => {
      written.current.set(record.id, { record, comesBefore });
      setState((s) => ({ ...s, items: insertInOrder(s.items, record, comesBefore, s.nextCursor !== null) }));
    },
    remove: (id: string) => setState((s) => ({ ...s, items: s.items.filter((item) => item.id !== id) })),
  };
}

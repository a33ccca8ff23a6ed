import { useCallback, useEffect, useRef, useState } from 'react';
import type { FetchPage } from './paging';
import { collectPage, upsertById } from './paging';

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

  const load = useCallback(
    (cursor: string | undefined, append: boolean) => {
      const mine = ++generation.current;
      setState((s) => ({ ...s, status: append ? 'more' : 'loading', error: null, ...(append ? {} : { items: [], nextCursor: null }) }));
      collectPage(fetchRef.current, cursor, pageSize).then(
        (page) => {
          if (mine !== generation.current) return;
          setState((s) => ({ items: append ? [...s.items, ...page.items] : page.items, nextCursor: page.nextCursor, status: 'ok', error: null }));
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
    loadMore: () => {
      if (state.nextCursor) load(state.nextCursor, true);
    },
    /** Puts a record the user just changed (or created) into the rows without a reload. */
    upsert: (record: T) => setState((s) => ({ ...s, items: upsertById(s.items, record) })),
    remove: (id: string) => setState((s) => ({ ...s, items: s.items.filter((item) => item.id !== id) })),
  };
}

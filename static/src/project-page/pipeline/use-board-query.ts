import { view } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';

type ForgeHistory = Awaited<ReturnType<typeof view.createHistory>>;

let historyPromise: Promise<ForgeHistory> | undefined;

function boardHistory(): Promise<ForgeHistory> {
  historyPromise ??= view.createHistory();
  return historyPromise;
}

/**
 * The query of the pipeline subpage's URL (`/pipeline?owner=…&period=…`), where the board keeps its
 * filters: Jira shows it in the address bar, so a reload or a shared link opens the same board.
 * Changes `replace` the entry, so moving through filters does not flood the back button.
 * `undefined` until the history has answered.
 */
export function useBoardQuery(): { search: string | undefined; setSearch: (search: string) => void } {
  const [search, setSearchState] = useState<string | undefined>(undefined);
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    void boardHistory().then((history) => {
      if (cancelled) return;
      setSearchState(history.location.search ?? '');
      unlisten = history.listen((location) => setSearchState(location.search ?? ''));
    });
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);
  const setSearch = useCallback((next: string) => {
    setSearchState(next);
    void boardHistory().then((history) => history.replace(`${history.location.pathname}${next}`));
  }, []);
  return { search, setSearch };
}

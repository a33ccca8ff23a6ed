import { view } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';

type ForgeHistory = Awaited<ReturnType<typeof view.createHistory>>;

let historyPromise: Promise<ForgeHistory> | undefined;

/** One history per surface: Jira keeps it in step with the product's address bar and the sidebar. */
function productHistory(): Promise<ForgeHistory> {
  historyPromise ??= view.createHistory();
  return historyPromise;
}

/**
 * The current subpage path of a project page (e.g. `/deals`) and a way to move to another. The path
 * lives in Jira's URL, so reloads, shared links and the sidebar all land on the same subpage.
 */
export function useProductPath(): { pathname: string | undefined; push: (pathname: string) => void } {
  const [pathname, setPathname] = useState<string | undefined>(undefined);
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    void productHistory().then((history) => {
      if (cancelled) return;
      setPathname(history.location.pathname);
      unlisten = history.listen((location) => setPathname(location.pathname));
    });
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, []);
  // Stable across renders, so views that pass it down do not re-render their children on every render.
  const push = useCallback((next: string) => {
    void productHistory().then((history) => history.push(next));
  }, []);
  return { pathname, push };
}

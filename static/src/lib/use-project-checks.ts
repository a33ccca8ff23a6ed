import { useEffect, useRef, useState } from 'react';

/** What Relay answered about one chosen project of a gadget's configuration. */
export type ProjectCheckState<T> = { status: 'checking' } | { status: 'ok'; check: T } | { status: 'error'; error: unknown };

/** A Jira project key as a gadget's project field takes it; other text is not worth asking about. */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;

/**
 * Asks Relay about each project key chosen in a gadget's edit form, once per key while it stays
 * chosen: `checks` for the form to show, `pending` for Save to wait on. A key unticked is dropped, so
 * ticking it again asks again, and only the answer to the latest check of a key lands.
 */
export function useProjectChecks<T>(projectKeys: string[], check: (projectKey: string) => Promise<T>) {
  const [checks, setChecks] = useState<Record<string, ProjectCheckState<T>>>({});
  const pending = useRef(new Map<string, Promise<ProjectCheckState<T>>>());
  const checkRef = useRef(check);
  checkRef.current = check;

  useEffect(() => {
    const asked = pending.current;
    const wanted = new Set(projectKeys.filter((key) => PROJECT_KEY_PATTERN.test(key)));
    for (const key of [...asked.keys()]) if (!wanted.has(key)) asked.delete(key);
    for (const key of wanted) {
      if (asked.has(key)) continue;
      const result = checkRef.current(key).then(
        (answer): ProjectCheckState<T> => ({ status: 'ok', check: answer }),
        (error: unknown): ProjectCheckState<T> => ({ status: 'error', error }),
      );
      asked.set(key, result);
      setChecks((all) => ({ ...all, [key]: { status: 'checking' } }));
      void result.then((state) => asked.get(key) === result && setChecks((all) => ({ ...all, [key]: state })));
    }
  }, [projectKeys]);

  return { checks, pending };
}

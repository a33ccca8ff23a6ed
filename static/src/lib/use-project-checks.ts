import { useEffect, useRef, useState } from 'react';
import { gadgetErrorMessage } from './gadget';
import { MAX_PIPELINE_PROJECTS } from './gadget-config';
import { t } from './i18n';

/** What Relay answered about one chosen project of a gadget's configuration. */
export type ProjectCheckState<T> = { status: 'checking' } | { status: 'ok'; check: T } | { status: 'error'; error: unknown };

/** A Jira project key as a gadget's project field takes it; other text is not worth asking about. */
export const PROJECT_KEY_PATTERN = /^[A-Z][A-Z0-9_]{1,9}$/;

/**
 * Asks Relay about each project key chosen in a gadget's edit form, once per key while it stays
 * chosen: `checks` for the form to show, `settle` for Save to wait on. A key unticked is dropped, so
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

  /**
   * Waits for the answers about the chosen keys (Save pressed while they are still being checked) and
   * says what is wrong with the choice, if anything: none, too many, or one Relay cannot report on.
   */
  const settle = async () => {
    const settled = await Promise.all(projectKeys.map(async (key) => ({ key, state: (await pending.current.get(key)) ?? null })));
    const refused = settled.find(({ state }) => state?.status === 'error');
    let problem: string | undefined;
    if (projectKeys.length === 0) problem = t('gadgets.edit.projectsRequired');
    else if (projectKeys.length > MAX_PIPELINE_PROJECTS) problem = t('gadgets.edit.projectsMax', { max: MAX_PIPELINE_PROJECTS });
    // A key that is not a project key at all (typed by hand) was never checked: the form's schema names it.
    else if (refused?.state?.status === 'error') problem = t('gadgets.edit.projectProblem', { project: refused.key, message: gadgetErrorMessage(refused.state.error) });
    return { settled, problem };
  };

  return { checks, settle };
}

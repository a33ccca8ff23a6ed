import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { DealRecord } from '../contracts/deal';
import type { IssueDealView } from '../contracts/handoff';
import type { RelayApi } from './call-client';
import { CallFailure } from './call-client';

/**
 * The deal linked to one issue, as the panel and the glance hold it: loaded from `handoff/for-issue`
 * once the issue key is known, reloaded when Jira says the issue changed and after every action.
 *
 * Loads are "latest wins": an older answer arriving after a newer request is dropped, and so is any
 * answer after the surface is gone. A reload keeps the previous view on screen (no spinner flash);
 * only the first load shows a spinner. Actions run one at a time (`busy` names the running one, so
 * its button shows as loading and the others are disabled); an action's failure is kept apart from
 * the load's failure, so the deal stays visible above the error.
 */

export type PanelAction = 'accept' | 'unlink' | 'flagExpansion' | 'link';

export interface IssueDealState {
  /** The latest view, or null before the first answer (or after a failed first load). */
  view: IssueDealView | null;
  loading: boolean;
  /** Why the latest load failed. */
  failure: CallFailure | null;
  busy: PanelAction | null;
  /** Why the latest action failed. */
  actionFailure: CallFailure | null;
  /** The expansion deal the latest "Flag expansion" created, shown as a confirmation. */
  expansion: DealRecord | null;
  /** Answered loads, so tests and the view can tell a refresh happened. */
  loads: number;
}

type Event =
  | { type: 'load' }
  | { type: 'loaded'; view: IssueDealView }
  | { type: 'loadFailed'; failure: CallFailure }
  | { type: 'act'; action: PanelAction }
  | { type: 'acted'; expansion?: DealRecord }
  | { type: 'actFailed'; failure: CallFailure };

const initial: IssueDealState = { view: null, loading: true, failure: null, busy: null, actionFailure: null, expansion: null, loads: 0 };

function reduce(state: IssueDealState, event: Event): IssueDealState {
  switch (event.type) {
    case 'load':
      return { ...state, loading: true };
    case 'loaded':
      return { ...state, loading: false, loads: state.loads + 1, view: event.view, failure: null };
    case 'loadFailed':
      // The old view stays: the failure explains why it may be stale, it does not erase what the user read.
      return { ...state, loading: false, loads: state.loads + 1, failure: event.failure };
    case 'act':
      // A new action replaces the previous confirmation: it answered an earlier question.
      return { ...state, busy: event.action, actionFailure: null, expansion: null };
    case 'acted':
      return { ...state, busy: null, ...(event.expansion ? { expansion: event.expansion } : {}) };
    case 'actFailed':
      return { ...state, busy: null, actionFailure: event.failure };
  }
}

function asFailure(error: unknown, callKey: string): CallFailure {
  if (error instanceof CallFailure) return error;
  return new CallFailure('INTERNAL', error instanceof Error ? error.message : String(error), callKey);
}

/** Subscribes to "this issue changed" and returns how to stop; the surface wires Forge's `events.on`. */
export type IssueChangedSource = (onChange: () => void) => () => void;

export interface IssueDealControls {
  state: IssueDealState;
  reload: () => void;
  accept: () => Promise<void>;
  unlink: () => Promise<void>;
  flagExpansion: (name: string) => Promise<void>;
  link: (dealId: string) => Promise<void>;
}

export function useIssueDeal(api: RelayApi, issueKey: string | null, onIssueChanged?: IssueChangedSource): IssueDealControls {
  const [state, dispatch] = useReducer(reduce, initial);
  const latest = useRef(0);
  const mounted = useRef(true);
  const acting = useRef(false);

  const reload = useCallback(() => {
    if (!issueKey) return;
    latest.current += 1;
    const id = latest.current;
    dispatch({ type: 'load' });
    api.handoff.forIssue({ issueKey }).then(
      (view) => {
        if (mounted.current && id === latest.current) dispatch({ type: 'loaded', view });
      },
      (error: unknown) => {
        if (mounted.current && id === latest.current) dispatch({ type: 'loadFailed', failure: asFailure(error, 'handoff/for-issue') });
      },
    );
  }, [api, issueKey]);

  useEffect(() => {
    mounted.current = true;
    reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  useEffect(() => (onIssueChanged ? onIssueChanged(reload) : undefined), [onIssueChanged, reload]);

  /** Runs one action, then reloads the view whatever the outcome (a failure may mean the view is stale). */
  const run = useCallback(
    async <T>(action: PanelAction, callKey: string, call: (key: string) => Promise<T>, done: (result: T) => Event = () => ({ type: 'acted' })) => {
      if (!issueKey || acting.current) return;
      acting.current = true;
      dispatch({ type: 'act', action });
      try {
        const result = await call(issueKey);
        if (mounted.current) dispatch(done(result));
      } catch (error) {
        if (mounted.current) dispatch({ type: 'actFailed', failure: asFailure(error, callKey) });
      } finally {
        acting.current = false;
      }
      reload();
    },
    [issueKey, reload],
  );

  return {
    state,
    reload,
    accept: () => run('accept', 'handoff/accept', (key) => api.handoff.accept({ issueKey: key })),
    unlink: () => run('unlink', 'handoff/unlink', (key) => api.handoff.unlink({ issueKey: key })),
    flagExpansion: (name) => {
      const trimmed = name.trim();
      return run(
        'flagExpansion',
        'handoff/flag-expansion',
        (key) => api.handoff.flagExpansion(trimmed ? { issueKey: key, name: trimmed } : { issueKey: key }),
        (expansion): Event => ({ type: 'acted', expansion }),
      );
    },
    link: (dealId) => run('link', 'handoff/link', (key) => api.handoff.link({ issueKey: key, dealId })),
  };
}

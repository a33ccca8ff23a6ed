import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { StatusResult } from '../contracts/system';
import type { RelayApi } from './call-client';
import { CallFailure } from './call-client';

/**
 * The state of the `system/status` check a surface shows. `checks` counts answered checks (good or
 * failed), so "Checked 2 times" means the back end answered twice, not that a button was pressed twice.
 */
export interface StatusState {
  checking: boolean;
  checks: number;
  result: StatusResult | null;
  failure: CallFailure | null;
}

type Action = { type: 'start' } | { type: 'answered'; result: StatusResult } | { type: 'failed'; failure: CallFailure };

const initial: StatusState = { checking: true, checks: 0, result: null, failure: null };

function reduce(state: StatusState, action: Action): StatusState {
  switch (action.type) {
    case 'start':
      return { ...state, checking: true };
    case 'answered':
      return { checking: false, checks: state.checks + 1, result: action.result, failure: null };
    case 'failed':
      // A failed re-check drops the older answer: showing it beside the error would claim a connection we no longer have.
      return { checking: false, checks: state.checks + 1, result: null, failure: action.failure };
  }
}

function asFailure(error: unknown): CallFailure {
  if (error instanceof CallFailure) return error;
  return new CallFailure('INTERNAL', error instanceof Error ? error.message : String(error), 'system/status');
}

/**
 * Runs the status check on mount and on `checkAgain()`. Only the latest check may change the state:
 * an older answer arriving after a newer request (two quick presses) is dropped, and so is any
 * answer arriving after the surface is gone.
 */
export function useStatusCheck(api: RelayApi): { state: StatusState; checkAgain: () => void } {
  const [state, dispatch] = useReducer(reduce, initial);
  const latest = useRef(0);
  const mounted = useRef(true);

  const run = useCallback(() => {
    latest.current += 1;
    const id = latest.current;
    dispatch({ type: 'start' });
    api.system.status().then(
      (result) => {
        if (mounted.current && id === latest.current) dispatch({ type: 'answered', result });
      },
      (error: unknown) => {
        if (mounted.current && id === latest.current) dispatch({ type: 'failed', failure: asFailure(error) });
      },
    );
  }, [api]);

  useEffect(() => {
    mounted.current = true;
    run();
    return () => {
      mounted.current = false;
    };
  }, [run]);

  return { state, checkAgain: run };
}

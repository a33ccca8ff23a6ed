import { useEffect, useRef, useState } from 'react';
import type { AsyncState } from './use-async';
import { useAsync } from './use-async';

/**
 * A record a screen shows and edits (a drawer's deal, a settings form's record): loaded once (and
 * again on `reload`), then replaced by every record a save returns. Only a new answer from the
 * server replaces what a save put on screen, so a saved value never flips back to the one the screen
 * opened with. `onAnswer` sees each record as it is adopted, the server's answers and what `adopt`
 * is given (a form resets its draft from it); `setRecord` replaces the record alone.
 */
export function useRecord<T>(load: () => Promise<T>, onAnswer?: (answer: T) => void): { loaded: AsyncState<T> & { reload: () => void }; record: T | null; setRecord: (next: T) => void; adopt: (next: T) => void } {
  const loaded = useAsync(load);
  const [record, setRecord] = useState<T | null>(null);
  const onAnswerRef = useRef(onAnswer);
  onAnswerRef.current = onAnswer;
  // The answer, not `loaded` (a new object every render: adopting it on each one never stopped rendering).
  const answer = loaded.status === 'ok' ? loaded.data : null;
  useEffect(() => {
    if (answer === null) return;
    setRecord(answer);
    onAnswerRef.current?.(answer);
  }, [answer]);
  const adopt = (next: T) => {
    setRecord(next);
    onAnswerRef.current?.(next);
  };
  return { loaded, record, setRecord, adopt };
}

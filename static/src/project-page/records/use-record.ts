import { useEffect, useState } from 'react';
import type { AsyncState } from '../../lib/use-async';
import { useAsync } from '../../lib/use-async';

/**
 * A record a drawer shows and edits: loaded once (and again on `reload`), then replaced by every
 * record a save returns. Only a new answer from the server replaces what a save put on screen, so a
 * saved value never flips back to the one the drawer opened with.
 */
export function useRecord<T>(load: () => Promise<T>): { loaded: AsyncState<T> & { reload: () => void }; record: T | null; setRecord: (next: T) => void } {
  const loaded = useAsync(load);
  const [record, setRecord] = useState<T | null>(null);
  const answer = loaded.status === 'ok' ? loaded.data : null;
  useEffect(() => {
    if (answer !== null) setRecord(answer);
  }, [answer]);
  return { loaded, record, setRecord };
}

import { useCallback, useState } from 'react';

/**
 * A list the server works out slice by slice (data quality of a large project, likely duplicates):
 * `load()` reads from the start, `load(cursor)` adds the next slice. A failure keeps what was read
 * and is shown until a later load succeeds. `fetchSlice` is memoised by the caller (its inputs).
 */
export function useSlices<S>(fetchSlice: (cursor?: string) => Promise<S>) {
  const [slices, setSlices] = useState<S[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      try {
        const slice = await fetchSlice(cursor);
        setSlices((s) => (cursor ? [...s, slice] : [slice]));
        setError(null);
      } catch (failure) {
        setError(failure);
      } finally {
        setLoading(false);
      }
    },
    [fetchSlice],
  );
  return { slices, error, loading, load };
}

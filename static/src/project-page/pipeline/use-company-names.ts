import { useEffect, useMemo, useState } from 'react';
import { api } from '../../lib/api';

/** How many pages of 100 companies the board reads at most for names (10 invocations). */
const MAX_PAGES = 10;

/**
 * Company names for the cards, read lazily after the board shows: `companies/get` is one call per
 * id (N invocations for N cards), so the board instead pages through `companies/list` (100 per
 * invocation) until every company its cards name is found, or MAX_PAGES pages are read. The cards
 * render at once without names and fill them in; a company not found by then stays unnamed
 * ("company not loaded") rather than costing more calls. The list is also what the exit-criteria
 * form offers when it asks for a company.
 */
export interface CompanyOption {
  id: string;
  name: string;
}

export function useCompanyNames(neededIds: readonly string[]): { names: ReadonlyMap<string, string>; companies: CompanyOption[]; done: boolean } {
  const [state, setState] = useState<{ companies: CompanyOption[]; done: boolean }>({ companies: [], done: false });
  const key = [...new Set(neededIds)].sort().join(',');
  useEffect(() => {
    let cancelled = false;
    const needed = new Set(key ? key.split(',') : []);
    void (async () => {
      const found: CompanyOption[] = [];
      let cursor: string | null | undefined;
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const result = await api.companies.list({ limit: 100, ...(cursor ? { cursor } : {}) });
        for (const company of result.items) {
          found.push({ id: company.id, name: company.name });
          needed.delete(company.id);
        }
        cursor = result.nextCursor;
        if (cancelled) return;
        setState({ companies: [...found], done: !cursor || needed.size === 0 });
        if (!cursor || needed.size === 0) return;
      }
    })().catch(() => {
      if (!cancelled) setState((s) => ({ ...s, done: true }));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  const names = useMemo(() => new Map(state.companies.map((c) => [c.id, c.name])), [state.companies]);
  return { names, companies: state.companies, done: state.done };
}

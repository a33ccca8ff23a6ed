import { useEffect, useState } from 'react';
import { api } from '../../lib/api';

/**
 * Company names behind the ids the records hold: from the records the page already loaded, and
 * otherwise from one `companies/get` per unknown id, cached for the life of the page so a table of
 * 50 deals of 5 companies costs at most 5 calls. (People's names: lib/people.tsx.)
 */
const companyNames = new Map<string, string>();
const pending = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

/** Records a company's name the page has already read (lists, searches, the drawer). */
export function rememberCompany(company: { id: string; name: string }): void {
  if (companyNames.get(company.id) === company.name) return;
  companyNames.set(company.id, company.name);
  notify();
}

function fetchCompany(id: string): void {
  if (companyNames.has(id) || pending.has(id)) return;
  pending.set(
    id,
    api.companies.get({ companyId: id }).then(
      (company) => {
        pending.delete(id);
        rememberCompany(company);
      },
      () => {
        // Leave it pending-free but unnamed: the view shows a neutral placeholder, not an error.
        pending.delete(id);
        companyNames.set(id, '');
        notify();
      },
    ),
  );
}

/** The names of the given companies, loading the ones the page has not seen yet. */
export function useCompanyNames(ids: ReadonlyArray<string | null>): (id: string | null) => string | undefined {
  const [, setTick] = useState(0);
  const key = [...new Set(ids.filter((id): id is string => !!id))].sort().join(',');
  useEffect(() => {
    const listener = () => setTick((n) => n + 1);
    listeners.add(listener);
    for (const id of key ? key.split(',') : []) fetchCompany(id);
    return () => {
      listeners.delete(listener);
    };
  }, [key]);
  return (id) => (id ? companyNames.get(id) || undefined : undefined);
}

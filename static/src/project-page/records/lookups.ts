import { requestJira } from '@forge/bridge';
import { useEffect, useMemo, useState } from 'react';
import { z } from 'zod';
import { api } from '../../lib/api';

/**
 * Names behind the ids the records hold. Owners are Jira users, read once per page through the
 * bridge (Jira REST as the user, so only people the user may see); company names come from the
 * records the page already loaded, and otherwise from one `companies/get` per unknown id, cached
 * for the life of the page so a table of 50 deals of 5 companies costs at most 5 calls.
 */
const JiraUser = z.looseObject({ accountId: z.string(), displayName: z.string().optional(), accountType: z.string().optional(), active: z.boolean().optional() });
export type Person = { accountId: string; displayName: string; human: boolean };

let usersPromise: Promise<Person[]> | undefined;

async function fetchUsers(): Promise<Person[]> {
  const response = await requestJira('/rest/api/3/users/search?maxResults=100');
  if (!response.ok) throw new Error(`Jira answered ${response.status} to the user search`);
  const parsed = z.array(JiraUser).parse(await response.json());
  return parsed.map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId, human: (u.accountType ?? 'atlassian') === 'atlassian' }));
}

export function usePeople(): { people: Person[]; nameOf: (accountId: string) => string } {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    let live = true;
    usersPromise ??= fetchUsers().catch((error: unknown) => {
      usersPromise = undefined;
      throw error;
    });
    // Names are a nicety: without them the views show account ids, and still work.
    usersPromise.then((list) => live && setPeople(list), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  const nameOf = useMemo(() => {
    const byId = new Map(people.map((p) => [p.accountId, p.displayName]));
    return (accountId: string) => byId.get(accountId) ?? accountId;
  }, [people]);
  return { people: people.filter((p) => p.human), nameOf };
}

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

import api, { route, type APIResponse } from '@forge/api';
import { z } from 'zod';
import { readJson } from './json';

/** One JQL search as the app (`POST /rest/api/3/search/jql`): what to find, what to return, how far to page. */
export interface JqlSearch<I extends z.ZodType> {
  jql: string;
  fields: string[];
  properties: string[];
  /** Issues per page (`maxResults`). */
  pageSize: number;
  /** Pages read at most: a runaway result is cut there rather than read to its end. */
  maxPages: number;
  /** Issue ids search must read as they are now (Jira takes at most 50); left out when empty. */
  reconcileIssues?: number[];
  /** One found issue, as the caller reads it. */
  issue: I;
  /** Names the search in errors ("Looking for …"). */
  what: string;
  /** The error a non-ok answer becomes (each caller keeps its own refusal). */
  refuse: (response: APIResponse) => Promise<Error> | Error;
}

/**
 * The pages of a JQL search, one array of issues per page, following `nextPageToken` until Jira
 * says the last page came (`isLast`, or no token) or `maxPages` were read. The caller may stop
 * early (`break`), and then no further page is asked for.
 */
export async function* jqlPages<I extends z.ZodType>(search: JqlSearch<I>): AsyncGenerator<Array<z.output<I>>, void, undefined> {
  // Jira Cloud's documented page (SearchAndReconcileResults): every field may be absent, the token null on the last page.
  const Page = z.looseObject({ issues: z.array(search.issue).optional(), nextPageToken: z.string().nullish(), isLast: z.boolean().optional() });
  let token: string | undefined;
  for (let page = 0; page < search.maxPages; page += 1) {
    const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jql: search.jql,
        fields: search.fields,
        properties: search.properties,
        maxResults: search.pageSize,
        ...(search.reconcileIssues && search.reconcileIssues.length > 0 ? { reconcileIssues: search.reconcileIssues } : {}),
        ...(token ? { nextPageToken: token } : {}),
      }),
    });
    if (!response.ok) throw await search.refuse(response);
    const body = await readJson(response, Page, search.what);
    yield body.issues ?? [];
    token = body.nextPageToken ?? undefined;
    if (!token || body.isLast) return;
  }
}

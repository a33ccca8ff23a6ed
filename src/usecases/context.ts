import type { Access, Clock, Ids } from '../ports';

/** What every use case is given: who acts (and what Jira lets them do), the time and an id source. */
export interface UseCaseContext {
  access: Access;
  clock: Clock;
  ids: Ids;
  /** Where a deal opens in Jira (the CRM project page's deal drawer), for links written into Jira. */
  dealUrl(projectKey: string, dealId: string): string;
}

/**
 * The deal's address in Jira: the project page of this app (`apps/<appId>/<environmentId>`, read from
 * the extension's localId) and the Deals subpage with the deal open.
 */
export function dealUrlBuilder(siteUrl: string | undefined, localId: string | undefined): (projectKey: string, dealId: string) => string {
  const match = /^ari:cloud:ecosystem::extension\/([^/]+)\/([^/]+)\//.exec(localId ?? '');
  const base = (siteUrl ?? '').replace(/\/$/, '');
  return (projectKey, dealId) =>
    match ? `${base}/jira/software/projects/${projectKey}/apps/${match[1]}/${match[2]}/deals/${encodeURIComponent(dealId)}` : `${base}/browse/${projectKey}`;
}

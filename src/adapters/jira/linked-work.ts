import api, { route } from '@forge/api';
import type { LinkedIssue } from '../../domain/health';
import { DEAL_PROPERTY, JiraBusy, JiraRefused } from './delivery';

/**
 * The open Jira work linked to companies, for their health: every issue whose `relay-deal` property
 * names one of the companies (JQL `relayCompanyId in (…)`, indexed by the `jira:entityProperty`
 * module) and is not done. Search lags behind writes, so the ids Relay knows changed (the issue of
 * an event) are passed as `reconcileIssues` and read as they are now.
 */
const PAGE = 100;
const MAX_PAGES = 20;

interface SearchIssue {
  id: string;
  fields: {
    duedate?: string | null;
    issuetype?: { name?: string };
    status?: { name?: string; statusCategory?: { key?: string } };
    issuelinks?: Array<{ type?: { name?: string }; outwardIssue?: { fields?: { status?: { statusCategory?: { key?: string } } } } }>;
  };
  properties?: Record<string, { companyId?: string } | undefined>;
}

const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;

export async function openLinkedIssues(companyIds: readonly string[], reconcileIds: readonly string[] = []): Promise<LinkedIssue[]> {
  if (companyIds.length === 0) return [];
  const jql = `relayCompanyId in (${companyIds.map(quoted).join(', ')}) AND statusCategory != Done ORDER BY created ASC`;
  const reconcile = reconcileIds.filter((id) => /^\d+$/.test(id)).slice(0, 50).map(Number);
  const issues: LinkedIssue[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        jql,
        fields: ['duedate', 'issuetype', 'status', 'issuelinks'],
        properties: [DEAL_PROPERTY],
        maxResults: PAGE,
        ...(reconcile.length > 0 ? { reconcileIssues: reconcile } : {}),
        ...(token ? { nextPageToken: token } : {}),
      }),
    });
    if (!response.ok) {
      const message = `Searching the companies' linked work: Jira answered ${response.status}`;
      if (response.status === 429 || response.status >= 500) throw new JiraBusy(response.status, Number(response.headers.get('retry-after')) || null, message);
      throw new JiraRefused(response.status, message);
    }
    const body = (await response.json()) as { issues?: SearchIssue[]; nextPageToken?: string; isLast?: boolean };
    for (const issue of body.issues ?? []) {
      const companyId = issue.properties?.[DEAL_PROPERTY]?.companyId;
      if (!companyId || !companyIds.includes(companyId)) continue;
      const blockedByOpen = (issue.fields.issuelinks ?? []).filter((link) => link.type?.name === 'Blocks' && link.outwardIssue && link.outwardIssue.fields?.status?.statusCategory?.key !== 'done').length;
      issues.push({
        companyId,
        done: issue.fields.status?.statusCategory?.key === 'done',
        duedate: issue.fields.duedate ?? null,
        issueType: issue.fields.issuetype?.name ?? '',
        statusName: issue.fields.status?.name ?? '',
        blockedByOpen,
      });
    }
    token = body.nextPageToken;
    if (!token || body.isLast) break;
  }
  return issues;
}

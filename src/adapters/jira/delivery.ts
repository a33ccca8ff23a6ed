import api, { route, type APIResponse } from '@forge/api';

/**
 * The Jira side of the hand-off, as the app (`asApp`): create the delivery issue with the deal's
 * entity property in the same request, find it again by that property (so a retried job adopts an
 * issue an earlier attempt created instead of creating a second), keep the property and the remote
 * link back to the deal current. Jira's refusals come back as two kinds of error: `JiraBusy`
 * (429 / 5xx: try again later, honouring Retry-After) and `JiraRefused` (4xx: needs a person).
 */
export const DEAL_PROPERTY = 'relay-deal';

export class JiraBusy extends Error {
  constructor(readonly status: number, readonly retryAfterSeconds: number | null, message: string) {
    super(message);
    this.name = 'JiraBusy';
  }
}

export class JiraRefused extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'JiraRefused';
  }
}

async function failure(response: APIResponse, what: string): Promise<Error> {
  let detail = '';
  try {
    const body = (await response.json()) as { errorMessages?: string[]; errors?: Record<string, string> };
    detail = [...(body.errorMessages ?? []), ...Object.entries(body.errors ?? {}).map(([k, v]) => `${k}: ${v}`)].join('; ');
  } catch {
    detail = response.statusText;
  }
  const message = `${what}: Jira answered ${response.status}${detail ? ` (${detail})` : ''}`;
  if (response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return new JiraBusy(response.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, message);
  }
  return new JiraRefused(response.status, message);
}

export interface DealProperty {
  dealId: string;
  dealName: string;
  companyId: string;
  companyName: string;
  amount: number;
  handoffState: string;
}

export interface NewIssue {
  projectKey: string;
  issueTypeName: string;
  summary: string;
  description: unknown;
  assigneeAccountId: string | null;
  labels: string[];
  duedate: string | null;
  parentKey?: string;
  property?: DealProperty;
}

export async function createIssue(issue: NewIssue): Promise<{ id: string; key: string }> {
  const fields: Record<string, unknown> = {
    project: { key: issue.projectKey },
    issuetype: { name: issue.issueTypeName },
    summary: issue.summary,
    description: issue.description,
    labels: issue.labels,
  };
  if (issue.assigneeAccountId) fields.assignee = { accountId: issue.assigneeAccountId };
  if (issue.duedate) fields.duedate = issue.duedate;
  if (issue.parentKey) fields.parent = { key: issue.parentKey };
  const response = await api.asApp().requestJira(route`/rest/api/3/issue`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ fields, ...(issue.property ? { properties: [{ key: DEAL_PROPERTY, value: issue.property }] } : {}) }),
  });
  if (!response.ok) throw await failure(response, 'Creating the delivery issue');
  const body = (await response.json()) as { id: string; key: string };
  return { id: String(body.id), key: body.key };
}

/** The issue an earlier attempt created for this deal, found by its entity property (indexed by the manifest's jira:entityProperty). */
export async function findIssueForDeal(dealId: string, parentKey?: string, summary?: string): Promise<{ id: string; key: string } | undefined> {
  const clauses = [`relayDealId = "${dealId.replace(/"/g, '')}"`];
  if (parentKey) clauses.push(`parent = ${parentKey}`);
  const response = await api.asApp().requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({ jql: `${clauses.join(' AND ')} ORDER BY created ASC`, fields: ['summary', 'parent'], maxResults: 50 }),
  });
  if (!response.ok) throw await failure(response, 'Looking for existing delivery work');
  const body = (await response.json()) as { issues: Array<{ id: string; key: string; fields: { summary?: string; parent?: unknown } }> };
  const found = body.issues.find((i) => (parentKey ? summary === undefined || i.fields.summary === summary : !i.fields.parent));
  return found ? { id: String(found.id), key: found.key } : undefined;
}

export async function setDealProperty(issueKey: string, value: DealProperty): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${DEAL_PROPERTY}`, {
    method: 'PUT',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
  });
  if (!response.ok && response.status !== 404) throw await failure(response, 'Updating the deal property');
}

export async function deleteDealProperty(issueKey: string): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/properties/${DEAL_PROPERTY}`, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw await failure(response, 'Removing the deal property');
}

/** Creates or updates (by globalId) the link on the issue back to the deal. */
export async function upsertDealLink(issueKey: string, link: { dealId: string; url: string; title: string; summary: string; resolved: boolean }): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/remotelink`, {
    method: 'POST',
    headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: JSON.stringify({
      globalId: `relay:deal:${link.dealId}`,
      application: { type: 'com.relay.crm', name: 'Relay CRM' },
      relationship: 'sold in deal',
      object: { url: link.url, title: link.title, summary: link.summary, status: { resolved: link.resolved } },
    }),
  });
  if (!response.ok) throw await failure(response, 'Linking the issue back to the deal');
}

export async function removeDealLink(issueKey: string, dealId: string): Promise<void> {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${issueKey}/remotelink?globalId=${`relay:deal:${dealId}`}`, { method: 'DELETE' });
  if (!response.ok && response.status !== 404) throw await failure(response, 'Removing the link to the deal');
}

export interface IssueFacts {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
}

/** An issue as the invoking user sees it (undefined when they cannot). */
export async function issueAsUser(issueKey: string): Promise<IssueFacts | undefined> {
  const response = await api.asUser().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,status,project`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw await failure(response, 'Reading the issue');
  const body = (await response.json()) as { id: string; key: string; fields: { summary: string; project: { key: string }; status: { statusCategory: { key: string } } } };
  const category = body.fields.status.statusCategory.key;
  return { id: String(body.id), key: body.key, projectKey: body.fields.project.key, summary: body.fields.summary, statusCategory: category === 'done' ? 'done' : category === 'indeterminate' ? 'indeterminate' : 'new' };
}

/** Whether the invoking user may edit the issue (Accept, link and unlink act on delivery's issue). */
export async function canEditIssue(issueKey: string): Promise<boolean> {
  const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?issueKey=${issueKey}&permissions=EDIT_ISSUES`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return false;
  const body = (await response.json()) as { permissions: Record<string, { havePermission?: boolean }> };
  return body.permissions.EDIT_ISSUES?.havePermission === true;
}

import api, { route, type APIResponse } from '@forge/api';
import { z } from 'zod';
import type { AttemptQuery, DealProperty, IssueFacts, NewIssue } from '../../ports/delivery';
import { JiraBusy } from '../../ports/failures';
import { JiraRefused } from '../../ports/failures';
import { MyPermissions } from './answers';
import { readJson } from './json';
import { jqlPages } from './jql-search';

/**
 * The Jira side of the hand-off. As the app (`asApp`): create delivery issues with the deal's entity
 * property in the same request, find an issue an earlier attempt created (only one Relay itself
 * created, for one of the deal's recorded attempt nonces, in the target project: anyone who can edit
 * an issue can write a property, so the property alone proves nothing), keep the remote link back to
 * the deal current. As the user: what they may do with an issue or in a project. Jira's refusals come
 * back as `JiraBusy` (429 / 5xx: try again later, honouring Retry-After) or `JiraRefused` (4xx: needs
 * a person; its field errors kept, e.g. `assignee`).
 */
export const DEAL_PROPERTY = 'relay-deal';

/** Jira's error body (ErrorCollection); an error answer that does not fit is described by its status text. */
const ErrorCollection = z.looseObject({ errorMessages: z.array(z.string()).optional(), errors: z.record(z.string(), z.string()).optional() });

async function failure(response: APIResponse, what: string): Promise<Error> {
  let detail = '';
  let fields: Record<string, string> = {};
  try {
    const body = ErrorCollection.parse(await response.json());
    fields = body.errors ?? {};
    detail = [...(body.errorMessages ?? []), ...Object.entries(fields).map(([k, v]) => `${k}: ${v}`)].join('; ');
  } catch {
    detail = response.statusText;
  }
  const message = `${what}: Jira answered ${response.status}${detail ? ` (${detail})` : ''}`;
  if (response.status === 429 || response.status >= 500) {
    const retryAfter = Number(response.headers.get('retry-after'));
    return new JiraBusy(response.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null, message);
  }
  return new JiraRefused(response.status, message, fields);
}

/**
 * Whether a failed request certainly created nothing: Jira refused it (4xx) or rate-limited it
 * (429). A 5xx, a timeout or a crash leaves that open.
 */
export function certainlyNotDone(error: unknown): boolean {
  return error instanceof JiraRefused || (error instanceof JiraBusy && error.status === 429);
}



/** Jira's answer to a create (CreatedIssue): the issue's id and key are always there. */
const CreatedIssue = z.looseObject({ id: z.string(), key: z.string() });

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
    body: JSON.stringify({ fields, properties: [{ key: DEAL_PROPERTY, value: issue.property }] }),
  });
  if (!response.ok) throw await failure(response, 'Creating the delivery issue');
  const body = await readJson(response, CreatedIssue, 'Creating the delivery issue');
  return { id: body.id, key: body.key };
}


/** A search hit as the attempt check reads it; Jira leaves out a parent the issue does not have. */
const FoundIssue = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z
    .looseObject({
      project: z.looseObject({ key: z.string().optional() }).nullish(),
      creator: z.looseObject({ accountType: z.string().optional() }).nullish(),
      parent: z.looseObject({ id: z.string().optional() }).nullish(),
    })
    .optional(),
  // Anyone who can edit an issue can write its properties: Relay's is read leniently below.
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** Relay's property on delivery work one of its attempts created; a property that does not fit is no such attempt. */
const AttemptProperty = z.looseObject({ dealId: z.string(), relation: z.literal('delivery'), attempt: z.string() });

const MAX_PAGES = 5;

/**
 * The issue an earlier attempt created, if search already shows it: created by the app itself
 * (`creator = currentUser()` as the app), in the target project, under the right parent, carrying
 * one of this deal's recorded attempt nonces. Search lags: not finding it proves nothing until the
 * settle window has passed (the caller decides).
 */
export async function findAttemptIssue(query: AttemptQuery): Promise<{ id: string; key: string } | undefined> {
  const quoted = (value: string) => `"${value.replace(/["\\]/g, '')}"`;
  const clauses = [`project = ${quoted(query.projectKey)}`, `relayDealId = ${quoted(query.dealId)}`, 'creator = currentUser()', query.parentId ? `parent = ${/^\d+$/.test(query.parentId) ? query.parentId : quoted(query.parentId)}` : 'parent is EMPTY'];
  const nonces = new Set(query.nonces);
  const what = 'Looking for delivery work an earlier attempt created';
  const pages = jqlPages({
    jql: `${clauses.join(' AND ')} ORDER BY created ASC`,
    fields: ['project', 'creator', 'parent'],
    properties: [DEAL_PROPERTY],
    pageSize: 50,
    maxPages: MAX_PAGES,
    reconcileIssues: query.knownIds.slice(0, 50).map(Number),
    issue: FoundIssue,
    what,
    refuse: (response) => failure(response, what),
  });
  for await (const page of pages) {
    const found = page.find((issue) => {
      const property = AttemptProperty.safeParse(issue.properties?.[DEAL_PROPERTY]).data;
      return (
        property?.dealId === query.dealId &&
        nonces.has(property.attempt) &&
        issue.fields?.creator?.accountType === 'app' &&
        issue.fields.project?.key === query.projectKey &&
        (query.parentId ? issue.fields.parent?.id === query.parentId : !issue.fields.parent)
      );
    });
    if (found) return { id: found.id, key: found.key };
  }
  return undefined;
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


/** The issue fields the hand-off panel shows; Jira always answers them when asked for. */
const IssueFactsAnswer = z.looseObject({
  id: z.string(),
  key: z.string(),
  fields: z.looseObject({
    summary: z.string(),
    project: z.looseObject({ key: z.string() }),
    status: z.looseObject({ statusCategory: z.looseObject({ key: z.string() }) }),
  }),
});

/** An issue as the invoking user sees it (undefined when they cannot). */
export async function issueAsUser(issueKey: string): Promise<IssueFacts | undefined> {
  const response = await api.asUser().requestJira(route`/rest/api/3/issue/${issueKey}?fields=summary,status,project`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return undefined;
  if (!response.ok) throw await failure(response, 'Reading the issue');
  const body = await readJson(response, IssueFactsAnswer, 'Reading the issue');
  const category = body.fields.status.statusCategory.key;
  return { id: body.id, key: body.key, projectKey: body.fields.project.key, summary: body.fields.summary, statusCategory: category === 'done' ? 'done' : category === 'indeterminate' ? 'indeterminate' : 'new' };
}

/** Whether the invoking user may edit the issue (Accept, link and unlink act on delivery's issue). */
export async function canEditIssue(issueKey: string): Promise<boolean> {
  const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?issueKey=${issueKey}&permissions=EDIT_ISSUES`, { headers: { Accept: 'application/json' } });
  if (!response.ok) return false;
  const body = await readJson(response, MyPermissions, 'Checking your permission to edit the issue');
  return body.permissions?.EDIT_ISSUES?.havePermission === true;
}

/** Whether the invoking user may create issues in a project (a project they cannot see: no). */
export async function canCreateIssuesIn(projectKey: string): Promise<boolean> {
  const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=CREATE_ISSUES`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return false;
  if (!response.ok) throw await failure(response, 'Checking your permission to create issues');
  const body = await readJson(response, MyPermissions, 'Checking your permission to create issues');
  return body.permissions?.CREATE_ISSUES?.havePermission === true;
}

const AssignableUsers = z.array(z.looseObject({ accountId: z.string().optional() }));

/** Whether Jira would assign a new issue in the project to this account, asked as the invoking user (Jira's assignable-user search). */
export async function isAssignableIn(projectKey: string, accountId: string): Promise<boolean> {
  const response = await api.asUser().requestJira(route`/rest/api/3/user/assignable/search?project=${projectKey}&accountId=${accountId}`, { headers: { Accept: 'application/json' } });
  if (response.status === 404) return false;
  if (!response.ok) throw await failure(response, 'Checking who can be assigned issues');
  const users = await readJson(response, AssignableUsers, 'Checking who can be assigned issues');
  return users.some((user) => user.accountId === accountId);
}

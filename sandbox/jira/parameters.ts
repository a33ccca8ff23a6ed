/**
 * The query parameters Jira Cloud documents for each route the sandbox serves (from the REST v3
 * reference, as jira.js's client sends them), split into those the sandbox implements as Jira does
 * and those it does not. A request naming one of the latter gets an explicit 400 that says so,
 * never a silent success; parameters Jira does not document are ignored, as Jira ignores them.
 */
import { badRequest } from './errors';

interface RouteParameters {
  implemented: string[];
  /** Documented by Atlassian, not emulated: answered with 400 naming the parameter. */
  notSupported: string[];
}

export const QUERY_PARAMETERS: Record<string, RouteParameters> = {
  'GET /myself': { implemented: [], notSupported: ['expand'] },
  'GET /user': { implemented: ['accountId'], notSupported: ['username', 'key', 'expand'] },
  'GET /users/search': { implemented: ['startAt', 'maxResults', 'query'], notSupported: ['expand'] },
  // sessionId only tunes Jira's ranking of the matches.
  'GET /user/assignable/search': { implemented: ['query', 'accountId', 'project', 'issueKey', 'issueId', 'startAt', 'maxResults', 'sessionId'], notSupported: ['actionDescriptorId', 'recommend', 'accountType', 'appType'] },
  'GET /user/assignable/multiProjectSearch': { implemented: ['query', 'accountId', 'projectKeys', 'startAt', 'maxResults'], notSupported: [] },
  // username and key are Jira Server's identifiers, gone from Cloud's privacy-safe API.
  'GET /user/bulk': { implemented: ['accountId', 'startAt', 'maxResults'], notSupported: ['username', 'key'] },
  'GET /user/permission/search': { implemented: ['permissions', 'projectKey', 'issueKey', 'query', 'accountId', 'startAt', 'maxResults'], notSupported: [] },
  'GET /project/search': {
    implemented: ['startAt', 'maxResults', 'orderBy', 'query', 'keys'],
    notSupported: ['id', 'typeKey', 'categoryId', 'action', 'expand', 'status', 'properties', 'propertyQuery'],
  },
  'GET /project/{id}': { implemented: [], notSupported: ['expand', 'properties'] },
  'GET /mypermissions': { implemented: ['projectKey', 'projectId', 'issueKey', 'issueId', 'permissions'], notSupported: ['projectUuid', 'projectConfigurationUuid', 'commentId'] },
  // updateHistory only adds the issue to the caller's "recently viewed" list, which nothing here shows.
  'POST /issue': { implemented: ['updateHistory'], notSupported: [] },
  'GET /issue/{id}': { implemented: ['fields', 'expand', 'properties', 'updateHistory'], notSupported: ['fieldsByKeys', 'failFast'] },
  // Notifications are not emulated: notifyUsers=false is what the sandbox always does, true is refused.
  'PUT /issue/{id}': { implemented: ['returnIssue', 'expand', 'notifyUsers'], notSupported: ['overrideScreenSecurity', 'overrideEditableFlag'] },
  'DELETE /issue/{id}': { implemented: ['deleteSubtasks'], notSupported: [] },
  'GET /issue/{id}/transitions': { implemented: ['transitionId'], notSupported: ['expand', 'skipRemoteOnlyCondition', 'includeUnavailableTransitions', 'sortByOpsBarAndStatus'] },
  'GET /issue/{id}/remotelink': { implemented: ['globalId'], notSupported: [] },
  'DELETE /issue/{id}/remotelink': { implemented: ['globalId'], notSupported: [] },
};

/** `expand` values of GET /issue the sandbox renders; the rest are refused by name. */
export const ISSUE_EXPANDS = { implemented: ['changelog', 'names'], notSupported: ['renderedFields', 'schema', 'operations', 'editmeta', 'versionedRepresentations', 'transitions'] };

export function notSupported(what: string): Error {
  return badRequest(`The sandbox does not support ${what}. It answers with this error rather than ignoring it (sandbox/jira/README.md).`);
}

export function checkQuery(routeName: string, query: URLSearchParams): void {
  const known = QUERY_PARAMETERS[routeName];
  if (!known) return;
  for (const name of new Set(query.keys())) {
    if (known.notSupported.includes(name)) throw notSupported(`the query parameter '${name}' on ${routeName}`);
  }
  if (routeName === 'PUT /issue/{id}' && query.get('notifyUsers') === 'true') throw notSupported(`notifyUsers=true on ${routeName} (notifications are not emulated)`);
}

/** Refuses `expand` values the sandbox does not render (GET /issue, PUT /issue?returnIssue=true). */
export function checkIssueExpand(expand: string[] | undefined): void {
  for (const value of expand ?? []) {
    if (!ISSUE_EXPANDS.implemented.includes(value)) throw notSupported(`expand=${value} on issues`);
  }
}

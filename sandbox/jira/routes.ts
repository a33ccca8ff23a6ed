/**
 * The REST routing table: method + path pattern → operation. Each route parses what Jira parses
 * (query parameters, JSON body) and answers with Jira's status codes; the operations live in
 * issues.ts, links.ts, search.ts and directory.ts.
 */
import type { ServiceResponse } from '../platform/types';
import { JiraHttpError, badRequest, errorBody } from './errors';
import { DASHBOARD_ROUTES } from './dashboards';
import { allIssueTypes, allStatuses, assignableInProjects, assignableUsers, bulkPermissions, bulkUsers, getProject, getUser, myPermissions, myself, projectStatuses, searchProjects, searchUsers, usersWithPermissions } from './directory';
import { createIssue, deleteIssue, editIssue, renderIssue, renderTransitions, transitionIssue } from './issues';
import {
  createIssueLink,
  deleteIssueLink,
  deleteProperty,
  deleteRemoteLink,
  getProperty,
  getRemoteLink,
  getRemoteLinks,
  propertyKeys,
  renderIssueLink,
  setProperty,
  updateRemoteLink,
  upsertRemoteLink,
} from './links';
import { checkIssueExpand } from './parameters';
import { approximateCount, searchJql } from './search';
import type { SearchRequest } from './search';
import type { JiraSite, OpContext } from './site';

export interface RouteRequest {
  site: JiraSite;
  ctx: OpContext;
  params: Record<string, string>;
  query: URLSearchParams;
  rawBody: string | undefined;
  /** The body parsed as JSON; a body that is not JSON is Jira's 400. */
  json(): unknown;
}

type Handler = (req: RouteRequest) => ServiceResponse;

interface Route {
  method: string;
  /** `METHOD /path` with `{id}` for each path parameter, as parameters.ts names routes. */
  name: string;
  pattern: RegExp;
  handler: Handler;
}

const ok = (body: unknown): ServiceResponse => ({ status: 200, body });
const noContent: ServiceResponse = { status: 204 };
const SEARCH_GONE =
  'The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046';

/** `a,b` or repeated parameters → list; undefined when absent. */
function listParam(query: URLSearchParams, name: string): string[] | undefined {
  const values = query.getAll(name);
  if (values.length === 0) return undefined;
  return values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);
}

function listField(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.split(',').map((v) => v.trim()).filter((v) => v.length > 0);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw badRequest('Expected a list of strings.');
}

function issueOptions(query: URLSearchParams) {
  const fields = listParam(query, 'fields');
  const expand = listParam(query, 'expand');
  const properties = listParam(query, 'properties');
  return { ...(fields ? { fields } : {}), ...(expand ? { expand } : {}), ...(properties ? { properties } : {}) };
}

/** `reconcileIssues`: issue ids (integers), as a JSON array in the body or repeated / comma-separated in the query. */
function reconcileIds(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v.length > 0) : value;
  const ids = Array.isArray(list) ? list.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v)) : undefined;
  if (!ids || !ids.every((id): id is number => typeof id === 'number' && Number.isSafeInteger(id) && id > 0)) throw badRequest('reconcileIssues must be a list of issue ids (integers).');
  return ids;
}

function searchFromQuery(query: URLSearchParams): SearchRequest {
  const max = query.get('maxResults');
  const reconcile = query.getAll('reconcileIssues');
  const token = query.get('nextPageToken');
  const fields = listParam(query, 'fields');
  const expand = listParam(query, 'expand');
  const properties = listParam(query, 'properties');
  return {
    jql: query.get('jql') ?? '',
    ...(max !== null ? { maxResults: Number(max) } : {}),
    ...(token ? { nextPageToken: token } : {}),
    ...(fields ? { fields } : {}),
    ...(expand ? { expand } : {}),
    ...(properties ? { properties } : {}),
    ...(reconcile.length > 0 ? { reconcileIssues: reconcileIds(reconcile.join(','))! } : {}),
  };
}

function searchFromBody(body: unknown): SearchRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  if (b.maxResults !== undefined && typeof b.maxResults !== 'number') throw badRequest('maxResults must be a number.');
  if (b.nextPageToken !== undefined && b.nextPageToken !== null && typeof b.nextPageToken !== 'string') throw badRequest('nextPageToken must be a string.');
  const fields = listField(b.fields);
  const expand = listField(b.expand);
  const properties = listField(b.properties);
  const reconcile = reconcileIds(b.reconcileIssues);
  return {
    jql: typeof b.jql === 'string' ? b.jql : '',
    ...(typeof b.maxResults === 'number' ? { maxResults: b.maxResults } : {}),
    ...(typeof b.nextPageToken === 'string' ? { nextPageToken: b.nextPageToken } : {}),
    ...(fields ? { fields } : {}),
    ...(expand ? { expand } : {}),
    ...(properties ? { properties } : {}),
    ...(reconcile ? { reconcileIssues: reconcile } : {}),
  };
}

const ISSUE = '(?<issue>[^/]+)';

function route(method: string, path: string, handler: Handler): Route {
  return { method, name: `${method} ${path.replace(/\(\?<[a-z]+>[^)]*\)/g, '{id}')}`, pattern: new RegExp(`^/rest/api/3${path}$`), handler };
}

export const ROUTES: Route[] = [
  route('GET', '/myself', ({ site, ctx }) => ok(myself(site, ctx))),
  route('GET', '/user', ({ site, ctx, query }) => ok(getUser(site, ctx, query))),
  route('GET', '/users/search', ({ site, ctx, query }) => ok(searchUsers(site, ctx, query))),
  route('GET', '/user/assignable/search', ({ site, ctx, query }) => ok(assignableUsers(site, ctx, query))),
  route('GET', '/user/assignable/multiProjectSearch', ({ site, ctx, query }) => ok(assignableInProjects(site, ctx, query))),
  route('GET', '/user/bulk', ({ site, ctx, query }) => ok(bulkUsers(site, ctx, query))),
  route('GET', '/user/permission/search', ({ site, ctx, query }) => ok(usersWithPermissions(site, ctx, query))),
  route('GET', '/project/search', ({ site, ctx, query }) => ok(searchProjects(site, ctx, query))),
  route('GET', '/project/(?<project>[^/]+)/statuses', ({ site, ctx, params }) => ok(projectStatuses(site, ctx, params.project!))),
  route('GET', '/project/(?<project>[^/]+)', ({ site, ctx, params }) => ok(getProject(site, ctx, params.project!))),
  route('GET', '/issuetype', ({ site }) => ok(allIssueTypes(site))),
  route('GET', '/status', ({ site }) => ok(allStatuses(site))),
  route('GET', '/statuscategory', ({ site }) => ok(site.render.allStatusCategories())),
  route('GET', '/mypermissions', ({ site, ctx, query }) => ok(myPermissions(site, ctx, query))),
  route('POST', '/permissions/check', ({ site, ctx, json }) => ok(bulkPermissions(site, ctx, json()))),

  route('POST', '/issue', ({ site, ctx, json }) => {
    const issue = createIssue(site, ctx, json());
    return { status: 201, body: { id: issue.id, key: issue.key, self: site.render.api(`/issue/${issue.id}`) } };
  }),
  route('GET', `/issue/${ISSUE}`, ({ site, ctx, params, query }) => {
    const options = issueOptions(query);
    checkIssueExpand(options.expand);
    return ok(renderIssue(site, site.visibleIssue(ctx, params.issue!), options));
  }),
  route('PUT', `/issue/${ISSUE}`, ({ site, ctx, params, query, json }) => {
    const issue = site.visibleIssue(ctx, params.issue!);
    const expand = listParam(query, 'expand');
    if (query.get('returnIssue') === 'true') checkIssueExpand(expand);
    editIssue(site, ctx, issue, json());
    // returnIssue=true answers 200 with the edited issue (fields as stored, expands as asked) instead of 204.
    return query.get('returnIssue') === 'true' ? ok(renderIssue(site, issue, expand ? { expand } : {})) : noContent;
  }),
  route('DELETE', `/issue/${ISSUE}`, ({ site, ctx, params, query }) => {
    deleteIssue(site, ctx, site.visibleIssue(ctx, params.issue!), query.get('deleteSubtasks') === 'true');
    return noContent;
  }),
  route('GET', `/issue/${ISSUE}/transitions`, ({ site, ctx, params, query }) => ok(renderTransitions(site, site.visibleIssue(ctx, params.issue!), query.get('transitionId') ?? undefined))),
  route('POST', `/issue/${ISSUE}/transitions`, ({ site, ctx, params, json }) => {
    transitionIssue(site, ctx, site.visibleIssue(ctx, params.issue!), json());
    return noContent;
  }),

  route('GET', `/issue/${ISSUE}/remotelink`, ({ site, ctx, params, query }) => ok(getRemoteLinks(site, site.visibleIssue(ctx, params.issue!), query.get('globalId')))),
  route('POST', `/issue/${ISSUE}/remotelink`, ({ site, ctx, params, json }) => {
    const { created, link } = upsertRemoteLink(site, ctx, site.visibleIssue(ctx, params.issue!), json());
    return { status: created ? 201 : 200, body: link };
  }),
  route('DELETE', `/issue/${ISSUE}/remotelink`, ({ site, ctx, params, query }) => {
    const globalId = query.get('globalId');
    if (!globalId) throw badRequest("The query parameter 'globalId' is required.");
    deleteRemoteLink(site, ctx, site.visibleIssue(ctx, params.issue!), { globalId });
    return noContent;
  }),
  route('GET', `/issue/${ISSUE}/remotelink/(?<link>\\d+)`, ({ site, ctx, params }) => ok(getRemoteLink(site, site.visibleIssue(ctx, params.issue!), params.link!))),
  route('PUT', `/issue/${ISSUE}/remotelink/(?<link>\\d+)`, ({ site, ctx, params, json }) => {
    updateRemoteLink(site, ctx, site.visibleIssue(ctx, params.issue!), params.link!, json());
    return noContent;
  }),
  route('DELETE', `/issue/${ISSUE}/remotelink/(?<link>\\d+)`, ({ site, ctx, params }) => {
    deleteRemoteLink(site, ctx, site.visibleIssue(ctx, params.issue!), { linkId: params.link! });
    return noContent;
  }),

  route('GET', `/issue/${ISSUE}/properties`, ({ site, ctx, params }) => ok(propertyKeys(site, site.visibleIssue(ctx, params.issue!)))),
  route('GET', `/issue/${ISSUE}/properties/(?<key>[^/]+)`, ({ site, ctx, params }) => ok(getProperty(site.visibleIssue(ctx, params.issue!), params.key!))),
  route('PUT', `/issue/${ISSUE}/properties/(?<key>[^/]+)`, ({ site, ctx, params, rawBody }) => {
    const created = setProperty(site, ctx, site.visibleIssue(ctx, params.issue!), params.key!, rawBody);
    return { status: created ? 201 : 200 };
  }),
  route('DELETE', `/issue/${ISSUE}/properties/(?<key>[^/]+)`, ({ site, ctx, params }) => {
    deleteProperty(site, ctx, site.visibleIssue(ctx, params.issue!), params.key!);
    return noContent;
  }),

  route('POST', '/issueLink', ({ site, ctx, json }) => {
    const id = createIssueLink(site, ctx, json());
    return { status: 201, headers: { location: site.render.api(`/issueLink/${id}`) } };
  }),
  route('GET', '/issueLink/(?<link>\\d+)', ({ site, ctx, params }) => ok(renderIssueLink(site, ctx, params.link!))),
  route('DELETE', '/issueLink/(?<link>\\d+)', ({ site, ctx, params }) => {
    deleteIssueLink(site, ctx, params.link!);
    return noContent;
  }),

  route('GET', '/search/jql', ({ site, ctx, query }) => ok(searchJql(site, ctx, searchFromQuery(query)))),
  route('POST', '/search/jql', ({ site, ctx, json }) => ok(searchJql(site, ctx, searchFromBody(json())))),
  route('POST', '/search/approximate-count', ({ site, ctx, json }) => ok(approximateCount(site, ctx, (json() as { jql?: unknown } | null)?.jql))),
  route('GET', '/search', () => ({ status: 410, body: errorBody([SEARCH_GONE]) })),
  route('POST', '/search', () => ({ status: 410, body: errorBody([SEARCH_GONE]) })),
  ...DASHBOARD_ROUTES.map(([method, path, handler]) => route(method, path, handler)),
];

/** Finds the route for a request: 404 for an unknown path, 405 for a known path with another method. */
export function findRoute(method: string, pathname: string): { route: Route; params: Record<string, string> } {
  let pathKnown = false;
  for (const candidate of ROUTES) {
    const match = candidate.pattern.exec(pathname);
    if (!match) continue;
    pathKnown = true;
    if (candidate.method !== method) continue;
    const params = Object.fromEntries(Object.entries(match.groups ?? {}).map(([k, v]) => [k, decodeURIComponent(v)]));
    return { route: candidate, params };
  }
  if (pathKnown) throw new JiraHttpError(405, errorBody([`The method ${method} is not allowed for ${pathname}.`]));
  throw new JiraHttpError(404, errorBody([`null for uri: ${pathname}`]));
}

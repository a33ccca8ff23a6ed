/**
 * The read-only parts of the site apps look things up in: users, projects, statuses, issue types,
 * and the caller's own permissions (`/mypermissions`, which Relay uses for its access checks).
 */
import { JiraHttpError, badRequest, errorBody } from './errors';
import type { PermissionInfo, StoredIssueType, StoredProject, StoredStatus, StoredUser } from './model';
import { APP_PERMISSION_PATTERN, BUILT_IN_PERMISSIONS } from './model';
import { notSupported } from './parameters';
import type { JiraSite, OpContext } from './site';

/** The assignable-user searches look at the first thousand matching users only (documented). */
const MAX_USERS_SCANNED = 1000;

function page<T>(items: T[], query: URLSearchParams, defaultMax = 50): { startAt: number; maxResults: number; slice: T[] } {
  const startAt = Math.max(0, Number(query.get('startAt') ?? 0) || 0);
  const maxResults = Math.max(0, Math.min(Number(query.get('maxResults') ?? defaultMax) || defaultMax, 1000));
  return { startAt, maxResults, slice: items.slice(startAt, startAt + maxResults) };
}

// ------------------------------------------------------------------ users

export function myself(site: JiraSite, ctx: OpContext): Record<string, unknown> {
  const user = site.user(ctx.actor.accountId);
  return { ...site.render.user(user, true), groups: { size: 0, items: [] }, applicationRoles: { size: 1, items: [] } };
}

export function getUser(site: JiraSite, ctx: OpContext, query: URLSearchParams): Record<string, unknown> {
  const accountId = query.get('accountId');
  if (!accountId) throw badRequest("The query parameter 'accountId' is required.");
  const user = site.user(accountId);
  return site.render.user(user, accountId === ctx.actor.accountId);
}

/** GET /users/search: every user (active and app accounts included), paged by startAt/maxResults. */
export function searchUsers(site: JiraSite, ctx: OpContext, query: URLSearchParams): Array<Record<string, unknown>> {
  const text = (query.get('query') ?? '').toLowerCase();
  const users = Object.values(site.state.users).filter((u) => !text || u.displayName.toLowerCase().includes(text) || (u.emailAddress ?? '').toLowerCase().startsWith(text));
  return page(users, query).slice.map((u) => site.render.user(u, u.accountId === ctx.actor.accountId));
}

/** A user matches `query` by a prefix of their display name (or one of its words) or of their e-mail. */
function matchesQuery(user: StoredUser, text: string): boolean {
  if (text === '') return true;
  const name = user.displayName.toLowerCase();
  return name.startsWith(text) || name.split(/\s+/).some((word) => word.startsWith(text)) || (user.emailAddress ?? '').toLowerCase().startsWith(text);
}

/**
 * Candidates for the assignable-user searches: users matching `query` and/or `accountId` (one of the
 * two is required), the `startAt`/`maxResults` range taken first, up to the thousandth user, and only
 * then the ones who can be assigned kept, so a page often holds fewer than `maxResults` (as documented).
 */
function assignableCandidates(site: JiraSite, query: URLSearchParams, assignable: (user: StoredUser) => boolean): StoredUser[] {
  const text = query.get('query');
  const accountId = query.get('accountId');
  if (text === null && !accountId) throw badRequest("The 'query' or 'accountId' query parameter is required.");
  const matching = Object.values(site.state.users)
    .filter((u) => (accountId ? u.accountId === accountId : true) && (text === null || matchesQuery(u, text.trim().toLowerCase())))
    .slice(0, MAX_USERS_SCANNED);
  return page(matching, query).slice.filter(assignable);
}

/**
 * GET /user/assignable/search?project=|issueKey=|issueId=: who can be assigned a new issue in the
 * project (or the given issue). The project or issue must be visible to the caller (404 otherwise).
 */
export function assignableUsers(site: JiraSite, ctx: OpContext, query: URLSearchParams): Array<Record<string, unknown>> {
  const projectRef = query.get('project');
  const issueRef = query.get('issueKey') ?? query.get('issueId');
  if (!projectRef && !issueRef) throw badRequest("The 'project', 'issueKey' or 'issueId' query parameter is required.");
  const project = issueRef ? site.projectOf(site.visibleIssue(ctx, issueRef)) : site.visibleProject(ctx, projectRef!);
  return assignableCandidates(site, query, (u) => site.isAssignable(u.accountId, project)).map((u) => site.render.user(u, u.accountId === ctx.actor.accountId));
}

/** GET /user/assignable/multiProjectSearch?projectKeys=A,B: users who can be assigned issues in every one of the projects. */
export function assignableInProjects(site: JiraSite, ctx: OpContext, query: URLSearchParams): Array<Record<string, unknown>> {
  const keys = query.getAll('projectKeys').flatMap((k) => k.split(',')).map((k) => k.trim()).filter((k) => k.length > 0);
  if (keys.length === 0) throw badRequest("The 'projectKeys' query parameter is required.");
  const projects = keys.map((key) => site.visibleProject(ctx, key));
  return assignableCandidates(site, query, (u) => projects.every((p) => site.isAssignable(u.accountId, p))).map((u) => site.render.user(u, u.accountId === ctx.actor.accountId));
}

/** How many account ids one `GET /user/bulk` takes (assumed: Jira documents no number; 90 is what clients observe). */
export const USER_BULK_MAX_IDS = 90;

/**
 * GET /user/bulk?accountId=A&accountId=B: the named users as a page (`PageBeanUser`). maxResults
 * defaults to 10, as Jira's does, so a caller that forgets it gets a short page; unknown ids are
 * left out without an error; email addresses only for the caller.
 */
export function bulkUsers(site: JiraSite, ctx: OpContext, query: URLSearchParams): Record<string, unknown> {
  const ids = query.getAll('accountId').map((id) => id.trim()).filter((id) => id.length > 0);
  if (ids.length === 0) throw badRequest("The query parameter 'accountId' is required.");
  if (ids.length > USER_BULK_MAX_IDS) throw badRequest(`At most ${USER_BULK_MAX_IDS} account ids can be requested at once.`);
  const users = [...new Set(ids)].map((id) => site.state.users[id]).filter((u): u is NonNullable<typeof u> => u !== undefined);
  const { startAt, maxResults, slice } = page(users, query, 10);
  const isLast = startAt + slice.length >= users.length;
  const params = ids.map((id) => `accountId=${encodeURIComponent(id)}`).join('&');
  return {
    self: site.render.api(`/user/bulk?startAt=${startAt}&maxResults=${maxResults}&${params}`),
    ...(isLast ? {} : { nextPage: site.render.api(`/user/bulk?startAt=${startAt + slice.length}&maxResults=${maxResults}&${params}`) }),
    maxResults,
    startAt,
    total: users.length,
    isLast,
    values: slice.map((u) => site.render.user(u, u.accountId === ctx.actor.accountId)),
  };
}

/**
 * GET /user/permission/search?permissions=A,B&projectKey=K (or issueKey): the users holding every
 * listed permission there. Jira answers only to Jira admins (any project) and to the project's
 * admins (Administer projects there); everyone else gets 403, as documented.
 */
export function usersWithPermissions(site: JiraSite, ctx: OpContext, query: URLSearchParams): Array<Record<string, unknown>> {
  const keys = (query.get('permissions') ?? '').split(',').map((k) => k.trim()).filter((k) => k.length > 0);
  if (keys.length === 0) throw badRequest("The 'permissions' query parameter is required.");
  const unknown = keys.filter((key) => permissionInfo(site, key) === undefined);
  if (unknown.length > 0) throw new JiraHttpError(400, errorBody([`Unrecognized permission keys: ${unknown.join(', ')}.`]));
  const projectRef = query.get('projectKey');
  const issueRef = query.get('issueKey');
  if (!projectRef && !issueRef) throw badRequest('Either projectKey or issueKey must be provided.');
  const project = issueRef ? site.projectOf(site.visibleIssue(ctx, issueRef)) : site.visibleProject(ctx, projectRef!);
  const allowed = !ctx.checkPermissions || ctx.actor.isApp || site.isSiteAdmin(ctx.actor.accountId) || site.hasProjectPermission(ctx.actor, project, 'ADMINISTER_PROJECTS');
  if (!allowed) throw new JiraHttpError(403, errorBody(['You do not have permission to view users with these permissions in this project.']));
  const text = (query.get('query') ?? '').toLowerCase();
  const accountId = query.get('accountId');
  const holders = Object.values(site.state.users)
    .filter((u) => u.active && keys.every((key) => site.hasProjectPermission(site.actorFor(u.accountId), project, key)))
    .filter((u) => (!text || u.displayName.toLowerCase().includes(text)) && (!accountId || u.accountId === accountId));
  return page(holders, query).slice.map((u) => site.render.user(u, u.accountId === ctx.actor.accountId));
}

// ------------------------------------------------------------------ projects

function statusesOf(site: JiraSite, project: StoredProject): StoredStatus[] {
  return project.statusIds.map((id) => site.state.statuses[id]).filter((s): s is StoredStatus => s !== undefined);
}

function issueTypesOf(site: JiraSite, project: StoredProject): StoredIssueType[] {
  return project.issueTypeIds.map((id) => site.state.issueTypes[id]).filter((t): t is StoredIssueType => t !== undefined);
}

export function getProject(site: JiraSite, ctx: OpContext, idOrKey: string): Record<string, unknown> {
  const project = site.visibleProject(ctx, idOrKey);
  const lead = site.state.users[project.leadAccountId];
  return {
    expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
    ...site.render.projectRef(project),
    description: project.description,
    ...(lead ? { lead: site.render.user(lead) } : {}),
    components: [],
    issueTypes: issueTypesOf(site, project).map((t) => site.render.issueType(t)),
    assigneeType: 'UNASSIGNED',
    versions: [],
    roles: {},
    style: 'classic',
    isPrivate: false,
    properties: {},
  };
}

/** `orderBy` of /project/search: name, key or id, `-` for descending (Jira's default is key). */
function projectOrder(orderBy: string | null): (a: StoredProject, b: StoredProject) => number {
  const raw = orderBy ?? 'key';
  const descending = raw.startsWith('-');
  const field = raw.replace(/^[+-]/, '');
  const compare: Record<string, (a: StoredProject, b: StoredProject) => number> = {
    key: (a, b) => a.key.localeCompare(b.key),
    name: (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.key.localeCompare(b.key),
    id: (a, b) => Number(a.id) - Number(b.id),
  };
  const chosen = compare[field];
  if (!chosen) {
    if (['category', 'issueCount', 'owner', 'lastIssueUpdatedDate', 'archivedDate', 'deletedDate'].includes(field)) throw notSupported(`orderBy=${raw} on GET /project/search`);
    throw badRequest(`Invalid orderBy value: '${raw}'.`);
  }
  return descending ? (a, b) => chosen(b, a) : chosen;
}

/** GET /project/search: visible projects (by key, or as `orderBy` says), paged (startAt, maxResults, total, isLast, values). */
export function searchProjects(site: JiraSite, ctx: OpContext, query: URLSearchParams): Record<string, unknown> {
  const text = (query.get('query') ?? '').toLowerCase();
  const keys = query.getAll('keys').flatMap((k) => k.split(',')).filter((k) => k.length > 0).map((k) => k.toUpperCase());
  const visible = Object.values(site.state.projects)
    .filter((p) => !ctx.checkPermissions || site.canBrowse(ctx.actor, p))
    .filter((p) => !text || p.key.toLowerCase().includes(text) || p.name.toLowerCase().includes(text))
    .filter((p) => keys.length === 0 || keys.includes(p.key))
    .sort(projectOrder(query.get('orderBy')));
  const { startAt, maxResults, slice } = page(visible, query);
  const isLast = startAt + slice.length >= visible.length;
  return {
    self: site.render.api(`/project/search?startAt=${startAt}&maxResults=${maxResults}`),
    ...(isLast ? {} : { nextPage: site.render.api(`/project/search?startAt=${startAt + slice.length}&maxResults=${maxResults}`) }),
    maxResults,
    startAt,
    total: visible.length,
    isLast,
    values: slice.map((p) => site.render.projectRef(p)),
  };
}

export function projectStatuses(site: JiraSite, ctx: OpContext, idOrKey: string): Array<Record<string, unknown>> {
  const project = site.visibleProject(ctx, idOrKey);
  const statuses = statusesOf(site, project).map((s) => site.render.status(s));
  return issueTypesOf(site, project).map((t) => ({ self: site.render.api(`/issuetype/${t.id}`), id: t.id, name: t.name, subtask: t.subtask, statuses }));
}

export function allIssueTypes(site: JiraSite): Array<Record<string, unknown>> {
  return Object.values(site.state.issueTypes).map((t) => site.render.issueType(t));
}

export function allStatuses(site: JiraSite): Array<Record<string, unknown>> {
  return Object.values(site.state.statuses).map((s) => site.render.status(s));
}

// ------------------------------------------------------------------ permissions

/**
 * GET /mypermissions?permissions=A,B[&projectKey|projectId|issueKey|issueId]. Without a project or
 * issue, a project permission is held when it is held in any project (Jira's documented behaviour).
 */
export function myPermissions(site: JiraSite, ctx: OpContext, query: URLSearchParams): Record<string, unknown> {
  const keys = (query.get('permissions') ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
  if (keys.length === 0) throw badRequest("The 'permissions' query parameter is required.");
  const infos = keys.map((key) => permissionInfo(site, key));
  const unknown = keys.filter((_, i) => infos[i] === undefined);
  if (unknown.length > 0) throw new JiraHttpError(400, errorBody([`Unrecognized permission keys: ${unknown.join(', ')}.`]));

  const projectRef = query.get('projectKey') ?? query.get('projectId');
  const issueRef = query.get('issueKey') ?? query.get('issueId');
  let projects: StoredProject[];
  if (issueRef) projects = [site.projectOf(site.visibleIssue(ctx, issueRef))];
  else if (projectRef) projects = [site.visibleProject(ctx, projectRef)];
  else projects = Object.values(site.state.projects);

  const permissions: Record<string, unknown> = {};
  for (const info of infos as PermissionInfo[]) {
    let have: boolean;
    if (ctx.actor.isApp) have = true;
    else if (info.type === 'GLOBAL') have = info.key === 'USER_PICKER' || ((info.key === 'ADMINISTER' || info.key === 'SYSTEM_ADMIN') && site.isSiteAdmin(ctx.actor.accountId));
    else have = projects.some((p) => site.hasProjectPermission(ctx.actor, p, info.key));
    permissions[info.key] = { ...info, havePermission: have };
  }
  return { permissions };
}

/**
 * POST /permissions/check (Jira's "Get bulk permissions"): which of the given projects grant each
 * project permission, and which global permissions are held. Without `accountId` it answers for
 * the caller; asking about someone else needs Administer Jira (403 otherwise), as Jira documents.
 * Every requested project permission gets an entry, with the ids of the projects that grant it
 * (projects the user cannot see simply do not appear).
 */
export function bulkPermissions(site: JiraSite, ctx: OpContext, body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw badRequest('The request body must be a JSON object.');
  const request = body as { accountId?: unknown; globalPermissions?: unknown; projectPermissions?: unknown };
  const strings = (value: unknown, what: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw badRequest(`'${what}' must be a list of permission keys.`);
    return value as string[];
  };
  let subject = ctx.actor;
  if (request.accountId !== undefined) {
    if (typeof request.accountId !== 'string') throw badRequest("'accountId' must be a string.");
    if (request.accountId !== ctx.actor.accountId && !ctx.actor.isApp && !site.isSiteAdmin(ctx.actor.accountId)) {
      throw new JiraHttpError(403, errorBody(['You need the Administer Jira global permission to check the permissions of other users.']));
    }
    subject = { ...ctx.actor, accountId: site.user(request.accountId).accountId, isApp: false };
  }
  const globals = strings(request.globalPermissions, 'globalPermissions');
  const groups = request.projectPermissions ?? [];
  if (!Array.isArray(groups)) throw badRequest("'projectPermissions' must be a list.");
  const unknown = [...globals, ...groups.flatMap((g: { permissions?: unknown }) => strings(g?.permissions, 'projectPermissions.permissions'))].filter((key) => permissionInfo(site, key) === undefined);
  if (unknown.length > 0) throw new JiraHttpError(400, errorBody([`Unrecognized permission keys: ${[...new Set(unknown)].join(', ')}.`]));

  const projectPermissions = groups.flatMap((group: { permissions?: unknown; projects?: unknown; issues?: unknown }) => {
    // Jira also answers per issue; Relay asks per project, and the sandbox says so rather than answer `issues: []`.
    if (group.issues !== undefined && !(Array.isArray(group.issues) && group.issues.length === 0)) throw notSupported("'issues' in projectPermissions of POST /permissions/check");
    const ids = group.projects === undefined ? [] : group.projects;
    if (!Array.isArray(ids) || !ids.every((id) => Number.isInteger(id) || (typeof id === 'string' && /^\d+$/.test(id)))) throw badRequest("'projects' must be a list of project ids.");
    const wanted = new Set(ids.map((id) => String(Number(id))));
    const projects = Object.values(site.state.projects).filter((p) => wanted.has(p.id));
    return strings(group.permissions, 'projectPermissions.permissions').map((permission) => ({
      permission,
      issues: [],
      projects: projects.filter((p) => subject.isApp || site.hasProjectPermission(subject, p, permission)).map((p) => Number(p.id)),
    }));
  });
  const globalPermissions = globals.filter((key) => subject.isApp || ((key === 'ADMINISTER' || key === 'SYSTEM_ADMIN') && site.isSiteAdmin(subject.accountId)) || key === 'USER_PICKER');
  return { globalPermissions, projectPermissions };
}

function permissionInfo(site: JiraSite, key: string): PermissionInfo | undefined {
  const builtIn = BUILT_IN_PERMISSIONS.find((p) => p.key === key);
  if (builtIn) return builtIn;
  if (!APP_PERMISSION_PATTERN.test(key)) return undefined;
  const named = site.state.appPermissions[key];
  const shortKey = key.slice(key.lastIndexOf('/') + 1);
  return { id: key, key, name: named?.name ?? shortKey, type: 'PROJECT', description: named?.description ?? '' };
}

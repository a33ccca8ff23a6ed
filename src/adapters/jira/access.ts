import api, { route } from '@forge/api';
import { z } from 'zod';
import type { Access, Capability, Person, ProjectRef } from '../../ports';
import { MyPermissions } from './answers';
import { readJson } from './json';

/** The Jira permission key behind each capability; the app's own one is built from the invocation's localId. */
function permissionKeys(editKey: string): Record<Capability, string> {
  return { browse: 'BROWSE_PROJECTS', edit: editKey, admin: 'ADMINISTER_PROJECTS' };
}

/**
 * A `jira:projectPermission` is known to Jira by the module's extension ARI. Every extension of the
 * app shares the app and environment part of its localId, so the key is that prefix plus the
 * module key from manifest.yml.
 */
export function appPermissionKey(localId: string | undefined, moduleKey = 'edit-crm-records'): string {
  const match = /^(ari:cloud:ecosystem::extension\/[^/]+\/[^/]+\/static)\//.exec(localId ?? '');
  if (!match) throw new Error('The invocation context has no extension localId to derive the app permission from');
  return `${match[1]}/${moduleKey}`;
}

/** A project as Relay names it; Jira's model marks every field optional, yet a project it answers always has these. */
const JiraProject = z.looseObject({ id: z.string(), key: z.string(), name: z.string() });

/**
 * Access for one invocation, asked of Jira as the invoking user (`asUser`), so Jira's own
 * permission scheme decides: a project the user cannot browse answers 404 and stays invisible.
 */
/** One answer per argument for the life of the invocation: the first call asks Jira, later ones share it. */
function perInvocation<T>(load: (arg: string) => Promise<T>): (arg: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (arg) => {
    let cached = cache.get(arg);
    if (!cached) {
      cached = load(arg);
      cache.set(arg, cached);
    }
    return cached;
  };
}

/** The parts of Jira's user a screen shows, checked at the boundary (Jira adds fields over time). */
const JiraUser = z.looseObject({
  accountId: z.string(),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  active: z.boolean().optional(),
  avatarUrls: z.record(z.string(), z.string()).optional(),
});
// Jira's PageBeanUser: `values` may be left out of an empty page.
const UserPage = z.looseObject({ values: z.array(JiraUser).optional(), isLast: z.boolean().optional() });

/** `POST /rest/api/3/permissions/check` (BulkPermissionGrants), the parts the bulk check reads. */
const BulkGrants = z.looseObject({
  projectPermissions: z.array(z.looseObject({ permission: z.string().optional(), projects: z.array(z.number()).optional() })).optional(),
});

/** How many account ids one user/bulk request carries (Jira's observed cap). */
const BULK_IDS = 90;

function personOf(user: z.infer<typeof JiraUser>): Person {
  return { accountId: user.accountId, displayName: user.displayName ?? '', avatarUrl: user.avatarUrls?.['48x48'] ?? null, active: user.active ?? true };
}

/**
 * People by account id for one invocation: ids not asked yet go to Jira together (one user/bulk
 * request per 90), ids already asked are answered from the invocation's memory, so a screen's
 * owners, actors and task owners cost one Jira request however many records name them.
 */
function peopleDirectory(asUser: (path: ReturnType<typeof route>) => ReturnType<ReturnType<typeof api.asUser>['requestJira']>): (accountIds: readonly string[]) => Promise<Map<string, Person>> {
  const known = new Map<string, Promise<Person | undefined>>();
  const fetchBatch = async (ids: string[]): Promise<Map<string, Person>> => {
    const query = new URLSearchParams();
    for (const id of ids) query.append('accountId', id);
    const response = await asUser(route`/rest/api/3/user/bulk?${query}&maxResults=${ids.length}`);
    if (!response.ok) throw new Error(`Jira answered ${response.status} to a user lookup`);
    const page = await readJson(response, UserPage, 'A user lookup');
    return new Map((page.values ?? []).map((u) => [u.accountId, personOf(u)]));
  };
  return async (accountIds) => {
    // No Jira account id is blank, and Jira refuses a lookup of one (400): such ids are simply unknown.
    const fresh = [...new Set(accountIds)].filter((id) => id.trim() !== '' && !known.has(id));
    for (let at = 0; at < fresh.length; at += BULK_IDS) {
      const batch = fresh.slice(at, at + BULK_IDS);
      const answer = fetchBatch(batch);
      for (const id of batch) known.set(id, answer.then((found) => found.get(id)));
    }
    const entries = await Promise.all(accountIds.map(async (id) => [id, await known.get(id)] as const));
    return new Map(entries.filter((e): e is readonly [string, Person] => e[1] !== undefined));
  };
}

export function jiraAccess(accountId: string, localId: string | undefined): Access {
  const keys = permissionKeys(appPermissionKey(localId));
  const asUser = (path: ReturnType<typeof route>) => api.asUser().requestJira(path, { headers: { Accept: 'application/json' } });

  const loadProject = perInvocation(async (idOrKey): Promise<ProjectRef | undefined> => {
    const response = await asUser(route`/rest/api/3/project/${idOrKey}`);
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Jira answered ${response.status} for a project lookup`);
    const body = await readJson(response, JiraProject, 'A project lookup');
    return { id: body.id, key: body.key, name: body.name };
  });

  const loadPermissions = perInvocation(async (projectId): Promise<Record<string, boolean>> => {
    const response = await asUser(route`/rest/api/3/mypermissions?projectId=${projectId}&permissions=${Object.values(keys).join(',')}`);
    // Jira answers 404 for a project the user cannot see: no permission at all there.
    if (response.status === 404) return {};
    if (!response.ok) throw new Error(`Jira answered ${response.status} for a permission check`);
    const body = await readJson(response, MyPermissions, 'A permission check');
    return Object.fromEntries(Object.entries(body.permissions ?? {}).map(([key, value]) => [key, value.havePermission === true]));
  });

  const loadAnywhere = perInvocation(async (permission): Promise<boolean> => {
    // Without a project, mypermissions answers whether the user has the permission in any project.
    const response = await asUser(route`/rest/api/3/mypermissions?permissions=${permission}`);
    if (!response.ok) throw new Error(`Jira answered ${response.status} for a permission check`);
    const body = await readJson(response, MyPermissions, 'A permission check');
    return body.permissions?.[permission]?.havePermission === true;
  });

  const loadAdmins = perInvocation(async (projectKey): Promise<Person[]> => {
    // Only Jira admins and the project's own admins may ask Jira who administers a project, so the
    // app asks (callers check first that the user can browse the project).
    const response = await api.asApp().requestJira(route`/rest/api/3/user/permission/search?permissions=ADMINISTER_PROJECTS&projectKey=${projectKey}&maxResults=${50}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(`Jira answered ${response.status} to a permission holders lookup`);
    const users = await readJson(response, z.array(JiraUser), 'A permission holders lookup');
    return users.filter((u) => (u.accountType ?? 'atlassian') === 'atlassian' && u.active !== false).map(personOf);
  });

  // Jira's bulk permission check, as the user: one request for any number of projects.
  const loadGranted = perInvocation(async (joined): Promise<{ browse: string[]; edit: string[] }> => {
    const projects = joined.split(',').filter((id) => /^\d+$/.test(id)).map(Number);
    if (projects.length === 0) return { browse: [], edit: [] };
    const response = await api.asUser().requestJira(route`/rest/api/3/permissions/check`, {
      method: 'POST',
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify({ projectPermissions: [{ permissions: [keys.browse, keys.edit], projects }] }),
    });
    if (!response.ok) throw new Error(`Jira answered ${response.status} for a bulk permission check`);
    const body = await readJson(response, BulkGrants, 'A bulk permission check');
    const granted = (key: string) => (body.projectPermissions ?? []).filter((p) => p.permission === key).flatMap((p) => (p.projects ?? []).map(String));
    return { browse: granted(keys.browse), edit: granted(keys.edit) };
  });

  return {
    accountId,
    people: peopleDirectory(asUser),
    projectAdmins: loadAdmins,
    grantedAmong: (projectIds) => loadGranted([...new Set(projectIds)].sort().join(',')),
    projectByKey: loadProject,
    projectById: loadProject,
    async can(projectId, capability) {
      const granted = await loadPermissions(projectId);
      return granted[keys[capability]] === true;
    },
    canEditAnywhere: () => loadAnywhere(keys.edit),
    canBrowseAnywhere: () => loadAnywhere(keys.browse),
    isSiteAdmin: () => loadAnywhere('ADMINISTER'),
  };
}

import api, { route } from '@forge/api';
import type { Access, Capability, ProjectRef } from '../../ports';

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

interface JiraProject {
  id: string;
  key: string;
  name: string;
}

/**
 * Access for one invocation, asked of Jira as the invoking user (`asUser`), so Jira's own
 * permission scheme decides: a project the user cannot browse answers 404 and stays invisible.
 */
export function jiraAccess(accountId: string, localId: string | undefined): Access {
  const keys = permissionKeys(appPermissionKey(localId));
  const projects = new Map<string, Promise<ProjectRef | undefined>>();
  const permissions = new Map<string, Promise<Record<string, boolean>>>();

  const loadProject = (idOrKey: string) => {
    let cached = projects.get(idOrKey);
    if (!cached) {
      cached = (async () => {
        const response = await api.asUser().requestJira(route`/rest/api/3/project/${idOrKey}`, { headers: { Accept: 'application/json' } });
        if (response.status === 404) return undefined;
        if (!response.ok) throw new Error(`Jira answered ${response.status} for a project lookup`);
        const body = (await response.json()) as JiraProject;
        return { id: String(body.id), key: body.key, name: body.name };
      })();
      projects.set(idOrKey, cached);
    }
    return cached;
  };

  const loadPermissions = (projectId: string) => {
    let cached = permissions.get(projectId);
    if (!cached) {
      cached = (async () => {
        const wanted = Object.values(keys).join(',');
        const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?projectId=${projectId}&permissions=${wanted}`, { headers: { Accept: 'application/json' } });
        // Jira answers 404 for a project the user cannot see: no permission at all there.
        if (response.status === 404) return {};
        if (!response.ok) throw new Error(`Jira answered ${response.status} for a permission check`);
        const body = (await response.json()) as { permissions: Record<string, { havePermission?: boolean }> };
        return Object.fromEntries(Object.entries(body.permissions).map(([key, value]) => [key, value.havePermission === true]));
      })();
      permissions.set(projectId, cached);
    }
    return cached;
  };

  const anywhere = new Map<string, Promise<boolean>>();
  const loadAnywhere = (permission: string) => {
    let cached = anywhere.get(permission);
    if (!cached) {
      cached = (async () => {
        // Without a project, mypermissions answers whether the user has the permission in any project.
        const response = await api.asUser().requestJira(route`/rest/api/3/mypermissions?permissions=${permission}`, { headers: { Accept: 'application/json' } });
        if (!response.ok) throw new Error(`Jira answered ${response.status} for a permission check`);
        const body = (await response.json()) as { permissions: Record<string, { havePermission?: boolean }> };
        return body.permissions[permission]?.havePermission === true;
      })();
      anywhere.set(permission, cached);
    }
    return cached;
  };

  return {
    accountId,
    projectByKey: (key) => loadProject(key),
    async projectById(id) {
      return loadProject(id);
    },
    async can(projectId, capability) {
      const granted = await loadPermissions(projectId);
      return granted[keys[capability]] === true;
    },
    canEditAnywhere: () => loadAnywhere(keys.edit),
    canBrowseAnywhere: () => loadAnywhere(keys.browse),
    isSiteAdmin: () => loadAnywhere('ADMINISTER'),
  };
}

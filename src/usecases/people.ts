import type { Person } from '../contracts/people';
import type { UseCaseContext } from './context';
import { browsableProject } from './project-access';
import { SYSTEM_ACTOR } from './handoff/system';

/**
 * The named people as Jira shows them to the user: one Jira request for all of them (the access
 * adapter batches and caches per invocation). Relay's own entries (the system actor) are not Jira
 * accounts and are left to the screens, which name them "Relay". An id Jira does not know comes
 * back with no display name, so a screen can say "Former user" instead of showing the id.
 */
export async function resolvePeople(ctx: UseCaseContext, accountIds: readonly string[]): Promise<Person[]> {
  const ids = [...new Set(accountIds)].filter((id) => id !== SYSTEM_ACTOR);
  if (ids.length === 0) return [];
  const found = await ctx.access.people(ids);
  return ids.map((id) => found.get(id) ?? { accountId: id, displayName: null, avatarUrl: null, active: false });
}

/**
 * Who can grant access in a project: its admins, so a permission dead end can name them.
 * Errors: NOT_FOUND (the user cannot browse the project).
 */
export async function projectAdmins(ctx: UseCaseContext, projectKey: string): Promise<{ projectKey: string; admins: Person[] }> {
  const project = await browsableProject(ctx, projectKey);
  const admins = await ctx.access.projectAdmins(project.key);
  return { projectKey: project.key, admins: [...admins].sort((a, b) => a.displayName.localeCompare(b.displayName)) };
}

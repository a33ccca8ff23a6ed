import type { Sandbox } from '../index';
import type { SurfaceTarget } from '../runtime/host';
import { APP_ACCOUNT_ID } from '../runtime/platform';
import { STORY_PEOPLE } from '../demo/story/cast';
import { gadgetDirectory } from './dashboards-api';
import type { FrameRegistry } from './frames';
import { HttpError } from './http';
import type { JiraAnswer } from './jira-as-user';
import { jiraAsUser, jiraErrorText } from './jira-as-user';

/**
 * The shell page's own API. Site facts (users, projects, modules) come from the sandbox's admin
 * view; everything a person does (list, create, view, transition issues) goes through Jira REST as
 * the user picked in the top bar, so Jira's permission checks and error messages show unchanged.
 */
export interface ShellApiDeps {
  sandbox: Pick<Sandbox, 'host' | 'jira'>;
  frames: FrameRegistry;
}

/** What the shell answers: the data, or Jira's refusal with its status and its own words. */
export type ShellAnswer = { status: number; body: Record<string, unknown> };

export function refused(answer: JiraAnswer): ShellAnswer {
  return { status: answer.status, body: { ok: false, status: answer.status, message: jiraErrorText(answer), jira: answer.body ?? null } };
}

export function required(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, 'MISSING_FIELD', `'${name}' is required`);
  return value.trim();
}

export function knownUser(deps: ShellApiDeps, accountId: string): string {
  if (!deps.sandbox.jira.listUsers().some((u) => u.accountId === accountId)) throw new HttpError(400, 'UNKNOWN_USER', `No user ${accountId} on this site`);
  return accountId;
}

/** What each demo person does (Jira has no such field): the shell's home page introduces them by it. */
const ROLES = new Map<string, string>(Object.values(STORY_PEOPLE).map((p) => [p.accountId, p.role]));

export function siteState(deps: ShellApiDeps): Record<string, unknown> {
  const { sandbox } = deps;
  const users = sandbox.jira
    .listUsers()
    .filter((u) => u.accountId !== APP_ACCOUNT_ID && u.accountType !== 'app' && u.active !== false)
    .map((u) => ({ accountId: u.accountId, displayName: u.displayName, emailAddress: u.emailAddress ?? null, role: ROLES.get(u.accountId) ?? null }));
  const projects = sandbox.jira.listProjects().map((p) => ({ id: p.id, key: p.key, name: p.name }));
  const modules = sandbox.host.modules().map((m) => ({ key: m.key, type: m.type, title: m.title, render: m.render, pages: m.pages ?? [], ...(m.useAsGetStarted ? { useAsGetStarted: true } : {}) }));
  return { ok: true, users, projects, modules, gadgetTypes: gadgetDirectory(deps), backgroundErrors: sandbox.host.backgroundErrors.slice(-5) };
}

export async function listIssues(deps: ShellApiDeps, query: URLSearchParams): Promise<ShellAnswer> {
  const accountId = knownUser(deps, required(query.get('accountId'), 'accountId'));
  const projectKey = required(query.get('projectKey'), 'projectKey');
  // Ids the page just created (it may pass up to 50): search shows them although its index lags.
  const reconcile = (query.get('reconcile') ?? '').split(',').filter((id) => /^\d+$/.test(id)).slice(-50).map(Number);
  const answer = await jiraAsUser(deps.sandbox.jira, accountId, 'POST', '/rest/api/3/search/jql', {
    jql: `project = "${projectKey.replace(/"/g, '')}" ORDER BY created DESC`,
    fields: ['summary', 'status', 'issuetype'],
    maxResults: 100,
    ...(reconcile.length > 0 ? { reconcileIssues: reconcile } : {}),
  });
  if (answer.status !== 200) return refused(answer);
  const issues = ((answer.body as { issues?: unknown[] }).issues ?? []).map((raw) => {
    const issue = raw as { key: string; fields?: { summary?: string; status?: { name?: string; statusCategory?: { key?: string } }; issuetype?: { name?: string } } };
    return {
      key: issue.key,
      summary: issue.fields?.summary ?? '',
      status: issue.fields?.status?.name ?? '',
      statusCategory: issue.fields?.status?.statusCategory?.key ?? '',
      issueType: issue.fields?.issuetype?.name ?? '',
    };
  });
  return { status: 200, body: { ok: true, issues } };
}

export async function createIssue(deps: ShellApiDeps, body: Record<string, unknown>): Promise<ShellAnswer> {
  const accountId = knownUser(deps, required(body.accountId, 'accountId'));
  const fields = {
    project: { key: required(body.projectKey, 'projectKey') },
    issuetype: { name: typeof body.issueType === 'string' && body.issueType ? body.issueType : 'Task' },
    summary: typeof body.summary === 'string' ? body.summary : '',
  };
  const answer = await jiraAsUser(deps.sandbox.jira, accountId, 'POST', '/rest/api/3/issue', { fields });
  if (answer.status !== 201 && answer.status !== 200) return refused(answer);
  const created = answer.body as { id?: string; key?: string };
  return { status: 201, body: { ok: true, id: created.id ?? null, key: created.key ?? null } };
}

export async function transitionIssue(deps: ShellApiDeps, body: Record<string, unknown>): Promise<ShellAnswer> {
  const accountId = knownUser(deps, required(body.accountId, 'accountId'));
  const issueKey = encodeURIComponent(required(body.issueKey, 'issueKey'));
  const answer = await jiraAsUser(deps.sandbox.jira, accountId, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id: required(body.transitionId, 'transitionId') } });
  if (answer.status !== 204 && answer.status !== 200) return refused(answer);
  return { status: 200, body: { ok: true } };
}

/** Opens a UI Kit surface for the page: the target is the shell's user on an issue (or project). */
export function uikitTarget(deps: ShellApiDeps, body: Record<string, unknown>): SurfaceTarget {
  const accountId = knownUser(deps, required(body.accountId, 'accountId'));
  const moduleKey = required(body.moduleKey, 'moduleKey');
  const module = deps.sandbox.host.modules().find((m) => m.key === moduleKey);
  if (!module || module.render !== 'native') throw new HttpError(404, 'NOT_UI_KIT', `No UI Kit module ${moduleKey}`);
  const issueKey = typeof body.issueKey === 'string' && body.issueKey ? body.issueKey : undefined;
  const projectKey = typeof body.projectKey === 'string' && body.projectKey ? body.projectKey : undefined;
  return { moduleKey, accountId, ...(issueKey ? { issueKey } : {}), ...(projectKey ? { projectKey } : {}) };
}

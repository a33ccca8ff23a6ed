import type { Sandbox } from '../index';
import { GADGET_CONFIG_PROPERTY } from '../jira/dashboards';
import { resolveText } from '../runtime/manifest';
import { HttpError } from './http';
import type { JiraAnswer } from './jira-as-user';
import { jiraAsUser, jiraErrorText } from './jira-as-user';
import type { ShellAnswer } from './shell-api';

/**
 * The shell's dashboards, as Jira's dashboard pages use them: every call is Jira REST as the signed-in
 * user (`/rest/api/3/dashboard…`), so who may see, add, configure and remove is Jira's decision. The
 * gadget directory lists the installed app's `jira:dashboardGadget` modules with the title,
 * description and thumbnail manifest.yml gives them.
 */
export interface DashboardsDeps {
  sandbox: Pick<Sandbox, 'host' | 'jira'>;
}

/** One entry of the "Add a gadget" directory. */
export interface GadgetType {
  moduleKey: string;
  title: string;
  description: string;
  /** Where the shell serves the manifest's `thumbnail` (a resource file), or null without one. */
  thumbnailUrl: string | null;
  /** The module declares an edit view, so Jira offers "Configure" and opens it first on a new gadget. */
  configurable: boolean;
}

/** `resource:ui;icons/x.svg` → the shell's URL for that file of the `ui` resource. */
function resourceUrl(reference: unknown): string | null {
  if (typeof reference !== 'string') return null;
  const match = /^resource:([^;]+);(.+)$/.exec(reference);
  if (!match) return /^https:\/\//.test(reference) ? reference : null;
  return `/frame-assets/${encodeURIComponent(match[1]!)}/${match[2]!.split('/').map(encodeURIComponent).join('/')}`;
}

export function gadgetDirectory(deps: DashboardsDeps): GadgetType[] {
  const { manifest } = deps.sandbox.host;
  return (manifest.modules['jira:dashboardGadget'] ?? []).map((mod) => ({
    moduleKey: String(mod.key),
    title: resolveText(manifest, mod.title ?? mod.key),
    description: resolveText(manifest, mod.description),
    thumbnailUrl: resourceUrl(mod.thumbnail),
    configurable: typeof mod.edit === 'object' && mod.edit !== null,
  }));
}

function refused(answer: JiraAnswer): ShellAnswer {
  return { status: answer.status, body: { ok: false, status: answer.status, message: jiraErrorText(answer) } };
}

function required(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new HttpError(400, 'MISSING_FIELD', `'${name}' is required`);
  return value.trim();
}

function knownUser(deps: DashboardsDeps, value: unknown): string {
  const accountId = required(value, 'accountId');
  if (!deps.sandbox.jira.listUsers().some((u) => u.accountId === accountId)) throw new HttpError(400, 'UNKNOWN_USER', `No user ${accountId} on this site`);
  return accountId;
}

const dashboardPath = (id: string) => `/rest/api/3/dashboard/${encodeURIComponent(id)}`;

/** The dashboards the user can see (Jira's "All dashboards" list). */
export async function listDashboards(deps: DashboardsDeps, query: URLSearchParams): Promise<ShellAnswer> {
  const accountId = knownUser(deps, query.get('accountId'));
  const answer = await jiraAsUser(deps.sandbox.jira, accountId, 'GET', '/rest/api/3/dashboard?maxResults=100');
  if (answer.status !== 200) return refused(answer);
  const list = (answer.body as { dashboards: Array<Record<string, unknown>> }).dashboards;
  return { status: 200, body: { ok: true, dashboards: list.map((d) => ({ id: d.id, name: d.name, owner: d.owner, isWritable: d.isWritable })) } };
}

/** One dashboard with its gadgets, each marked configured or not (its configuration property exists). */
export async function viewDashboard(deps: DashboardsDeps, query: URLSearchParams): Promise<ShellAnswer> {
  const accountId = knownUser(deps, query.get('accountId'));
  const id = required(query.get('dashboardId'), 'dashboardId');
  const jira = deps.sandbox.jira;
  const dashboard = await jiraAsUser(jira, accountId, 'GET', dashboardPath(id));
  if (dashboard.status !== 200) return refused(dashboard);
  const gadgets = await jiraAsUser(jira, accountId, 'GET', `${dashboardPath(id)}/gadget`);
  if (gadgets.status !== 200) return refused(gadgets);
  const directory = gadgetDirectory(deps);
  const items = [];
  for (const gadget of (gadgets.body as { gadgets: Array<{ id: number; moduleKey: string; title: string; color: string; position: { row: number; column: number } }> }).gadgets) {
    const keys = await jiraAsUser(jira, accountId, 'GET', `${dashboardPath(id)}/items/${gadget.id}/properties`);
    const configured = keys.status === 200 && (keys.body as { keys: Array<{ key: string }> }).keys.some((k) => k.key === GADGET_CONFIG_PROPERTY);
    const type = directory.find((t) => t.moduleKey === gadget.moduleKey);
    items.push({ ...gadget, id: String(gadget.id), configured, configurable: type?.configurable ?? false, installed: type !== undefined });
  }
  items.sort((a, b) => a.position.row - b.position.row || a.position.column - b.position.column);
  return { status: 200, body: { ok: true, dashboard: dashboard.body, gadgets: items } };
}

export async function createDashboard(deps: DashboardsDeps, body: Record<string, unknown>): Promise<ShellAnswer> {
  const accountId = knownUser(deps, body.accountId);
  // Jira's "Create dashboard" dialog defaults: viewable by the organisation, editable by the owner.
  const answer = await jiraAsUser(deps.sandbox.jira, accountId, 'POST', '/rest/api/3/dashboard', {
    name: typeof body.name === 'string' ? body.name : '',
    description: typeof body.description === 'string' ? body.description : '',
    sharePermissions: [{ type: 'authenticated' }],
    editPermissions: [],
  });
  if (answer.status !== 200) return refused(answer);
  return { status: 200, body: { ok: true, dashboard: answer.body } };
}

export async function addGadget(deps: DashboardsDeps, body: Record<string, unknown>): Promise<ShellAnswer> {
  const accountId = knownUser(deps, body.accountId);
  const id = required(body.dashboardId, 'dashboardId');
  const position = typeof body.position === 'object' && body.position !== null ? body.position : undefined;
  const answer = await jiraAsUser(deps.sandbox.jira, accountId, 'POST', `${dashboardPath(id)}/gadget`, { moduleKey: required(body.moduleKey, 'moduleKey'), ...(position ? { position } : {}) });
  if (answer.status !== 200) return refused(answer);
  const gadget = answer.body as { id: number };
  return { status: 200, body: { ok: true, gadget: { ...gadget, id: String(gadget.id) } } };
}

export async function removeGadget(deps: DashboardsDeps, body: Record<string, unknown>): Promise<ShellAnswer> {
  const accountId = knownUser(deps, body.accountId);
  const id = required(body.dashboardId, 'dashboardId');
  const answer = await jiraAsUser(deps.sandbox.jira, accountId, 'DELETE', `${dashboardPath(id)}/gadget/${encodeURIComponent(required(body.gadgetId, 'gadgetId'))}`);
  if (answer.status !== 204) return refused(answer);
  return { status: 200, body: { ok: true } };
}

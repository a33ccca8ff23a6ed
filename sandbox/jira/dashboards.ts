/**
 * Jira's dashboards: who owns, sees and edits each one, the gadgets on it (with their position,
 * colour and title) and the gadgets' item properties. A Forge gadget's configuration — what the app's
 * edit view submits with `view.submit` and reads back as `extension.gadgetConfiguration` — is stored
 * by Jira with the gadget; here it is the gadget's `config` item property (assumed key: Jira's own
 * storage of Forge gadget configuration is not documented). REST shapes follow the Jira Cloud v3
 * dashboard resource (`/dashboard`, `/dashboard/{id}/gadget`, `/dashboard/{id}/items/{item}/properties`).
 */
import type { ServiceResponse } from '../platform/types';
import { JiraHttpError, badRequest, errorBody, forbidden, notFound } from './errors';
import type { JiraSite, OpContext } from './site';

export type SharePermission =
  | { type: 'authenticated' }
  | { type: 'global' }
  | { type: 'project'; project: { id: string } }
  | { type: 'user'; user: { accountId: string } };

export interface StoredGadget {
  id: string;
  /** The gadget type: for a Forge gadget, its module key in manifest.yml. */
  moduleKey: string;
  title: string;
  color: GadgetColor;
  position: { row: number; column: number };
  properties: Record<string, unknown>;
}

export interface StoredDashboard {
  id: string;
  name: string;
  description: string;
  ownerAccountId: string;
  sharePermissions: SharePermission[];
  editPermissions: SharePermission[];
  gadgets: StoredGadget[];
}

export interface DashboardState {
  items: Record<string, StoredDashboard>;
  nextDashboardId: number;
  nextGadgetId: number;
}

export const GADGET_COLORS = ['blue', 'red', 'yellow', 'green', 'cyan', 'purple', 'gray', 'white'] as const;
export type GadgetColor = (typeof GADGET_COLORS)[number];

/** The item property a Forge gadget's configuration is kept in (see the file comment). */
export const GADGET_CONFIG_PROPERTY = 'config';
const MAX_PROPERTY_BYTES = 32_768;
const MAX_NAME = 255;
/** Jira lays a dashboard out in at most three columns. */
const MAX_COLUMNS = 3;

export function emptyDashboards(): DashboardState {
  return { items: {}, nextDashboardId: 10000, nextGadgetId: 10000 };
}

/** A state saved before dashboards existed gets an empty set. */
function dashboards(site: JiraSite): DashboardState {
  site.state.dashboards ??= emptyDashboards();
  return site.state.dashboards;
}

// ------------------------------------------------------------------ permissions

function matches(site: JiraSite, accountId: string, share: SharePermission): boolean {
  switch (share.type) {
    case 'global':
    case 'authenticated':
      return true;
    case 'user':
      return share.user.accountId === accountId;
    case 'project': {
      const project = site.state.projects[share.project.id];
      return project !== undefined && site.canBrowse(site.actorFor(accountId), project);
    }
  }
}

export function canView(site: JiraSite, accountId: string, dashboard: StoredDashboard): boolean {
  return dashboard.ownerAccountId === accountId || canEdit(site, accountId, dashboard) || dashboard.sharePermissions.some((s) => matches(site, accountId, s));
}

export function canEdit(site: JiraSite, accountId: string, dashboard: StoredDashboard): boolean {
  return dashboard.ownerAccountId === accountId || dashboard.editPermissions.some((s) => matches(site, accountId, s));
}

/** A dashboard the caller may see; one they may not is reported as missing, as Jira does. */
function visible(site: JiraSite, ctx: OpContext, id: string): StoredDashboard {
  const dashboard = dashboards(site).items[id];
  if (!dashboard || (ctx.checkPermissions && !canView(site, ctx.actor.accountId, dashboard))) {
    throw notFound(`The dashboard with id '${id}' does not exist.`);
  }
  return dashboard;
}

function editable(site: JiraSite, ctx: OpContext, id: string): StoredDashboard {
  const dashboard = visible(site, ctx, id);
  if (ctx.checkPermissions && !canEdit(site, ctx.actor.accountId, dashboard)) throw forbidden('You do not have permission to edit this dashboard.');
  return dashboard;
}

function gadgetOf(dashboard: StoredDashboard, gadgetId: string): StoredGadget {
  const gadget = dashboard.gadgets.find((g) => g.id === gadgetId);
  if (!gadget) throw notFound(`The gadget with id '${gadgetId}' does not exist on dashboard '${dashboard.id}'.`);
  return gadget;
}

// ------------------------------------------------------------------ parsing

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseShares(site: JiraSite, raw: unknown, field: string, allowGlobal: boolean): SharePermission[] {
  if (!Array.isArray(raw)) throw new JiraHttpError(400, errorBody([], { [field]: `${field} is required and must be a list.` }));
  return raw.map((entry): SharePermission => {
    if (!isRecord(entry) || typeof entry.type !== 'string') throw new JiraHttpError(400, errorBody([], { [field]: 'Each share permission needs a type.' }));
    const type = entry.type === 'loggedin' ? 'authenticated' : entry.type;
    if (type === 'global' && allowGlobal) return { type: 'global' };
    if (type === 'authenticated') return { type: 'authenticated' };
    if (type === 'project') {
      const id = isRecord(entry.project) ? String(entry.project.id ?? '') : '';
      if (!site.state.projects[id]) throw new JiraHttpError(400, errorBody([], { [field]: `No project with id '${id}'.` }));
      return { type: 'project', project: { id } };
    }
    if (type === 'user') {
      const accountId = isRecord(entry.user) ? String(entry.user.accountId ?? '') : '';
      if (!site.state.users[accountId]) throw new JiraHttpError(400, errorBody([], { [field]: `No user with account id '${accountId}'.` }));
      return { type: 'user', user: { accountId } };
    }
    throw new JiraHttpError(400, errorBody([], { [field]: `The share type '${String(entry.type)}' is not supported here.` }));
  });
}

function parseColor(value: unknown): GadgetColor | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(GADGET_COLORS as readonly string[]).includes(value)) {
    throw badRequest(`The color '${String(value)}' is not valid. Use one of ${GADGET_COLORS.join(', ')}.`);
  }
  return value as GadgetColor;
}

function parsePosition(value: unknown): { row: number; column: number } | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Number.isInteger(value.row) || !Number.isInteger(value.column) || (value.row as number) < 0 || (value.column as number) < 0 || (value.column as number) >= MAX_COLUMNS) {
    throw badRequest(`A gadget position is { row, column } with whole numbers, column below ${MAX_COLUMNS}.`);
  }
  return { row: value.row as number, column: value.column as number };
}

function parseTitle(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length > MAX_NAME) throw badRequest(`A gadget title is text of at most ${MAX_NAME} characters.`);
  return value;
}

// ------------------------------------------------------------------ rendering

export function renderDashboard(site: JiraSite, accountId: string | undefined, dashboard: StoredDashboard): Record<string, unknown> {
  const owner = site.state.users[dashboard.ownerAccountId];
  return {
    id: dashboard.id,
    name: dashboard.name,
    description: dashboard.description,
    isFavourite: false,
    owner: owner ? { accountId: owner.accountId, displayName: owner.displayName, active: owner.active } : { accountId: dashboard.ownerAccountId },
    popularity: 0,
    self: site.render.api(`/dashboard/${dashboard.id}`),
    view: `${site.render.baseUrl}/jira/dashboards/${dashboard.id}`,
    sharePermissions: dashboard.sharePermissions,
    editPermissions: dashboard.editPermissions,
    isWritable: accountId === undefined ? true : canEdit(site, accountId, dashboard),
    systemDashboard: false,
  };
}

export function renderGadget(gadget: StoredGadget): Record<string, unknown> {
  return { id: Number(gadget.id), moduleKey: gadget.moduleKey, color: gadget.color, position: gadget.position, title: gadget.title };
}

// ------------------------------------------------------------------ operations

export function createDashboard(site: JiraSite, ctx: OpContext, body: unknown): StoredDashboard {
  if (ctx.actor.isApp) throw forbidden('Apps cannot own dashboards.');
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (name === '' || name.length > MAX_NAME) throw new JiraHttpError(400, errorBody([], { name: `A dashboard needs a name of 1 to ${MAX_NAME} characters.` }));
  const state = dashboards(site);
  if (Object.values(state.items).some((d) => d.ownerAccountId === ctx.actor.accountId && d.name.toLowerCase() === name.toLowerCase())) {
    throw new JiraHttpError(400, errorBody([], { name: 'You already have a dashboard with this name.' }));
  }
  const dashboard: StoredDashboard = {
    id: String(state.nextDashboardId++),
    name,
    description: typeof body.description === 'string' ? body.description : '',
    ownerAccountId: ctx.actor.accountId,
    sharePermissions: parseShares(site, body.sharePermissions, 'sharePermissions', true),
    editPermissions: parseShares(site, body.editPermissions, 'editPermissions', false),
    gadgets: [],
  };
  state.items[dashboard.id] = dashboard;
  return dashboard;
}

export function deleteDashboard(site: JiraSite, ctx: OpContext, id: string): void {
  const dashboard = visible(site, ctx, id);
  if (ctx.checkPermissions && dashboard.ownerAccountId !== ctx.actor.accountId) throw forbidden('Only the owner can delete a dashboard.');
  delete dashboards(site).items[id];
}

export function listDashboards(site: JiraSite, ctx: OpContext, query: URLSearchParams): Record<string, unknown> {
  const filter = query.get('filter');
  if (filter !== null && filter !== 'my' && filter !== 'favourite') throw badRequest(`The filter '${filter}' is not valid. Use my or favourite.`);
  const startAt = Number(query.get('startAt') ?? 0);
  const maxResults = Math.min(1000, Number(query.get('maxResults') ?? 20));
  if (!Number.isInteger(startAt) || startAt < 0 || !Number.isInteger(maxResults) || maxResults < 1) throw badRequest('startAt and maxResults must be whole numbers.');
  const accountId = ctx.actor.accountId;
  const all = Object.values(dashboards(site).items)
    .filter((d) => !ctx.checkPermissions || canView(site, accountId, d))
    // Favourites are not modelled: a user's favourites are the dashboards they own.
    .filter((d) => filter === null || d.ownerAccountId === accountId)
    .sort((a, b) => a.name.localeCompare(b.name) || Number(a.id) - Number(b.id));
  const page = all.slice(startAt, startAt + maxResults);
  return { startAt, maxResults, total: all.length, dashboards: page.map((d) => renderDashboard(site, ctx.checkPermissions ? accountId : undefined, d)) };
}

/**
 * GET /dashboard/search: the dashboards the caller may see, as a `PageBeanDashboard` (`values`,
 * `isLast`, `nextPage`), filtered by `dashboardName` (case-insensitive part of the name),
 * `accountId` (owner) or `projectId` (shared with that project), ordered by `orderBy` (name by
 * default; `id`, `owner`, `description`, each `-` for descending), 50 a page by default. Without
 * `expand` a dashboard is its id, name, self and view only, as Jira answers; `expand` adds
 * `description`, `owner`, `sharePermissions`, `editPermissions`, `isWritable`, `favourite`
 * (isFavourite) and `favouritedCount` (popularity). Only active dashboards exist here, so `status`
 * other than `active` finds none.
 */
export function searchDashboards(site: JiraSite, ctx: OpContext, query: URLSearchParams): Record<string, unknown> {
  const startAt = Number(query.get('startAt') ?? 0);
  const maxResults = Number(query.get('maxResults') ?? 50);
  if (!Number.isInteger(startAt) || startAt < 0 || !Number.isInteger(maxResults) || maxResults < 1) throw badRequest('startAt and maxResults must be whole numbers.');
  const name = query.get('dashboardName')?.toLowerCase();
  const owner = query.get('accountId') ?? query.get('owner');
  const projectId = query.get('projectId');
  const status = query.get('status') ?? 'active';
  if (!['active', 'archived', 'deleted'].includes(status)) throw badRequest(`The status '${status}' is not valid. Use active, archived or deleted.`);
  const orderBy = query.get('orderBy') ?? 'name';
  const descending = orderBy.startsWith('-');
  const field = orderBy.replace(/^[-+]/, '');
  const order: Record<string, (a: StoredDashboard, b: StoredDashboard) => number> = {
    name: (a, b) => a.name.localeCompare(b.name),
    id: (a, b) => Number(a.id) - Number(b.id),
    owner: (a, b) => (site.state.users[a.ownerAccountId]?.displayName ?? '').localeCompare(site.state.users[b.ownerAccountId]?.displayName ?? ''),
    description: (a, b) => a.description.localeCompare(b.description),
  };
  const compare = order[field];
  if (!compare) throw badRequest(`The orderBy field '${field}' is not valid. Use name, id, owner or description.`);
  const expand = new Set((query.get('expand') ?? '').split(',').map((e) => e.trim()).filter((e) => e.length > 0));
  const accountId = ctx.actor.accountId;
  const all = Object.values(dashboards(site).items)
    .filter(() => status === 'active')
    .filter((d) => !ctx.checkPermissions || canView(site, accountId, d))
    .filter((d) => !name || d.name.toLowerCase().includes(name))
    .filter((d) => !owner || d.ownerAccountId === owner)
    .filter((d) => !projectId || d.sharePermissions.some((p) => p.type === 'project' && p.project.id === projectId))
    .sort((a, b) => (descending ? -1 : 1) * (compare(a, b) || Number(a.id) - Number(b.id)));
  const slice = all.slice(startAt, startAt + maxResults);
  const isLast = startAt + slice.length >= all.length;
  const values = slice.map((d) => {
    const full = renderDashboard(site, ctx.checkPermissions ? accountId : undefined, d);
    const out: Record<string, unknown> = { id: full.id, name: full.name, self: full.self, view: full.view };
    if (expand.has('description')) out.description = full.description;
    if (expand.has('owner')) out.owner = full.owner;
    if (expand.has('sharePermissions')) out.sharePermissions = full.sharePermissions;
    if (expand.has('editPermissions')) out.editPermissions = full.editPermissions;
    if (expand.has('isWritable')) out.isWritable = full.isWritable;
    if (expand.has('favourite')) out.isFavourite = full.isFavourite;
    if (expand.has('favouritedCount')) out.popularity = full.popularity;
    return out;
  });
  const at = (start: number) => {
    const params = new URLSearchParams(query);
    params.set('startAt', String(start));
    params.set('maxResults', String(maxResults));
    return site.render.api(`/dashboard/search?${params.toString()}`);
  };
  return { self: at(startAt), ...(isLast ? {} : { nextPage: at(startAt + slice.length) }), maxResults, startAt, total: all.length, isLast, values };
}

export function addGadget(site: JiraSite, ctx: OpContext, dashboardId: string, body: unknown): StoredGadget {
  const dashboard = editable(site, ctx, dashboardId);
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  if (body.uri !== undefined) throw badRequest('The sandbox adds gadgets by moduleKey only; uri gadgets are not supported.');
  const moduleKey = typeof body.moduleKey === 'string' ? body.moduleKey : '';
  const type = site.gadgetModules.get(moduleKey);
  if (!type) throw badRequest(`The gadget with module key '${moduleKey}' is not installed on this site.`);
  const column = parsePosition(body.position)?.column ?? 0;
  const rows = dashboard.gadgets.filter((g) => g.position.column === column).map((g) => g.position.row);
  const gadget: StoredGadget = {
    id: String(dashboards(site).nextGadgetId++),
    moduleKey,
    title: parseTitle(body.title) ?? type.title,
    color: parseColor(body.color) ?? 'blue',
    position: parsePosition(body.position) ?? { row: rows.length === 0 ? 0 : Math.max(...rows) + 1, column },
    properties: {},
  };
  dashboard.gadgets.push(gadget);
  return gadget;
}

export function updateGadget(site: JiraSite, ctx: OpContext, dashboardId: string, gadgetId: string, body: unknown): void {
  const gadget = gadgetOf(editable(site, ctx, dashboardId), gadgetId);
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  const title = parseTitle(body.title);
  const color = parseColor(body.color);
  const position = parsePosition(body.position);
  if (title !== undefined) gadget.title = title;
  if (color !== undefined) gadget.color = color;
  if (position !== undefined) gadget.position = position;
}

export function removeGadget(site: JiraSite, ctx: OpContext, dashboardId: string, gadgetId: string): void {
  const dashboard = editable(site, ctx, dashboardId);
  gadgetOf(dashboard, gadgetId);
  dashboard.gadgets = dashboard.gadgets.filter((g) => g.id !== gadgetId);
}

export function setItemProperty(site: JiraSite, ctx: OpContext, dashboardId: string, itemId: string, key: string, rawBody: string | undefined): boolean {
  const dashboard = visible(site, ctx, dashboardId);
  // Documented: only the dashboard's owner sets item properties over REST.
  if (ctx.checkPermissions && dashboard.ownerAccountId !== ctx.actor.accountId) throw forbidden('Only the owner of the dashboard can set its item properties.');
  const gadget = gadgetOf(dashboard, itemId);
  if (key.length === 0 || key.length > MAX_NAME) throw badRequest(`The property key must be between 1 and ${MAX_NAME} characters long.`);
  if (rawBody === undefined || rawBody.trim() === '') throw badRequest('The property value must not be empty.');
  if (Buffer.byteLength(rawBody, 'utf8') > MAX_PROPERTY_BYTES) throw badRequest(`The property value is too large. It must be less than ${MAX_PROPERTY_BYTES} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw badRequest('The property value must be valid JSON.');
  }
  const created = !(key in gadget.properties);
  gadget.properties[key] = value;
  return created;
}

/**
 * What `view.submit(config)` does on the platform: stores the gadget's configuration for a user who
 * may edit the dashboard (the edit view is only offered to them). Returns the stored copy.
 */
export function storeGadgetConfiguration(site: JiraSite, accountId: string, dashboardId: string, gadgetId: string, configuration: Record<string, unknown>): Record<string, unknown> {
  const ctx: OpContext = { actor: site.actorFor(accountId), checkPermissions: true };
  const gadget = gadgetOf(editable(site, ctx, dashboardId), gadgetId);
  const text = JSON.stringify(configuration);
  if (Buffer.byteLength(text, 'utf8') > MAX_PROPERTY_BYTES) throw badRequest(`A gadget configuration is at most ${MAX_PROPERTY_BYTES} bytes.`);
  gadget.properties[GADGET_CONFIG_PROPERTY] = JSON.parse(text) as unknown;
  return JSON.parse(text) as Record<string, unknown>;
}

/** The dashboard and gadget as stored (copies), for the platform's own use (building a gadget's context). */
export function findGadget(site: JiraSite, gadgetId: string): { dashboard: StoredDashboard; gadget: StoredGadget } | undefined {
  for (const dashboard of Object.values(dashboards(site).items)) {
    const gadget = dashboard.gadgets.find((g) => g.id === gadgetId);
    if (gadget) return JSON.parse(JSON.stringify({ dashboard, gadget })) as { dashboard: StoredDashboard; gadget: StoredGadget };
  }
  return undefined;
}

// ------------------------------------------------------------------ routes

const ok = (body: unknown): ServiceResponse => ({ status: 200, body });
const noContent: ServiceResponse = { status: 204 };

type RouteInput = { site: JiraSite; ctx: OpContext; params: Record<string, string>; query: URLSearchParams; rawBody: string | undefined; json(): unknown };
type RouteSpec = [method: string, path: string, handler: (req: RouteInput) => ServiceResponse];

const D = '/dashboard/(?<dashboard>\\d+)';
const G = '(?<gadget>\\d+)';

/** The dashboard resource's routes, in routes.ts's `[method, path under /rest/api/3, handler]` form. */
export const DASHBOARD_ROUTES: RouteSpec[] = [
  ['GET', '/dashboard', ({ site, ctx, query }) => ok(listDashboards(site, ctx, query))],
  ['GET', '/dashboard/search', ({ site, ctx, query }) => ok(searchDashboards(site, ctx, query))],
  ['POST', '/dashboard', ({ site, ctx, json }) => ok(renderDashboard(site, ctx.actor.accountId, createDashboard(site, ctx, json())))],
  ['GET', D, ({ site, ctx, params }) => ok(renderDashboard(site, ctx.checkPermissions ? ctx.actor.accountId : undefined, visible(site, ctx, params.dashboard!)))],
  [
    'DELETE',
    D,
    ({ site, ctx, params }) => {
      deleteDashboard(site, ctx, params.dashboard!);
      return noContent;
    },
  ],
  [
    'GET',
    `${D}/gadget`,
    ({ site, ctx, params, query }) => {
      // Jira's filters: moduleKey and gadgetId, each repeatable; a gadget matching any is returned.
      const keys = query.getAll('moduleKey');
      const ids = query.getAll('gadgetId');
      const gadgets = visible(site, ctx, params.dashboard!).gadgets.filter((g) => (keys.length === 0 && ids.length === 0) || keys.includes(g.moduleKey) || ids.includes(g.id));
      return ok({ gadgets: gadgets.map(renderGadget) });
    },
  ],
  ['POST', `${D}/gadget`, ({ site, ctx, params, json }) => ok(renderGadget(addGadget(site, ctx, params.dashboard!, json())))],
  [
    'PUT',
    `${D}/gadget/${G}`,
    ({ site, ctx, params, json }) => {
      updateGadget(site, ctx, params.dashboard!, params.gadget!, json());
      return noContent;
    },
  ],
  [
    'DELETE',
    `${D}/gadget/${G}`,
    ({ site, ctx, params }) => {
      removeGadget(site, ctx, params.dashboard!, params.gadget!);
      return noContent;
    },
  ],
  [
    'GET',
    `${D}/items/${G}/properties`,
    ({ site, ctx, params }) => {
      const gadget = gadgetOf(visible(site, ctx, params.dashboard!), params.gadget!);
      return ok({ keys: Object.keys(gadget.properties).map((key) => ({ key, self: site.render.api(`/dashboard/${params.dashboard}/items/${gadget.id}/properties/${encodeURIComponent(key)}`) })) });
    },
  ],
  [
    'GET',
    `${D}/items/${G}/properties/(?<key>[^/]+)`,
    ({ site, ctx, params }) => {
      const gadget = gadgetOf(visible(site, ctx, params.dashboard!), params.gadget!);
      if (!(params.key! in gadget.properties)) throw notFound(`The property with key '${params.key}' does not exist.`);
      return ok({ key: params.key, value: gadget.properties[params.key!] });
    },
  ],
  ['PUT', `${D}/items/${G}/properties/(?<key>[^/]+)`, ({ site, ctx, params, rawBody }) => ({ status: setItemProperty(site, ctx, params.dashboard!, params.gadget!, params.key!, rawBody) ? 201 : 200 })],
  [
    'DELETE',
    `${D}/items/${G}/properties/(?<key>[^/]+)`,
    ({ site, ctx, params }) => {
      const dashboard = visible(site, ctx, params.dashboard!);
      if (ctx.checkPermissions && dashboard.ownerAccountId !== ctx.actor.accountId) throw forbidden('Only the owner of the dashboard can delete its item properties.');
      const gadget = gadgetOf(dashboard, params.gadget!);
      if (!(params.key! in gadget.properties)) throw notFound(`The property with key '${params.key}' does not exist.`);
      delete gadget.properties[params.key!];
      return noContent;
    },
  ],
];

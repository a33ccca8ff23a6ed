/**
 * The sandbox's Jira Cloud site: the REST v3 subset behind `requestJira` (handle) and an admin API
 * for tests, the demo seed and the shell. Admin calls skip permission checks and nothing else: they
 * validate, write changelogs and emit issue events exactly as the REST operations do.
 */
import type { Clock, JiraIssueEvent, JiraRequest, JiraServiceApi, ServiceResponse } from '../platform/types';
import { JiraHttpError, badRequest, errorBody, unauthorized } from './errors';
import type { SharePermission, StoredDashboard, StoredGadget } from './dashboards';
import { addGadget, canEdit as canEditDashboard, canView as canViewDashboard, createDashboard, findGadget, storeGadgetConfiguration } from './dashboards';
import { adminFields, createIssue, deleteIssue, editIssue, transitionToStatus } from './issues';
import type { ProjectScreens, StoredProject, StoredUser } from './model';
import { PointsQuota, RateLimiter, pointsFor } from './rate-limit';
import type { PointsQuotaConfig, RateLimit } from './rate-limit';
import { checkQuery } from './parameters';
import { DEFAULT_SEARCH_LAG_MS } from './search-index';
import { findRoute } from './routes';
import type { EntityPropertyIndex, OpContext } from './site';
import { JiraSite } from './site';

export interface JiraServiceOptions {
  clock: Clock;
  /** The account Jira knows the app by: asApp() calls act as it, and it exists as an 'app' user. */
  appAccountId: string;
  /** The site URL used in `self` links. */
  baseUrl?: string;
  /** How long search lags behind writes (search-index.ts); 0 makes search read-after-write consistent, unlike Jira. */
  searchLagMs?: number;
  /** The app's points quota per hour (default `JIRA_POINTS_PER_HOUR`); null switches it off. */
  pointsQuota?: PointsQuotaConfig | null;
}

export interface IssueSummary {
  id: string;
  key: string;
  summary: string;
  status: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  issueType: string;
  projectKey: string;
}

const DEFAULT_BASE_URL = 'https://relay-sandbox.atlassian.net';

/**
 * Whoever wants to see every answer the sandbox's Jira gives (the test suite checks each against
 * jira.js's schemas of Jira Cloud REST v3: test/support/jira-conformance.ts). Observers must not
 * change the answer.
 */
export const jiraAnswerObservers = new Set<(request: JiraRequest, answer: ServiceResponse) => void>();

function observed(request: JiraRequest, answer: ServiceResponse): ServiceResponse {
  for (const observer of jiraAnswerObservers) observer(request, answer);
  return answer;
}

export class JiraService implements JiraServiceApi {
  private readonly site: JiraSite;
  private readonly limiter: RateLimiter;
  /** The app's hourly points quota (rate-limit.ts). */
  readonly quota: PointsQuota;

  constructor(options: JiraServiceOptions) {
    this.site = new JiraSite(options.clock, options.appAccountId, options.baseUrl ?? DEFAULT_BASE_URL, options.searchLagMs ?? DEFAULT_SEARCH_LAG_MS);
    this.limiter = new RateLimiter(options.clock);
    this.quota = new PointsQuota(options.clock, options.pointsQuota === undefined ? undefined : options.pointsQuota);
  }

  // ------------------------------------------------------------------ REST

  async handle(request: JiraRequest): Promise<ServiceResponse> {
    return observed(request, await this.metered(request));
  }

  private async metered(request: JiraRequest): Promise<ServiceResponse> {
    if (request.internal) return this.answer(request);
    const overQuota = this.quota.retryAfter();
    if (overQuota !== undefined) {
      return {
        status: 429,
        headers: { 'retry-after': String(overQuota), 'ratelimit-reason': 'jira-quota-tenant-based', 'beta-ratelimit-policy': `"tenant-app-quota";q=${this.quota.pointsPerHour ?? 0};w=3600` },
        body: errorBody(['Rate limit exceeded.']),
      };
    }
    const retryAfter = this.limiter.take();
    if (retryAfter !== undefined) return { status: 429, headers: { 'retry-after': String(retryAfter), 'ratelimit-reason': 'jira-burst-based' }, body: errorBody(['Rate limit exceeded.']) };
    const answer = await this.answer(request);
    this.quota.charge(pointsFor(request.method.toUpperCase(), answer.status, answer.body));
    return answer;
  }

  private async answer(request: JiraRequest): Promise<ServiceResponse> {
    try {
      const url = new URL(request.path, 'http://jira.local');
      const method = request.method.toUpperCase();
      const { route, params } = findRoute(method, url.pathname);
      const ctx = this.contextFor(request);
      checkQuery(route.name, url.searchParams);
      // Jira reads request bodies as JSON only: anything else is 415 (Unsupported Media Type).
      const contentType = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
      if ((method === 'POST' || method === 'PUT') && request.body !== undefined && request.body !== '' && !/application\/json/i.test(contentType)) {
        throw new JiraHttpError(415, errorBody([`Unsupported Media Type: the request body must be sent as application/json (got ${contentType || 'no Content-Type'}).`]));
      }
      let parsed: { value: unknown } | undefined;
      const json = () => {
        if (parsed) return parsed.value;
        try {
          parsed = { value: request.body === undefined || request.body === '' ? undefined : JSON.parse(request.body) };
        } catch {
          throw badRequest('Invalid request payload. Refer to the REST API documentation and try again.');
        }
        return parsed.value;
      };
      return route.handler({ site: this.site, ctx, params, query: url.searchParams, rawBody: request.body, json });
    } catch (error) {
      if (error instanceof JiraHttpError) return { status: error.status, headers: error.headers, body: error.body };
      return { status: 500, body: errorBody([`Internal server error: ${error instanceof Error ? error.message : String(error)}`]) };
    }
  }

  /** asApp() acts as the app's account with every scope; asUser() as an existing, active user. */
  private contextFor(request: JiraRequest): OpContext {
    if (request.caller.kind === 'app') return { actor: { accountId: this.site.appAccountId, isApp: true }, checkPermissions: false };
    const user = this.site.state.users[request.caller.accountId];
    if (!user || !user.active) throw unauthorized();
    return { actor: this.site.actorFor(user.accountId), checkPermissions: true };
  }

  onIssueEvent(listener: (event: JiraIssueEvent) => void): () => void {
    return this.site.onIssueEvent(listener);
  }

  exportState(): unknown {
    return this.site.exportState();
  }

  importState(state: unknown): void {
    this.site.importState(state);
  }

  reset(): void {
    this.site.reset();
    this.limiter.set(null);
  }

  /** Changes the app's points quota per hour (null switches it off); the hour starts afresh. */
  setPointsQuota(config: PointsQuotaConfig | null): void {
    this.quota.set(config);
  }

  // ------------------------------------------------------------------ admin API

  private admin(accountId: string): OpContext {
    this.site.user(accountId);
    return { actor: this.site.actorFor(accountId), checkPermissions: false };
  }

  addUser(input: { accountId: string; displayName: string; emailAddress?: string; locale?: string }): StoredUser {
    return { ...this.site.addUser(input) };
  }

  setSiteAdmin(accountId: string, admin: boolean): void {
    this.site.setSiteAdmin(accountId, admin);
  }

  /** What a person picks under Profile → Language in Jira (`de_DE`, `en_US`). */
  setUserLocale(accountId: string, locale: string): void {
    if (!/^[a-z]{2}_[A-Z]{2}$/.test(locale)) throw new Error(`A Jira locale looks like en_US (got ${locale})`);
    this.site.user(accountId).locale = locale;
  }

  addProject(input: { key: string; name: string; leadAccountId: string; projectTypeKey?: string; screens?: ProjectScreens }): { id: string; key: string } {
    return this.site.addProject(input);
  }

  /** Which fields a project's create and edit screens hold (null: Jira's default screens, every field). */
  setScreens(projectKey: string, screens: ProjectScreens | null): void {
    this.site.setScreens(projectKey, screens);
  }

  grant(accountId: string, projectKey: string, permissionKeys: string[]): void {
    this.site.grant(accountId, projectKey, permissionKeys);
  }

  revoke(accountId: string, projectKey: string, permissionKeys?: string[]): void {
    this.site.revoke(accountId, projectKey, permissionKeys);
  }

  createIssue(
    accountId: string,
    input: { projectKey: string; issueType: string; summary: string; parentKey?: string; description?: string; labels?: string[]; assigneeId?: string; duedate?: string },
  ): { id: string; key: string } {
    const { projectKey, issueType, ...rest } = input;
    const fields = { project: { key: projectKey }, issuetype: { name: issueType }, ...adminFields(rest) };
    const issue = createIssue(this.site, this.admin(accountId), { fields });
    return { id: issue.id, key: issue.key };
  }

  /** Fields in REST form (`{ summary, labels, assignee: { accountId } }`) or the admin shorthands (`description` text, `assigneeId`, `parentKey`). */
  editIssue(accountId: string, issueKey: string, fields: Record<string, unknown>): void {
    const ctx = this.admin(accountId);
    editIssue(this.site, ctx, this.site.visibleIssue(ctx, issueKey), { fields: adminFields(fields) });
  }

  transitionIssue(accountId: string, issueKey: string, statusName: string): void {
    const ctx = this.admin(accountId);
    transitionToStatus(this.site, ctx, this.site.visibleIssue(ctx, issueKey), statusName);
  }

  deleteIssue(accountId: string, issueKey: string): void {
    const ctx = this.admin(accountId);
    deleteIssue(this.site, ctx, this.site.visibleIssue(ctx, issueKey), true);
  }

  listUsers(): StoredUser[] {
    return Object.values(this.site.state.users).map((u) => ({ ...u }));
  }

  listProjects(): StoredProject[] {
    return Object.values(this.site.state.projects).map((p) => JSON.parse(JSON.stringify(p)) as StoredProject);
  }

  listIssues(projectKey?: string): IssueSummary[] {
    const project = projectKey === undefined ? undefined : this.site.project(projectKey);
    return this.site
      .issuesOf(project?.id)
      .sort((a, b) => Number(a.id) - Number(b.id))
      .map((issue) => {
        const status = this.site.state.statuses[issue.statusId]!;
        return {
          id: issue.id,
          key: issue.key,
          summary: issue.summary,
          status: status.name,
          statusCategory: status.category,
          issueType: this.site.state.issueTypes[issue.issueTypeId]?.name ?? '',
          projectKey: this.site.projectOf(issue).key,
        };
      });
  }

  /** A `jira:entityProperty` module from manifest.yml: its values become searchable, aliases included. */
  registerEntityPropertyIndex(module: EntityPropertyIndex): void {
    this.site.registerIndex(module);
  }

  /** Search sees writes this many ms late (reconcileIssues aside); 0 switches the lag off. */
  setSearchLag(ms: number): void {
    this.site.searchIndex.setLag(ms);
  }

  get searchLagMs(): number {
    return this.site.searchIndex.lagMs;
  }

  // ------------------------------------------------------------------ dashboards (dashboards.ts)

  /** A `jira:dashboardGadget` of an installed app: it appears in the gadget directory and can be added. */
  registerGadgetModule(moduleKey: string, title: string): void {
    this.site.gadgetModules.set(moduleKey, { title });
  }

  /** Creates a dashboard owned by `ownerAccountId` (validated as the REST call is). */
  addDashboard(ownerAccountId: string, input: { name: string; description?: string; sharePermissions: SharePermission[]; editPermissions: SharePermission[] }): StoredDashboard {
    return JSON.parse(JSON.stringify(createDashboard(this.site, this.admin(ownerAccountId), input))) as StoredDashboard;
  }

  addGadget(accountId: string, dashboardId: string, input: { moduleKey: string; title?: string; color?: string; position?: { row: number; column: number } }): StoredGadget {
    return JSON.parse(JSON.stringify(addGadget(this.site, this.admin(accountId), dashboardId, input))) as StoredGadget;
  }

  /** `view.submit(config)` from a gadget's edit view, as `accountId` (who must be able to edit the dashboard). */
  storeGadgetConfiguration(accountId: string, dashboardId: string, gadgetId: string, configuration: Record<string, unknown>): Record<string, unknown> {
    return storeGadgetConfiguration(this.site, accountId, dashboardId, gadgetId, configuration);
  }

  /** A gadget wherever it is, with its dashboard (copies): the platform builds a gadget's context from it. */
  findGadget(gadgetId: string): { dashboard: StoredDashboard; gadget: StoredGadget } | undefined {
    return findGadget(this.site, gadgetId);
  }

  /** What a user may do with a dashboard: nothing (it does not exist for them), view it, or edit it. */
  dashboardAccess(accountId: string, dashboardId: string): 'none' | 'view' | 'edit' {
    const dashboard = this.site.state.dashboards?.items[dashboardId];
    if (!dashboard || !this.site.state.users[accountId]) return 'none';
    if (canEditDashboard(this.site, accountId, dashboard)) return 'edit';
    return canViewDashboard(this.site, accountId, dashboard) ? 'view' : 'none';
  }

  listDashboards(): StoredDashboard[] {
    return Object.values(this.site.state.dashboards?.items ?? {}).map((d) => JSON.parse(JSON.stringify(d)) as StoredDashboard);
  }

  /** `{ limit, windowMs }` answers 429 beyond `limit` requests per window; null switches it off. */
  setRateLimit(config: RateLimit | null): void {
    this.limiter.set(config);
  }
}

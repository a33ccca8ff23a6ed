/**
 * The Jira site's core: its state, who may see and do what, lookups by id or key, and issue events.
 * The operations (issues.ts, links.ts, search.ts) and the REST routes (routes.ts) build on it; the
 * admin API (jira-service.ts) calls the same operations with permission checks switched off, so an
 * admin change validates and emits events exactly as a REST one does.
 */
import type { Clock, JiraIssueEvent } from '../platform/types';
import { JiraHttpError, badRequest, errorBody, forbidden, issueNotFound, projectNotFound } from './errors';
import type { PropertyValueType } from './jql/compile';
import type { Actor, ProjectScreens, SiteState, StoredIssue, StoredProject, StoredUser } from './model';
import { APP_PERMISSION_PATTERN, BUILT_IN_PERMISSIONS, DEFAULT_STATUSES, emptyState, withOwnMaps } from './model';
import { Renderer } from './render';
import { SearchIndex } from './search-index';

/** A `jira:entityProperty` module as manifest.yml declares it. */
export interface EntityPropertyIndex {
  key: string;
  entityType: 'issue';
  propertyKey: string;
  values: Array<{ path: string; type: PropertyValueType; searchAlias?: string }>;
}

/** How an operation is checked: REST calls check the actor's permissions, admin calls skip them. */
export interface OpContext {
  actor: Actor;
  checkPermissions: boolean;
}

export const BROWSE = 'BROWSE_PROJECTS';
export const ASSIGNABLE = 'ASSIGNABLE_USER';

/** The fields a screen can hold: those the sandbox stores. */
export const SCREEN_FIELDS = ['summary', 'description', 'labels', 'assignee', 'duedate', 'parent'];

function checkedScreens(screens: ProjectScreens): ProjectScreens {
  for (const field of [...screens.create, ...screens.edit]) {
    if (!SCREEN_FIELDS.includes(field)) throw badRequest(`A screen cannot hold '${field}': the sandbox stores ${SCREEN_FIELDS.join(', ')}.`);
  }
  const withSummary = (fields: string[]) => (fields.includes('summary') ? [...fields] : ['summary', ...fields]);
  return { create: withSummary(screens.create), edit: withSummary(screens.edit) };
}

export class JiraSite {
  state: SiteState = emptyState();
  readonly render: Renderer;
  /** What /search/jql sees: every write, after the configured lag (search-index.ts). */
  readonly searchIndex: SearchIndex;
  private readonly listeners = new Set<(event: JiraIssueEvent) => void>();
  private readonly indexes: EntityPropertyIndex[] = [];
  /** The dashboard gadget types installed apps provide (module key → default title), as Jira's gadget directory knows them. */
  readonly gadgetModules = new Map<string, { title: string }>();

  constructor(
    readonly clock: Clock,
    readonly appAccountId: string,
    baseUrl: string,
    searchLagMs: number,
  ) {
    this.render = new Renderer(baseUrl);
    this.searchIndex = new SearchIndex(clock, searchLagMs);
    this.ensureAppUser();
  }

  /** The app's own account exists on every site Relay is installed on. */
  ensureAppUser(): void {
    if (this.state.users[this.appAccountId]) return;
    this.state.users[this.appAccountId] = { accountId: this.appAccountId, displayName: 'Relay', active: true, accountType: 'app', timeZone: 'UTC' };
  }

  // ------------------------------------------------------------------ actors and permissions

  actorFor(accountId: string): Actor {
    return { accountId, isApp: accountId === this.appAccountId };
  }

  isSiteAdmin(accountId: string): boolean {
    return this.state.siteAdmins.includes(accountId);
  }

  /** Whether the actor holds a project permission (built-in key or an app permission's ARI). */
  hasProjectPermission(actor: Actor, project: StoredProject, permission: string): boolean {
    if (actor.isApp) return true;
    if (permission === BROWSE && this.isSiteAdmin(actor.accountId)) return true;
    return (this.state.grants[actor.accountId]?.[project.key] ?? []).includes(permission);
  }

  /**
   * Whether an account may be an issue's assignee in a project: an active person holding Assignable
   * User there. Site admins and the app's own account are not assignable by virtue of being either.
   */
  isAssignable(accountId: string, project: StoredProject): boolean {
    const user = this.state.users[accountId];
    if (!user || !user.active || user.accountType !== 'atlassian') return false;
    return (this.state.grants[accountId]?.[project.key] ?? []).includes(ASSIGNABLE);
  }

  canBrowse(actor: Actor, project: StoredProject): boolean {
    return this.hasProjectPermission(actor, project, BROWSE);
  }

  /** Throws Jira's 403 when a REST caller lacks a project permission. */
  require(ctx: OpContext, project: StoredProject, permission: string, message: string): void {
    if (ctx.checkPermissions && !this.hasProjectPermission(ctx.actor, project, permission)) throw forbidden(message);
  }

  grant(accountId: string, projectKey: string, permissions: string[]): void {
    this.user(accountId);
    const project = this.project(projectKey);
    for (const permission of permissions) this.checkPermissionKey(permission);
    const byProject = (this.state.grants[accountId] ??= {});
    const held = new Set(byProject[project.key] ?? []);
    for (const permission of permissions) held.add(permission);
    byProject[project.key] = [...held];
  }

  revoke(accountId: string, projectKey: string, permissions?: string[]): void {
    const project = this.project(projectKey);
    const byProject = this.state.grants[accountId];
    if (!byProject) return;
    const kept = permissions ? (byProject[project.key] ?? []).filter((p) => !permissions.includes(p)) : [];
    if (kept.length > 0) byProject[project.key] = kept;
    else delete byProject[project.key];
  }

  checkPermissionKey(permission: string): void {
    const known = BUILT_IN_PERMISSIONS.some((p) => p.key === permission && p.type === 'PROJECT') || APP_PERMISSION_PATTERN.test(permission);
    if (!known) throw badRequest(`The project permission '${permission}' does not exist.`);
  }

  // ------------------------------------------------------------------ users and projects

  user(accountId: string): StoredUser {
    const user = this.state.users[accountId];
    if (!user) throw new JiraHttpError(404, errorBody([`Specified user does not exist or you do not have required permissions`]));
    return user;
  }

  addUser(input: { accountId: string; displayName: string; emailAddress?: string; timeZone?: string; locale?: string }): StoredUser {
    if (!input.accountId || !/^[A-Za-z0-9:_-]{1,128}$/.test(input.accountId)) throw badRequest(`'${input.accountId}' is not a valid account id.`);
    if (this.state.users[input.accountId]) throw badRequest(`A user with account id '${input.accountId}' already exists.`);
    const user: StoredUser = {
      accountId: input.accountId,
      displayName: input.displayName,
      ...(input.emailAddress ? { emailAddress: input.emailAddress } : {}),
      active: true,
      accountType: 'atlassian',
      timeZone: input.timeZone ?? 'UTC',
      ...(input.locale ? { locale: input.locale } : {}),
    };
    this.state.users[user.accountId] = user;
    return user;
  }

  setSiteAdmin(accountId: string, admin: boolean): void {
    this.user(accountId);
    const others = this.state.siteAdmins.filter((a) => a !== accountId);
    this.state.siteAdmins = admin ? [...others, accountId] : others;
  }

  addProject(input: { key: string; name: string; leadAccountId: string; projectTypeKey?: string; description?: string; screens?: ProjectScreens }): { id: string; key: string } {
    const errors: Record<string, string> = {};
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(input.key)) errors.projectKey = 'Project keys must start with an uppercase letter, followed by one or more uppercase alphanumeric characters.';
    else if (this.findProject(input.key)) errors.projectKey = `Project '${this.findProject(input.key)!.name}' uses this project key.`;
    if (!input.name?.trim()) errors.projectName = 'You must specify a valid project name.';
    else if (Object.values(this.state.projects).some((p) => p.name.toLowerCase() === input.name.toLowerCase())) errors.projectName = 'A project with that name already exists.';
    if (!this.state.users[input.leadAccountId]) errors.projectLead = 'The project lead must be a valid user.';
    if (Object.keys(errors).length > 0) throw new JiraHttpError(400, errorBody([], errors));
    const id = String(this.state.counters.project++);
    this.state.projects[id] = {
      id,
      key: input.key,
      name: input.name,
      projectTypeKey: input.projectTypeKey ?? 'software',
      leadAccountId: input.leadAccountId,
      description: input.description ?? '',
      issueTypeIds: Object.keys(this.state.issueTypes),
      statusIds: DEFAULT_STATUSES.map((s) => s.id),
      nextIssueNumber: 1,
      ...(input.screens ? { screens: checkedScreens(input.screens) } : {}),
    };
    return { id, key: input.key };
  }

  /** Changes which fields a project's create and edit screens hold (an admin's screen scheme change). */
  setScreens(projectKey: string, screens: ProjectScreens | null): void {
    const project = this.project(projectKey);
    if (screens === null) delete project.screens;
    else project.screens = checkedScreens(screens);
  }

  /** The fields on a project's create or edit screen. */
  screenFields(project: StoredProject, screen: 'create' | 'edit'): readonly string[] {
    return project.screens?.[screen] ?? SCREEN_FIELDS;
  }

  /** A project by id or key (keys are case-insensitive in URLs), visible or not. */
  findProject(idOrKey: string): StoredProject | undefined {
    if (/^\d+$/.test(idOrKey)) return this.state.projects[idOrKey];
    const upper = idOrKey.toUpperCase();
    return Object.values(this.state.projects).find((p) => p.key === upper);
  }

  project(idOrKey: string): StoredProject {
    const project = this.findProject(idOrKey);
    if (!project) throw projectNotFound(idOrKey);
    return project;
  }

  /** A project the actor can browse; one they cannot is reported as missing, as Jira does. */
  visibleProject(ctx: OpContext, idOrKey: string): StoredProject {
    const project = this.findProject(idOrKey);
    if (!project || (ctx.checkPermissions && !this.canBrowse(ctx.actor, project))) throw projectNotFound(idOrKey);
    return project;
  }

  // ------------------------------------------------------------------ issues

  findIssue(idOrKey: string): StoredIssue | undefined {
    const id = /^\d+$/.test(idOrKey) ? idOrKey : this.state.issueKeys[idOrKey.toUpperCase()];
    return id === undefined ? undefined : this.state.issues[id];
  }

  projectOf(issue: StoredIssue): StoredProject {
    const project = this.state.projects[issue.projectId];
    if (!project) throw new Error(`Issue ${issue.key} belongs to a missing project ${issue.projectId}`);
    return project;
  }

  /** An issue the actor can browse; anything else is Jira's 404 "does not exist or no permission". */
  visibleIssue(ctx: OpContext, idOrKey: string): StoredIssue {
    const issue = this.findIssue(idOrKey);
    if (!issue || (ctx.checkPermissions && !this.canBrowse(ctx.actor, this.projectOf(issue)))) throw issueNotFound();
    return issue;
  }

  issuesOf(projectId?: string): StoredIssue[] {
    return Object.values(this.state.issues).filter((i) => projectId === undefined || i.projectId === projectId);
  }

  // ------------------------------------------------------------------ entity property indexes

  registerIndex(index: EntityPropertyIndex): void {
    if (index.entityType !== 'issue') throw new Error(`The sandbox indexes issue properties only (module ${index.key} has ${String(index.entityType)})`);
    const existing = this.indexes.findIndex((i) => i.key === index.key);
    if (existing >= 0) this.indexes.splice(existing, 1);
    this.indexes.push(index);
  }

  aliasFor(name: string): { propertyKey: string; path: string; type: PropertyValueType } | undefined {
    const lower = name.toLowerCase();
    for (const index of this.indexes) {
      const value = index.values.find((v) => v.searchAlias?.toLowerCase() === lower);
      if (value) return { propertyKey: index.propertyKey, path: value.path, type: value.type };
    }
    return undefined;
  }

  indexFor(propertyKey: string, path: string): PropertyValueType | undefined {
    for (const index of this.indexes) {
      if (index.propertyKey !== propertyKey) continue;
      const value = index.values.find((v) => v.path === path);
      if (value) return value.type;
    }
    return undefined;
  }

  // ------------------------------------------------------------------ events

  onIssueEvent(listener: (event: JiraIssueEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: JiraIssueEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  // ------------------------------------------------------------------ state

  reset(): void {
    this.state = emptyState();
    this.ensureAppUser();
    this.searchIndex.rebuild([]);
  }

  exportState(): SiteState {
    return JSON.parse(JSON.stringify(this.state)) as SiteState;
  }

  importState(raw: unknown): void {
    const state = raw as Partial<SiteState> | null;
    if (!state || typeof state !== 'object' || state.format !== 1 || !state.users || !state.projects || !state.issues || !state.counters) {
      throw new Error('Not a state exported by the sandbox Jira service (format 1)');
    }
    this.state = withOwnMaps({ ...emptyState(), ...(JSON.parse(JSON.stringify(state)) as SiteState) });
    this.ensureAppUser();
    this.searchIndex.rebuild(Object.values(this.state.issues));
  }
}

/**
 * The enhanced JQL search (`/rest/api/3/search/jql`) and its approximate count. Queries go through
 * the JQL parser and compiler with an environment that sees only what the searcher may browse, so
 * an app searching asUser() gets the same restricted answer Jira would give. Both read the lagging
 * search index (search-index.ts); `reconcileIssues` makes the named issues current.
 */
import { createHash } from 'node:crypto';
import { badRequest } from './errors';
import { adfText } from './adf';
import { renderIssue } from './issues';
import type { CompiledJql, JqlEnvironment, JqlIssue } from './jql/compile';
import { JqlValidationError, compileJql } from './jql/compile';
import { JqlSyntaxError } from './jql/lexer';
import { parseJql } from './jql/parser';
import { MAX_RECONCILE_ISSUES } from './search-index';
import type { StoredIssue } from './model';
import type { JiraSite, OpContext } from './site';

export const UNBOUNDED = 'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.';
const DEFAULT_MAX = 50;
const MAX_IDS = 5000;
/** Assumed: Jira returns fewer issues per page when many fields are asked for; the sandbox caps `*all` at 100. */
const MAX_ALL_FIELDS = 100;

export interface SearchRequest {
  jql: string;
  fields?: string[];
  properties?: string[];
  expand?: string[];
  maxResults?: number;
  nextPageToken?: string;
  /** Issue ids read consistently despite the index lag (at most 50). */
  reconcileIssues?: number[];
}

function environment(site: JiraSite, ctx: OpContext): JqlEnvironment {
  const visible = Object.values(site.state.projects).filter((p) => !ctx.checkPermissions || site.canBrowse(ctx.actor, p));
  return {
    now: site.clock.now(),
    currentAccountId: ctx.actor.accountId,
    findProjects: (value) => {
      const lower = value.toLowerCase();
      return visible.filter((p) => p.id === value || p.key.toLowerCase() === lower || p.name.toLowerCase() === lower).map((p) => p.id);
    },
    findIssue: (value) => {
      const issue = site.findIssue(value);
      return issue && visible.some((p) => p.id === issue.projectId) ? issue.id : undefined;
    },
    findStatuses: (value) => {
      const lower = value.toLowerCase();
      return Object.values(site.state.statuses)
        .filter((s) => s.id === value || s.name.toLowerCase() === lower)
        .map((s) => s.id);
    },
    findIssueTypes: (value) => {
      const lower = value.toLowerCase();
      return Object.values(site.state.issueTypes)
        .filter((t) => t.id === value || t.name.toLowerCase() === lower)
        .map((t) => t.id);
    },
    userExists: (accountId) => site.state.users[accountId] !== undefined,
    aliasFor: (name) => site.aliasFor(name),
    indexFor: (propertyKey, path) => site.indexFor(propertyKey, path),
  };
}

export function toJqlIssue(site: JiraSite, issue: StoredIssue): JqlIssue {
  const project = site.projectOf(issue);
  const status = site.state.statuses[issue.statusId];
  return {
    id: issue.id,
    key: issue.key,
    projectId: project.id,
    projectKey: project.key,
    number: Number(issue.key.slice(issue.key.lastIndexOf('-') + 1)),
    issueTypeId: issue.issueTypeId,
    issueTypeName: site.state.issueTypes[issue.issueTypeId]?.name ?? '',
    statusId: issue.statusId,
    statusName: status?.name ?? '',
    statusCategory: status?.category ?? 'new',
    summary: issue.summary,
    descriptionText: adfText(issue.description),
    assigneeId: issue.assigneeId,
    reporterId: issue.reporterId,
    creatorId: issue.creatorId,
    labels: issue.labels,
    duedate: issue.duedate ? Date.parse(`${issue.duedate}T00:00:00Z`) : null,
    created: issue.created,
    updated: issue.updated,
    parentId: issue.parentId,
    properties: issue.properties,
  };
}

/** Parses and compiles; syntax and validation problems become Jira's 400 with its messages. */
function compile(site: JiraSite, ctx: OpContext, jql: string): CompiledJql {
  try {
    const compiled = compileJql(parseJql(jql), environment(site, ctx));
    if (!compiled.bounded) throw badRequest(UNBOUNDED);
    return compiled;
  } catch (error) {
    if (error instanceof JqlSyntaxError) throw badRequest(error.message);
    if (error instanceof JqlValidationError) throw badRequest(...error.messages);
    throw error;
  }
}

/** Every visible issue the query matches in the index (reconciled ids as they are now), in the query's order. */
function run(site: JiraSite, ctx: OpContext, jql: string, reconcile: number[] = []): Array<{ stored: StoredIssue; view: JqlIssue }> {
  const compiled = compile(site, ctx, jql);
  return site.searchIndex
    .view(site.state.issues, new Set(reconcile.map(String)))
    .filter((issue) => !ctx.checkPermissions || site.canBrowse(ctx.actor, site.projectOf(issue)))
    .map((stored) => ({ stored, view: toJqlIssue(site, stored) }))
    .filter((i) => compiled.matches(i.view))
    .sort((a, b) => compiled.compare(a.view, b.view));
}

const queryHash = (jql: string) => createHash('sha256').update(jql).digest('hex').slice(0, 12);

function encodeToken(offset: number, jql: string): string {
  return Buffer.from(JSON.stringify({ o: offset, q: queryHash(jql) })).toString('base64url');
}

function decodeToken(token: string, jql: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; q?: unknown };
    if (typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0 && parsed.q === queryHash(jql)) return parsed.o;
  } catch {
    // fall through to the error below
  }
  throw badRequest('The provided next page token is invalid or expired.');
}

export function searchJql(site: JiraSite, ctx: OpContext, request: SearchRequest): Record<string, unknown> {
  if (typeof request.jql !== 'string' || request.jql.trim() === '') throw badRequest(UNBOUNDED);
  const fields = request.fields ?? [];
  const idsOnly = fields.length === 0 || fields.every((f) => f === 'id');
  const cap = fields.some((f) => f === '*all' || f === '*navigable') ? MAX_ALL_FIELDS : MAX_IDS;
  const requested = request.maxResults ?? DEFAULT_MAX;
  if (!Number.isInteger(requested) || requested < 0) throw badRequest('The maxResults parameter must be a non-negative integer.');
  const pageSize = Math.min(requested, cap);
  const offset = request.nextPageToken ? decodeToken(request.nextPageToken, request.jql) : 0;
  const reconcile = request.reconcileIssues ?? [];
  if (reconcile.length > MAX_RECONCILE_ISSUES) throw badRequest(`The reconcileIssues parameter accepts at most ${MAX_RECONCILE_ISSUES} issue ids.`);
  const matches = run(site, ctx, request.jql, reconcile);
  const page = matches.slice(offset, offset + pageSize);
  const isLast = offset + page.length >= matches.length;
  const issues = page.map(({ stored }) =>
    idsOnly && !request.properties?.length && !request.expand?.length
      ? { id: stored.id }
      : renderIssue(site, stored, { fields: idsOnly ? ['id'] : fields, ...(request.expand ? { expand: request.expand } : {}), ...(request.properties ? { properties: request.properties } : {}) }),
  );
  return { issues, ...(isLast ? {} : { nextPageToken: encodeToken(offset + page.length, request.jql) }), isLast };
}

export function approximateCount(site: JiraSite, ctx: OpContext, jql: unknown): { count: number } {
  if (typeof jql !== 'string' || jql.trim() === '') throw badRequest(UNBOUNDED);
  return { count: run(site, ctx, jql).length };
}

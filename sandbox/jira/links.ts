/**
 * What hangs off an issue besides its fields: issue links, remote links (create-or-update by
 * globalId, which is how apps keep one link per external record) and entity properties (the JSON
 * values `jira:entityProperty` modules index for JQL).
 */
import { JiraHttpError, badRequest, errorBody, notFound } from './errors';
import { issueRef } from './issues';
import type { StoredIssue, StoredLinkType, StoredRemoteLink } from './model';
import type { JiraSite, OpContext } from './site';

export const NO_LINK = 'You do not have the permission to link issues in this project.';
const MAX_PROPERTY_BYTES = 32768;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refOf(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.key === 'string') return value.key;
  if (typeof value.id === 'string' || typeof value.id === 'number') return String(value.id);
  return undefined;
}

// ------------------------------------------------------------------ issue links

function linkType(site: JiraSite, ref: unknown): StoredLinkType | undefined {
  if (!isRecord(ref)) return undefined;
  const types = Object.values(site.state.linkTypes);
  if (typeof ref.id === 'string') return types.find((t) => t.id === ref.id);
  if (typeof ref.name === 'string') return types.find((t) => t.name.toLowerCase() === String(ref.name).toLowerCase());
  return undefined;
}

/** POST /issueLink `{ type, inwardIssue, outwardIssue }` → 201; returns the new link's id. */
export function createIssueLink(site: JiraSite, ctx: OpContext, body: unknown): string {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  const type = linkType(site, body.type);
  if (!type) throw new JiraHttpError(404, errorBody([`No issue link type with name '${isRecord(body.type) ? String(body.type.name ?? body.type.id) : ''}' found.`]));
  const inwardRef = refOf(body.inwardIssue);
  const outwardRef = refOf(body.outwardIssue);
  if (!inwardRef || !outwardRef) throw badRequest('Both inwardIssue and outwardIssue are required.');
  const inward = site.visibleIssue(ctx, inwardRef);
  const outward = site.visibleIssue(ctx, outwardRef);
  site.require(ctx, site.projectOf(inward), 'LINK_ISSUES', NO_LINK);
  if (inward.id === outward.id) throw badRequest('You cannot link an issue to itself.');
  const existing = Object.values(site.state.issueLinks).find((l) => l.typeId === type.id && l.inwardIssueId === inward.id && l.outwardIssueId === outward.id);
  if (existing) return existing.id;
  const id = String(site.state.counters.issueLink++);
  site.state.issueLinks[id] = { id, typeId: type.id, inwardIssueId: inward.id, outwardIssueId: outward.id };
  return id;
}

/** A link is visible when both of its issues are. */
function visibleLink(site: JiraSite, ctx: OpContext, linkId: string) {
  const link = site.state.issueLinks[linkId];
  const missing = () => notFound(`No issue link with id '${linkId}' exists.`);
  if (!link) throw missing();
  const inward = site.state.issues[link.inwardIssueId];
  const outward = site.state.issues[link.outwardIssueId];
  if (!inward || !outward) throw missing();
  if (ctx.checkPermissions && !(site.canBrowse(ctx.actor, site.projectOf(inward)) && site.canBrowse(ctx.actor, site.projectOf(outward)))) throw missing();
  return { link, inward, outward };
}

export function renderIssueLink(site: JiraSite, ctx: OpContext, linkId: string): Record<string, unknown> {
  const { link, inward, outward } = visibleLink(site, ctx, linkId);
  const type = site.state.linkTypes[link.typeId]!;
  return {
    id: link.id,
    self: site.render.api(`/issueLink/${link.id}`),
    type: { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: site.render.api(`/issueLinkType/${type.id}`) },
    inwardIssue: issueRef(site, inward),
    outwardIssue: issueRef(site, outward),
  };
}

export function deleteIssueLink(site: JiraSite, ctx: OpContext, linkId: string): void {
  const { link, inward } = visibleLink(site, ctx, linkId);
  site.require(ctx, site.projectOf(inward), 'LINK_ISSUES', NO_LINK);
  delete site.state.issueLinks[link.id];
}

// ------------------------------------------------------------------ remote links

function renderRemote(site: JiraSite, issue: StoredIssue, link: StoredRemoteLink): Record<string, unknown> {
  return {
    id: link.id,
    self: site.render.api(`/issue/${issue.key}/remotelink/${link.id}`),
    ...(link.globalId !== undefined ? { globalId: link.globalId } : {}),
    application: link.application ?? {},
    ...(link.relationship !== undefined ? { relationship: link.relationship } : {}),
    object: link.object,
  };
}

function remoteLinksOf(site: JiraSite, issue: StoredIssue): StoredRemoteLink[] {
  return Object.values(site.state.remoteLinks)
    .filter((l) => l.issueId === issue.id)
    .sort((a, b) => a.id - b.id);
}

/** GET /issue/{key}/remotelink[?globalId=]: all links, or the one with that globalId (404 if none). */
export function getRemoteLinks(site: JiraSite, issue: StoredIssue, globalId: string | null): unknown {
  const links = remoteLinksOf(site, issue);
  if (globalId === null) return links.map((l) => renderRemote(site, issue, l));
  const found = links.find((l) => l.globalId === globalId);
  if (!found) throw notFound(`No remote link with globalId '${globalId}' found for issue ${issue.key}.`);
  return renderRemote(site, issue, found);
}

export function getRemoteLink(site: JiraSite, issue: StoredIssue, linkId: string): Record<string, unknown> {
  const link = site.state.remoteLinks[linkId];
  if (!link || link.issueId !== issue.id) throw notFound(`No remote link with id '${linkId}' found for issue ${issue.key}.`);
  return renderRemote(site, issue, link);
}

function requireLinkEdit(site: JiraSite, ctx: OpContext, issue: StoredIssue): void {
  const project = site.projectOf(issue);
  site.require(ctx, project, 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
  site.require(ctx, project, 'LINK_ISSUES', NO_LINK);
}

function parseRemote(body: unknown): Omit<StoredRemoteLink, 'id' | 'issueId'> {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  const object = body.object;
  const errors: Record<string, string> = {};
  if (!isRecord(object)) errors.object = "'object' is required.";
  else {
    if (typeof object.url !== 'string' || object.url.trim() === '') errors.url = "'url' is required.";
    if (typeof object.title !== 'string' || object.title.trim() === '') errors.title = "'title' is required.";
  }
  if (body.globalId !== undefined && (typeof body.globalId !== 'string' || body.globalId.length > 255)) errors.globalId = "'globalId' must be a string of at most 255 characters.";
  if (Object.keys(errors).length > 0) throw new JiraHttpError(400, errorBody([], errors));
  return {
    ...(typeof body.globalId === 'string' ? { globalId: body.globalId } : {}),
    ...(isRecord(body.application) ? { application: body.application as StoredRemoteLink['application'] } : {}),
    ...(typeof body.relationship === 'string' ? { relationship: body.relationship } : {}),
    object: JSON.parse(JSON.stringify(object)) as StoredRemoteLink['object'],
  };
}

/** POST /issue/{key}/remotelink: with a known globalId it updates that link (200), else creates (201). */
export function upsertRemoteLink(site: JiraSite, ctx: OpContext, issue: StoredIssue, body: unknown): { created: boolean; link: Record<string, unknown> } {
  requireLinkEdit(site, ctx, issue);
  const parsed = parseRemote(body);
  const existing = parsed.globalId === undefined ? undefined : remoteLinksOf(site, issue).find((l) => l.globalId === parsed.globalId);
  const id = existing?.id ?? site.state.counters.remoteLink++;
  site.state.remoteLinks[String(id)] = { id, issueId: issue.id, ...parsed };
  return { created: !existing, link: { id, self: site.render.api(`/issue/${issue.key}/remotelink/${id}`) } };
}

/** PUT /issue/{key}/remotelink/{linkId}: replaces the link. */
export function updateRemoteLink(site: JiraSite, ctx: OpContext, issue: StoredIssue, linkId: string, body: unknown): void {
  getRemoteLink(site, issue, linkId);
  requireLinkEdit(site, ctx, issue);
  const parsed = parseRemote(body);
  site.state.remoteLinks[linkId] = { id: Number(linkId), issueId: issue.id, ...parsed };
}

export function deleteRemoteLink(site: JiraSite, ctx: OpContext, issue: StoredIssue, by: { linkId: string } | { globalId: string }): void {
  requireLinkEdit(site, ctx, issue);
  const link = 'linkId' in by ? site.state.remoteLinks[by.linkId] : remoteLinksOf(site, issue).find((l) => l.globalId === by.globalId);
  if (!link || link.issueId !== issue.id) throw notFound('linkId' in by ? `No remote link with id '${by.linkId}' found for issue ${issue.key}.` : `No remote link with globalId '${by.globalId}' found for issue ${issue.key}.`);
  delete site.state.remoteLinks[String(link.id)];
}

// ------------------------------------------------------------------ entity properties

export function propertyKeys(site: JiraSite, issue: StoredIssue): Record<string, unknown> {
  return { keys: Object.keys(issue.properties).map((key) => ({ self: site.render.api(`/issue/${issue.id}/properties/${encodeURIComponent(key)}`), key })) };
}

export function getProperty(issue: StoredIssue, key: string): Record<string, unknown> {
  if (!(key in issue.properties)) throw notFound(`The property with key '${key}' does not exist.`);
  return { key, value: issue.properties[key] };
}

/** PUT /issue/{key}/properties/{key}: the raw body is the value; 201 when new, 200 when replaced. */
export function setProperty(site: JiraSite, ctx: OpContext, issue: StoredIssue, key: string, rawBody: string | undefined): boolean {
  site.require(ctx, site.projectOf(issue), 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
  if (key.length === 0 || key.length > 255) throw badRequest('The property key must be between 1 and 255 characters long.');
  if (rawBody === undefined || rawBody.trim() === '') throw badRequest('The property value must not be empty.');
  if (Buffer.byteLength(rawBody, 'utf8') > MAX_PROPERTY_BYTES) throw badRequest(`The property value is too large. It must be less than ${MAX_PROPERTY_BYTES} bytes.`);
  let value: unknown;
  try {
    value = JSON.parse(rawBody);
  } catch {
    throw badRequest('The property value must be valid JSON.');
  }
  const created = !(key in issue.properties);
  issue.properties[key] = value;
  site.searchIndex.written(issue);
  return created;
}

export function deleteProperty(site: JiraSite, ctx: OpContext, issue: StoredIssue, key: string): void {
  site.require(ctx, site.projectOf(issue), 'EDIT_ISSUES', 'You do not have permission to edit issues in this project.');
  if (!(key in issue.properties)) throw notFound(`The property with key '${key}' does not exist.`);
  delete issue.properties[key];
  site.searchIndex.written(issue);
}


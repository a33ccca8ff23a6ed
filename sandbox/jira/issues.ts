/**
 * Issue operations: create, read, edit, transition, delete. REST and admin calls both come here;
 * `ctx.checkPermissions` is the only difference, so validation, changelogs and events are identical.
 */
import type { JiraIssueEvent } from '../platform/types';
import { ADF_ERROR, adfParagraph, isAdfDocument } from './adf';
import { JiraHttpError, badRequest, cannotBeAssigned, cannotSet, errorBody } from './errors';
import { notSupported } from './parameters';
import type { ChangeItem, StoredIssue, StoredIssueType, StoredProject, StoredStatus } from './model';
import { jiraDate } from './render';
import type { JiraSite, OpContext } from './site';

/** The fields REST v3 accepts in `fields` on create and edit (others: "cannot be set"). */
export interface IssuePatch {
  summary?: string;
  description?: unknown | null;
  labels?: string[];
  assigneeId?: string | null;
  duedate?: string | null;
  parentId?: string | null;
}

const SETTABLE = new Set(['summary', 'description', 'labels', 'assignee', 'duedate', 'parent']);
const CREATE_ONLY = new Set(['project', 'issuetype']);

export const NO_CREATE = 'You do not have permission to create issues in this project.';
export const NO_EDIT = 'You do not have permission to edit issues in this project.';
export const NO_TRANSITION = 'You do not have permission to transition this issue.';
export const NO_DELETE = 'You do not have permission to delete issues in this project.';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads REST `fields` into a patch, collecting Jira-style per-field errors. `screen` is the fields
 * the project's create or edit screen holds (a transition without a screen holds none): any other
 * field "cannot be set", as Jira answers.
 */
export function parseFields(site: JiraSite, fields: Record<string, unknown>, creating: boolean, errors: Record<string, string>, screen?: readonly string[]): IssuePatch {
  const patch: IssuePatch = {};
  for (const [name, value] of Object.entries(fields)) {
    if (CREATE_ONLY.has(name) && creating) continue;
    if (!SETTABLE.has(name) || (screen && !screen.includes(name))) {
      errors[name] = cannotSet(name);
      continue;
    }
    switch (name) {
      case 'summary':
        if (typeof value !== 'string' || value.trim() === '') errors.summary = 'You must specify a summary of the issue.';
        else if (value.length > 255) errors.summary = 'Summary must be less than 255 characters.';
        else patch.summary = value.replace(/[\r\n]+/g, ' ');
        break;
      case 'description':
        if (value !== null && !isAdfDocument(value)) errors.description = ADF_ERROR;
        else patch.description = value;
        break;
      case 'labels':
        if (!Array.isArray(value) || !value.every((l): l is string => typeof l === 'string')) errors.labels = 'Labels must be a list of strings.';
        else if (value.some((l) => /\s/.test(l) || l === '')) errors.labels = `The label '${value.find((l) => /\s/.test(l) || l === '')}' contains spaces which is invalid.`;
        else if (value.some((l) => l.length > 255)) errors.labels = 'The label must not exceed 255 characters.';
        else patch.labels = [...new Set(value)];
        break;
      case 'assignee': {
        const accountId = value === null ? null : isRecord(value) && typeof value.accountId === 'string' ? value.accountId : undefined;
        if (accountId === undefined) errors.assignee = 'Specify the assignee as an object with an accountId, or null.';
        else if (accountId !== null && !site.state.users[accountId]) errors.assignee = `User '${accountId}' does not exist.`;
        else patch.assigneeId = accountId;
        break;
      }
      case 'duedate':
        if (value === null) patch.duedate = null;
        else if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) errors.duedate = `Error parsing date string: ${String(value)}`;
        else patch.duedate = value;
        break;
      case 'parent': {
        const ref = isRecord(value) ? (typeof value.key === 'string' ? value.key : typeof value.id === 'string' ? value.id : undefined) : value === null ? null : undefined;
        if (ref === undefined) errors.parent = 'Specify the parent as an object with a key or an id.';
        else if (ref === null) patch.parentId = null;
        else {
          const parent = site.findIssue(ref);
          if (!parent) errors.parent = `Could not find issue by id or key '${ref}'.`;
          else patch.parentId = parent.id;
        }
        break;
      }
    }
  }
  return patch;
}

/** Jira's hierarchy: epics have no parent, standard types may sit under an epic, sub-tasks need a standard parent. */
function checkHierarchy(site: JiraSite, project: StoredProject, type: StoredIssueType, parentId: string | null, errors: Record<string, string>): void {
  if (parentId === null) {
    if (type.subtask) errors.parent = 'Sub-task issues must have a parent.';
    return;
  }
  const parent = site.state.issues[parentId];
  const parentType = parent ? site.state.issueTypes[parent.issueTypeId] : undefined;
  if (!parent || !parentType) return;
  if (parent.projectId !== project.id) errors.parent = 'The parent must be in the same project.';
  else if (parentType.hierarchyLevel !== type.hierarchyLevel + 1) errors.parent = 'Given parent work item does not belong to appropriate hierarchy.';
}

/**
 * Jira refuses an assignee who lacks Assignable User in the issue's project with a field error
 * (400, `errors.assignee`), on create, edit and transition alike; unassigned is allowed.
 */
function checkAssignee(site: JiraSite, project: StoredProject, patch: IssuePatch, errors: Record<string, string>): void {
  if (patch.assigneeId && !errors.assignee && !site.isAssignable(patch.assigneeId, project)) errors.assignee = cannotBeAssigned(patch.assigneeId);
}

function throwIfErrors(errors: Record<string, string>): void {
  if (Object.keys(errors).length > 0) throw new JiraHttpError(400, errorBody([], errors));
}

function findIssueType(site: JiraSite, project: StoredProject, ref: unknown): StoredIssueType | undefined {
  if (!isRecord(ref)) return undefined;
  const types = project.issueTypeIds.map((id) => site.state.issueTypes[id]).filter((t): t is StoredIssueType => t !== undefined);
  if (typeof ref.id === 'string') return types.find((t) => t.id === ref.id);
  if (typeof ref.name === 'string') return types.find((t) => t.name.toLowerCase() === String(ref.name).toLowerCase());
  return undefined;
}

/**
 * The `update` verbs of create, edit and transition, folded into `fields` as Jira applies them:
 * `set` on every settable field, `add` and `remove` on labels (the only list field here). A verb a
 * field does not take, or a field given in both `fields` and `update`, is a field error.
 */
export function foldUpdate(issue: StoredIssue | undefined, fields: Record<string, unknown>, update: unknown, errors: Record<string, string>): Record<string, unknown> {
  if (update === undefined) return fields;
  if (!isRecord(update)) {
    errors.update = 'update must be an object of field → list of operations.';
    return fields;
  }
  const out = { ...fields };
  for (const [field, operations] of Object.entries(update)) {
    if (field in fields) {
      errors[field] = `Field '${field}' cannot be set in both 'fields' and 'update'.`;
      continue;
    }
    if (!SETTABLE.has(field)) {
      errors[field] = cannotSet(field);
      continue;
    }
    if (!Array.isArray(operations) || !operations.every((o) => isRecord(o) && Object.keys(o).length === 1)) {
      errors[field] = `The update of '${field}' must be a list of single operations such as { "set": … }.`;
      continue;
    }
    let labels = field === 'labels' ? [...(issue?.labels ?? [])] : undefined;
    for (const operation of operations as Array<Record<string, unknown>>) {
      const [verb, value] = Object.entries(operation)[0]!;
      if (verb === 'set') {
        out[field] = value;
        if (labels) labels = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : labels;
      } else if (labels && (verb === 'add' || verb === 'remove') && typeof value === 'string') {
        labels = verb === 'add' ? [...labels, value] : labels.filter((l) => l !== value);
        out.labels = labels;
      } else {
        errors[field] = `Field '${field}' does not support the operation '${verb}'${labels ? ' with this value' : ''}.`;
      }
    }
  }
  return out;
}

/** Parts of a create or edit body the sandbox does not emulate: refused by name, never ignored. */
function refuseUnemulated(body: Record<string, unknown>, creating: boolean): void {
  const refused = [...(creating ? ['transition'] : []), 'historyMetadata'].filter((key) => body[key] !== undefined);
  if (refused.length > 0) throw notSupported(`'${refused[0]}' in the body of ${creating ? 'POST /issue' : 'PUT /issue/{id}'}`);
}

/** POST /rest/api/3/issue with `{ fields, update?, properties? }`. */
export function createIssue(site: JiraSite, ctx: OpContext, body: unknown): StoredIssue {
  if (!isRecord(body) || !isRecord(body.fields)) throw badRequest('The request body must have a "fields" object.');
  refuseUnemulated(body, true);
  const updateErrors: Record<string, string> = {};
  const fields = foldUpdate(undefined, body.fields, body.update, updateErrors);
  const errors: Record<string, string> = {};
  const projectRef = isRecord(fields.project) ? (typeof fields.project.key === 'string' ? fields.project.key : typeof fields.project.id === 'string' ? fields.project.id : undefined) : undefined;
  const project = projectRef === undefined ? undefined : site.findProject(projectRef);
  const visible = project && (!ctx.checkPermissions || site.canBrowse(ctx.actor, project)) ? project : undefined;
  if (!visible) errors.project = 'Specify a valid project ID or key';
  const type = visible ? findIssueType(site, visible, fields.issuetype) : undefined;
  if (visible && !type) errors.issuetype = fields.issuetype === undefined ? 'Specify an issue type' : 'The issue type selected is invalid.';
  if (fields.summary === undefined) errors.summary = 'You must specify a summary of the issue.';
  if (visible) site.require(ctx, visible, 'CREATE_ISSUES', NO_CREATE);
  const patch = parseFields(site, fields, true, errors, visible ? site.screenFields(visible, 'create') : undefined);
  Object.assign(errors, updateErrors);
  const properties = parseProperties(body.properties, errors);
  if (visible && type) checkHierarchy(site, visible, type, patch.parentId ?? null, errors);
  if (visible) checkAssignee(site, visible, patch, errors);
  throwIfErrors(errors);
  const p = visible!;
  const now = site.clock.now();
  const id = String(site.state.counters.issue++);
  const key = `${p.key}-${p.nextIssueNumber++}`;
  const firstStatus = p.statusIds[0]!;
  const issue: StoredIssue = {
    id,
    key,
    projectId: p.id,
    issueTypeId: type!.id,
    statusId: firstStatus,
    summary: patch.summary ?? '',
    description: patch.description ?? null,
    assigneeId: patch.assigneeId ?? null,
    reporterId: ctx.actor.accountId,
    creatorId: ctx.actor.accountId,
    labels: patch.labels ?? [],
    duedate: patch.duedate ?? null,
    parentId: patch.parentId ?? null,
    created: now,
    updated: now,
    statusCategoryChanged: now,
    properties,
    changelog: [],
  };
  site.state.issues[id] = issue;
  site.state.issueKeys[key] = id;
  site.searchIndex.written(issue);
  site.emit(issueEvent(site, 'avi:jira:created:issue', ctx, issue));
  return issue;
}

/** `properties: [{ key, value }]` on create and edit. */
function parseProperties(raw: unknown, errors: Record<string, string>): Record<string, unknown> {
  if (raw === undefined) return {};
  if (!Array.isArray(raw) || !raw.every((p) => isRecord(p) && typeof p.key === 'string' && p.key.length > 0 && p.key.length <= 255 && 'value' in p)) {
    errors.properties = 'Properties must be a list of { key, value } objects.';
    return {};
  }
  return Object.fromEntries((raw as Array<{ key: string; value: unknown }>).map((p) => [p.key, p.value]));
}

/** PUT /rest/api/3/issue/{key} with `{ fields?, update?, properties? }`. */
export function editIssue(site: JiraSite, ctx: OpContext, issue: StoredIssue, body: unknown): void {
  if (!isRecord(body)) throw badRequest('The request body must be a JSON object.');
  refuseUnemulated(body, false);
  site.require(ctx, site.projectOf(issue), 'EDIT_ISSUES', NO_EDIT);
  const errors: Record<string, string> = {};
  const fields = foldUpdate(issue, isRecord(body.fields) ? body.fields : {}, body.update, errors);
  const patch = parseFields(site, fields, false, errors, site.screenFields(site.projectOf(issue), 'edit'));
  const properties = parseProperties(body.properties, errors);
  if (patch.parentId !== undefined) {
    if (patch.parentId === issue.id) errors.parent = 'An issue cannot be its own parent.';
    else checkHierarchy(site, site.projectOf(issue), site.state.issueTypes[issue.issueTypeId]!, patch.parentId, errors);
  }
  checkAssignee(site, site.projectOf(issue), patch, errors);
  throwIfErrors(errors);
  Object.assign(issue.properties, properties);
  if (Object.keys(properties).length > 0) site.searchIndex.written(issue);
  applyChanges(site, ctx, issue, patch, undefined);
}

/** Applies a patch and a status change as one changelog entry and one "updated" event. */
function applyChanges(site: JiraSite, ctx: OpContext, issue: StoredIssue, patch: IssuePatch, status: StoredStatus | undefined): void {
  const items: ChangeItem[] = [];
  const item = (field: string, from: string | null, fromString: string | null, to: string | null, toString: string | null) =>
    items.push({ field, fieldtype: 'jira', fieldId: field, from, fromString, to, toString });
  const name = (accountId: string | null) => (accountId ? (site.state.users[accountId]?.displayName ?? accountId) : null);
  if (patch.summary !== undefined && patch.summary !== issue.summary) {
    item('summary', null, issue.summary, null, patch.summary);
    issue.summary = patch.summary;
  }
  if (patch.description !== undefined && JSON.stringify(patch.description) !== JSON.stringify(issue.description)) {
    item('description', null, issue.description === null ? null : JSON.stringify(issue.description), null, patch.description === null ? null : JSON.stringify(patch.description));
    issue.description = patch.description;
  }
  if (patch.labels !== undefined && patch.labels.join(' ') !== issue.labels.join(' ')) {
    item('labels', null, issue.labels.join(' '), null, patch.labels.join(' '));
    issue.labels = patch.labels;
  }
  if (patch.assigneeId !== undefined && patch.assigneeId !== issue.assigneeId) {
    item('assignee', issue.assigneeId, name(issue.assigneeId), patch.assigneeId, name(patch.assigneeId));
    issue.assigneeId = patch.assigneeId;
  }
  if (patch.duedate !== undefined && patch.duedate !== issue.duedate) {
    item('duedate', issue.duedate, issue.duedate, patch.duedate, patch.duedate);
    issue.duedate = patch.duedate;
  }
  if (patch.parentId !== undefined && patch.parentId !== issue.parentId) {
    const key = (id: string | null) => (id ? (site.state.issues[id]?.key ?? null) : null);
    item('IssueParentAssociation', issue.parentId, key(issue.parentId), patch.parentId, key(patch.parentId));
    issue.parentId = patch.parentId;
  }
  const now = site.clock.now();
  if (status && status.id !== issue.statusId) {
    const before = site.state.statuses[issue.statusId];
    item('status', issue.statusId, before?.name ?? null, status.id, status.name);
    if (before?.category !== status.category) issue.statusCategoryChanged = now;
    issue.statusId = status.id;
  }
  if (items.length === 0) return;
  issue.updated = now;
  const changelog = { id: String(site.state.counters.changelog++), authorId: ctx.actor.accountId, created: now, items };
  issue.changelog.push(changelog);
  site.searchIndex.written(issue);
  site.emit({
    ...issueEvent(site, 'avi:jira:updated:issue', ctx, issue),
    changelog: { id: changelog.id, items: items.map(({ field, fieldId, from, fromString, to, toString }) => ({ field, fieldId, from, fromString, to, toString })) },
  });
}

// ------------------------------------------------------------------ transitions

/** The default simplified workflow: every status reachable from any other; ids 11, 21, 31 as on a new site. */
export function transitionsFor(site: JiraSite, issue: StoredIssue): Array<{ id: string; status: StoredStatus }> {
  return site
    .projectOf(issue)
    .statusIds.map((statusId, index) => ({ id: String((index + 1) * 10 + 1), status: site.state.statuses[statusId] }))
    .filter((t): t is { id: string; status: StoredStatus } => t.status !== undefined && t.status.id !== issue.statusId);
}

export function renderTransitions(site: JiraSite, issue: StoredIssue, transitionId?: string): Record<string, unknown> {
  return {
    expand: 'transitions',
    transitions: transitionsFor(site, issue).filter((t) => transitionId === undefined || t.id === transitionId).map((t) => ({
      id: t.id,
      name: t.status.name,
      to: site.render.status(t.status),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    })),
  };
}

/** POST /issue/{key}/transitions `{ transition: { id }, fields? }`. */
export function transitionIssue(site: JiraSite, ctx: OpContext, issue: StoredIssue, body: unknown): void {
  if (!isRecord(body) || !isRecord(body.transition) || (typeof body.transition.id !== 'string' && typeof body.transition.id !== 'number')) {
    throw badRequest('Missing transition in the request body.');
  }
  site.require(ctx, site.projectOf(issue), 'TRANSITION_ISSUES', NO_TRANSITION);
  const id = String(body.transition.id);
  const transition = transitionsFor(site, issue).find((t) => t.id === id);
  if (!transition) throw badRequest(`Transition id '${id}' is not valid for this issue.`);
  if (body.historyMetadata !== undefined) throw notSupported(`'historyMetadata' in the body of POST /issue/{id}/transitions`);
  const errors: Record<string, string> = {};
  const fields = foldUpdate(issue, isRecord(body.fields) ? body.fields : {}, body.update, errors);
  // The default workflow's transitions have no screen (hasScreen: false): no field can be set on them.
  const patch = parseFields(site, fields, false, errors, []);
  checkAssignee(site, site.projectOf(issue), patch, errors);
  const properties = parseProperties(body.properties, errors);
  throwIfErrors(errors);
  Object.assign(issue.properties, properties);
  if (Object.keys(properties).length > 0) site.searchIndex.written(issue);
  applyChanges(site, ctx, issue, patch, transition.status);
}

/** The admin form: move an issue to a status of its workflow by name. */
export function transitionToStatus(site: JiraSite, ctx: OpContext, issue: StoredIssue, statusName: string): void {
  const target = transitionsFor(site, issue).find((t) => t.status.name.toLowerCase() === statusName.toLowerCase());
  if (!target) {
    if (site.state.statuses[issue.statusId]?.name.toLowerCase() === statusName.toLowerCase()) return;
    throw badRequest(`The workflow of ${issue.key} has no status '${statusName}'.`);
  }
  transitionIssue(site, ctx, issue, { transition: { id: target.id } });
}

// ------------------------------------------------------------------ delete

/** DELETE /issue/{key}?deleteSubtasks=; children of an epic lose their parent, links go with the issue. */
export function deleteIssue(site: JiraSite, ctx: OpContext, issue: StoredIssue, deleteSubtasks: boolean): void {
  site.require(ctx, site.projectOf(issue), 'DELETE_ISSUES', NO_DELETE);
  const children = Object.values(site.state.issues).filter((i) => i.parentId === issue.id);
  const subtasks = children.filter((c) => site.state.issueTypes[c.issueTypeId]?.subtask);
  if (subtasks.length > 0 && !deleteSubtasks) throw badRequest('The issue has subtasks. To delete the issue you must delete the subtasks first, or use deleteSubtasks=true.');
  const event = issueEvent(site, 'avi:jira:deleted:issue', ctx, issue);
  for (const sub of subtasks) deleteIssue(site, { ...ctx, checkPermissions: false }, sub, true);
  for (const child of children) {
    if (!site.state.issues[child.id]) continue;
    child.parentId = null;
    site.searchIndex.written(child);
  }
  for (const [id, link] of Object.entries(site.state.issueLinks)) if (link.inwardIssueId === issue.id || link.outwardIssueId === issue.id) delete site.state.issueLinks[id];
  for (const [id, link] of Object.entries(site.state.remoteLinks)) if (link.issueId === issue.id) delete site.state.remoteLinks[id];
  delete site.state.issues[issue.id];
  delete site.state.issueKeys[issue.key];
  site.searchIndex.deleted(issue.id);
  site.emit(event);
}

// ------------------------------------------------------------------ rendering

/** Every field the sandbox stores, in REST v3 form; `*all` and `*navigable` both mean all of them. */
export function renderFields(site: JiraSite, issue: StoredIssue): Record<string, unknown> {
  const r = site.render;
  const project = site.projectOf(issue);
  const status = site.state.statuses[issue.statusId]!;
  const type = site.state.issueTypes[issue.issueTypeId]!;
  const userOrNull = (id: string | null) => (id && site.state.users[id] ? r.user(site.state.users[id]) : null);
  const parent = issue.parentId ? site.state.issues[issue.parentId] : undefined;
  const subtasks = Object.values(site.state.issues).filter((i) => i.parentId === issue.id && site.state.issueTypes[i.issueTypeId]?.subtask);
  return {
    summary: issue.summary,
    status: r.status(status),
    issuetype: r.issueType(type),
    project: r.projectRef(project),
    description: issue.description,
    labels: [...issue.labels],
    assignee: userOrNull(issue.assigneeId),
    reporter: userOrNull(issue.reporterId),
    creator: userOrNull(issue.creatorId),
    created: jiraDate(issue.created),
    updated: jiraDate(issue.updated),
    statuscategorychangedate: jiraDate(issue.statusCategoryChanged),
    duedate: issue.duedate,
    priority: { self: r.api('/priority/3'), iconUrl: `${r.baseUrl}/images/icons/priorities/medium.svg`, name: 'Medium', id: '3' },
    resolution: null,
    resolutiondate: null,
    ...(parent ? { parent: issueRef(site, parent) } : {}),
    subtasks: subtasks.map((s) => issueRef(site, s)),
    issuelinks: issueLinksOf(site, issue),
  };
}

/** The short issue form Jira nests in parents, subtasks and links. */
export function issueRef(site: JiraSite, issue: StoredIssue): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: site.render.api(`/issue/${issue.id}`),
    fields: {
      summary: issue.summary,
      status: site.render.status(site.state.statuses[issue.statusId]!),
      priority: { name: 'Medium', id: '3' },
      issuetype: site.render.issueType(site.state.issueTypes[issue.issueTypeId]!),
    },
  };
}

export function issueLinksOf(site: JiraSite, issue: StoredIssue): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (const link of Object.values(site.state.issueLinks)) {
    const type = site.state.linkTypes[link.typeId];
    if (!type) continue;
    const typeJson = { id: type.id, name: type.name, inward: type.inward, outward: type.outward, self: site.render.api(`/issueLinkType/${type.id}`) };
    const base = { id: link.id, self: site.render.api(`/issueLink/${link.id}`), type: typeJson };
    const outward = site.state.issues[link.outwardIssueId];
    const inward = site.state.issues[link.inwardIssueId];
    if (link.inwardIssueId === issue.id && outward) out.push({ ...base, outwardIssue: issueRef(site, outward) });
    else if (link.outwardIssueId === issue.id && inward) out.push({ ...base, inwardIssue: issueRef(site, inward) });
  }
  return out;
}

/** Which fields a `fields=` parameter asks for: all by default, `-name` removes one. */
export function selectFields(all: Record<string, unknown>, requested: string[] | undefined): Record<string, unknown> {
  if (!requested || requested.length === 0) return all;
  const include = requested.filter((f) => !f.startsWith('-'));
  const exclude = new Set(requested.filter((f) => f.startsWith('-')).map((f) => f.slice(1)));
  const everything = include.some((f) => f === '*all' || f === '*navigable');
  return Object.fromEntries(Object.entries(all).filter(([name]) => !exclude.has(name) && (everything || include.includes(name))));
}

/** Display names of the system fields the sandbox stores (`expand=names`), as Jira names them. */
const FIELD_NAMES: Record<string, string> = {
  summary: 'Summary', description: 'Description', labels: 'Labels', assignee: 'Assignee', reporter: 'Reporter', creator: 'Creator', duedate: 'Due date',
  parent: 'Parent', status: 'Status', issuetype: 'Issue Type', project: 'Project', created: 'Created', updated: 'Updated', statuscategorychangedate: 'Status Category Changed',
  priority: 'Priority', resolution: 'Resolution', issuelinks: 'Linked Issues', subtasks: 'Sub-tasks',
};

export interface RenderOptions {
  fields?: string[];
  expand?: string[];
  properties?: string[];
}

export function renderIssue(site: JiraSite, issue: StoredIssue, options: RenderOptions = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: site.render.api(`/issue/${issue.id}`),
    key: issue.key,
    fields: selectFields(renderFields(site, issue), options.fields),
  };
  if (options.properties && options.properties.length > 0) {
    const all = options.properties.includes('*all');
    out.properties = Object.fromEntries(Object.entries(issue.properties).filter(([k]) => all || options.properties!.includes(k)));
  }
  if (options.expand?.includes('names')) {
    out.names = Object.fromEntries(Object.keys(out.fields as Record<string, unknown>).map((id) => [id, FIELD_NAMES[id] ?? id]));
  }
  if (options.expand?.includes('changelog')) {
    const histories = issue.changelog.map((c) => ({
      id: c.id,
      author: site.state.users[c.authorId] ? site.render.user(site.state.users[c.authorId]!) : undefined,
      created: jiraDate(c.created),
      items: c.items,
    }));
    out.changelog = { startAt: 0, maxResults: histories.length, total: histories.length, histories };
  }
  return out;
}

function issueEvent(site: JiraSite, eventType: JiraIssueEvent['eventType'], ctx: OpContext, issue: StoredIssue): JiraIssueEvent {
  return { eventType, atlassianId: ctx.actor.accountId, timestamp: site.clock.now(), issue: { id: issue.id, key: issue.key, fields: renderFields(site, issue) } };
}

/** The admin API's friendlier field names (`description` as text, `assigneeId`) in REST form. */
export function adminFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (name === 'description' && typeof value === 'string') out.description = adfParagraph(value);
    else if (name === 'assigneeId') out.assignee = value === null ? null : { accountId: value };
    else if (name === 'parentKey') out.parent = value === null ? null : { key: value };
    else out[name] = value;
  }
  return out;
}


/**
 * The Jira site's state as plain JSON-serialisable data (so `exportState()` is a deep copy), and the
 * fixed catalogues a fresh Jira Cloud site starts with: status categories, the default simplified
 * workflow, the five default issue types, the four default link types and the permission keys.
 * Ids follow what Jira Cloud returns for a new company-managed software project.
 */
import type { DashboardState } from './dashboards';

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

export interface StatusCategory {
  id: number;
  key: StatusCategoryKey | 'undefined';
  name: string;
  colorName: string;
}

export const STATUS_CATEGORIES: readonly StatusCategory[] = [
  { id: 1, key: 'undefined', name: 'No Category', colorName: 'medium-gray' },
  { id: 2, key: 'new', name: 'To Do', colorName: 'blue-gray' },
  { id: 4, key: 'indeterminate', name: 'In Progress', colorName: 'yellow' },
  { id: 3, key: 'done', name: 'Done', colorName: 'green' },
];

export function categoryByKey(key: StatusCategoryKey): StatusCategory {
  const found = STATUS_CATEGORIES.find((c) => c.key === key);
  if (!found) throw new Error(`Unknown status category ${key}`);
  return found;
}

export interface StoredStatus {
  id: string;
  name: string;
  category: StatusCategoryKey;
  description: string;
}

/** The statuses of Jira's default simplified workflow, with the ids Jira Cloud gives them. */
export const DEFAULT_STATUSES: readonly StoredStatus[] = [
  { id: '10000', name: 'To Do', category: 'new', description: '' },
  { id: '3', name: 'In Progress', category: 'indeterminate', description: 'This issue is being actively worked on at the moment by the assignee.' },
  { id: '10001', name: 'Done', category: 'done', description: '' },
];

export interface StoredIssueType {
  id: string;
  name: string;
  description: string;
  hierarchyLevel: number;
  subtask: boolean;
  avatarId: number;
}

export const DEFAULT_ISSUE_TYPES: readonly StoredIssueType[] = [
  { id: '10000', name: 'Epic', description: 'A collection of related bugs, stories, and tasks.', hierarchyLevel: 1, subtask: false, avatarId: 10307 },
  { id: '10001', name: 'Task', description: 'A small, distinct piece of work.', hierarchyLevel: 0, subtask: false, avatarId: 10318 },
  { id: '10002', name: 'Sub-task', description: "A small piece of work that's part of a larger task.", hierarchyLevel: -1, subtask: true, avatarId: 10316 },
  { id: '10003', name: 'Story', description: 'Functionality or a feature expressed as a user goal.', hierarchyLevel: 0, subtask: false, avatarId: 10315 },
  { id: '10004', name: 'Bug', description: 'A problem or error.', hierarchyLevel: 0, subtask: false, avatarId: 10303 },
];

export interface StoredLinkType {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export const DEFAULT_LINK_TYPES: readonly StoredLinkType[] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

export interface PermissionInfo {
  id: string;
  key: string;
  name: string;
  type: 'PROJECT' | 'GLOBAL';
  description: string;
}

/** Jira's built-in permissions the sandbox knows (keys and ids as Jira Cloud reports them). */
export const BUILT_IN_PERMISSIONS: readonly PermissionInfo[] = [
  { id: '10', key: 'BROWSE_PROJECTS', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  { id: '11', key: 'CREATE_ISSUES', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  { id: '12', key: 'EDIT_ISSUES', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  { id: '13', key: 'ASSIGN_ISSUES', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  { id: '14', key: 'RESOLVE_ISSUES', name: 'Resolve Issues', type: 'PROJECT', description: 'Ability to resolve and reopen issues.' },
  { id: '15', key: 'ADD_COMMENTS', name: 'Add Comments', type: 'PROJECT', description: 'Ability to comment on issues.' },
  { id: '16', key: 'DELETE_ISSUES', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  { id: '17', key: 'ASSIGNABLE_USER', name: 'Assignable User', type: 'PROJECT', description: 'Users with this permission may be assigned to issues.' },
  { id: '18', key: 'CLOSE_ISSUES', name: 'Close Issues', type: 'PROJECT', description: 'Ability to close issues.' },
  { id: '19', key: 'CREATE_ATTACHMENTS', name: 'Create Attachments', type: 'PROJECT', description: 'Users with this permission may create attachments.' },
  { id: '20', key: 'WORK_ON_ISSUES', name: 'Work On Issues', type: 'PROJECT', description: 'Ability to log work done against an issue.' },
  { id: '21', key: 'LINK_ISSUES', name: 'Link Issues', type: 'PROJECT', description: 'Ability to link issues together and create linked issues.' },
  { id: '23', key: 'ADMINISTER_PROJECTS', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  { id: '25', key: 'MOVE_ISSUES', name: 'Move Issues', type: 'PROJECT', description: 'Ability to move issues between projects or between workflows of the same project.' },
  { id: '28', key: 'SCHEDULE_ISSUES', name: 'Schedule Issues', type: 'PROJECT', description: 'Ability to view or edit an issue’s due date.' },
  { id: '30', key: 'MODIFY_REPORTER', name: 'Modify Reporter', type: 'PROJECT', description: 'Ability to modify the reporter when creating or editing an issue.' },
  { id: '46', key: 'TRANSITION_ISSUES', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
  { id: '0', key: 'ADMINISTER', name: 'Administer Jira', type: 'GLOBAL', description: 'Ability to perform most administration functions (excluding Import & Export, SMTP Configuration, etc.).' },
  { id: '44', key: 'SYSTEM_ADMIN', name: 'Jira System Administrators', type: 'GLOBAL', description: 'Ability to perform all administration functions.' },
  { id: '27', key: 'USER_PICKER', name: 'Browse users and groups', type: 'GLOBAL', description: 'Ability to select a user or group from a popup window.' },
];

export const PROJECT_PERMISSION_KEYS = BUILT_IN_PERMISSIONS.filter((p) => p.type === 'PROJECT').map((p) => p.key);

/** Forge custom project permissions (jira:projectPermission) are keyed by the module's extension ARI. */
export const APP_PERMISSION_PATTERN = /^ari:cloud:ecosystem::extension\/[^/]+\/[^/]+\/static\/[A-Za-z0-9_-]+$/;

export interface StoredUser {
  accountId: string;
  displayName: string;
  emailAddress?: string;
  active: boolean;
  accountType: 'atlassian' | 'app';
  timeZone: string;
  /** The user's Jira language (profile → Language), as Jira writes it: `en_US`, `de_DE`. Absent: en_US. */
  locale?: string;
}

export interface StoredProject {
  id: string;
  key: string;
  name: string;
  projectTypeKey: string;
  leadAccountId: string;
  description: string;
  /** Ids of the issue types of the project's scheme. */
  issueTypeIds: string[];
  /** Ids of the statuses of the project's workflow, in board order. */
  statusIds: string[];
  /** The number the next issue key takes (DEL-<n>). */
  nextIssueNumber: number;
  /**
   * The fields on the project's create and edit screens; a field not on the screen answers 400
   * "cannot be set". Absent: Jira's default screens, which hold every field the sandbox stores.
   */
  screens?: ProjectScreens;
}

/** Field ids on a project's create and edit screens (summary is always there: Jira requires it). */
export interface ProjectScreens {
  create: string[];
  edit: string[];
}

export interface StoredIssue {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  summary: string;
  description: unknown | null;
  assigneeId: string | null;
  reporterId: string;
  creatorId: string;
  labels: string[];
  duedate: string | null;
  parentId: string | null;
  created: number;
  updated: number;
  statusCategoryChanged: number;
  properties: Record<string, unknown>;
  /** Newest last, as `expand=changelog` pages them. */
  changelog: StoredChangelog[];
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface StoredChangelog {
  id: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

export interface StoredIssueLink {
  id: string;
  typeId: string;
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface StoredRemoteLink {
  id: number;
  issueId: string;
  globalId?: string;
  application?: { type?: string; name?: string };
  relationship?: string;
  object: {
    url: string;
    title: string;
    summary?: string;
    icon?: { url16x16?: string; title?: string; link?: string };
    status?: { resolved?: boolean; icon?: { url16x16?: string; title?: string; link?: string } };
  };
}

export interface SiteState {
  format: 1;
  users: Record<string, StoredUser>;
  projects: Record<string, StoredProject>;
  statuses: Record<string, StoredStatus>;
  issueTypes: Record<string, StoredIssueType>;
  linkTypes: Record<string, StoredLinkType>;
  issues: Record<string, StoredIssue>;
  /** Issue key → issue id. */
  issueKeys: Record<string, string>;
  issueLinks: Record<string, StoredIssueLink>;
  remoteLinks: Record<string, StoredRemoteLink>;
  /** accountId → projectKey → permission keys. */
  grants: Record<string, Record<string, string[]>>;
  siteAdmins: string[];
  /** Names for app-defined project permissions (jira:projectPermission), by full key. */
  appPermissions: Record<string, { name: string; description: string }>;
  counters: { project: number; issue: number; issueLink: number; remoteLink: number; changelog: number; status: number };
  /** Dashboards and their gadgets (dashboards.ts); absent in states saved before they existed. */
  dashboards?: DashboardState;
}

/** The maps of a state keyed by caller-supplied words (account ids, keys). */
const KEYED_MAPS = ['users', 'projects', 'statuses', 'issueTypes', 'linkTypes', 'issues', 'issueKeys', 'issueLinks', 'remoteLinks', 'grants', 'appPermissions'] as const;

/**
 * Keyed maps without a prototype, so a lookup by a caller's word ("hasOwnProperty", "__proto__")
 * finds nothing, as Jira's own stores would, instead of a built-in of Object.
 */
export function withOwnMaps(state: SiteState): SiteState {
  const own = <T>(map: Record<string, T>): Record<string, T> => Object.assign(Object.create(null) as Record<string, T>, map);
  const next = { ...state };
  for (const key of KEYED_MAPS) (next as unknown as Record<string, Record<string, unknown>>)[key] = own(state[key] as Record<string, unknown>);
  next.grants = own(Object.fromEntries(Object.entries(state.grants).map(([id, byProject]) => [id, own(byProject)])));
  return next;
}

export function emptyState(): SiteState {
  const byId = <T extends { id: string }>(items: readonly T[]) => Object.fromEntries(items.map((i) => [i.id, { ...i }]));
  return withOwnMaps({
    format: 1,
    users: {},
    projects: {},
    statuses: byId(DEFAULT_STATUSES),
    issueTypes: byId(DEFAULT_ISSUE_TYPES),
    linkTypes: byId(DEFAULT_LINK_TYPES),
    issues: {},
    issueKeys: {},
    issueLinks: {},
    remoteLinks: {},
    grants: {},
    siteAdmins: [],
    appPermissions: {},
    counters: { project: 10000, issue: 10000, issueLink: 10000, remoteLink: 10000, changelog: 10000, status: 10002 },
  });
}

/** Who performs an operation: a user, or the app's own account (calls made with `asApp()`). */
export interface Actor {
  accountId: string;
  isApp: boolean;
}

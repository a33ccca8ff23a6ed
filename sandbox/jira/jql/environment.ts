/** What a compiled query sees of an issue. The site builds one per issue it searches. */
export interface JqlIssue {
  id: string;
  key: string;
  projectId: string;
  projectKey: string;
  /** The number in the key (DEL-12 → 12). */
  number: number;
  issueTypeId: string;
  issueTypeName: string;
  statusId: string;
  statusName: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
  summary: string;
  descriptionText: string;
  assigneeId: string | null;
  reporterId: string;
  creatorId: string;
  labels: string[];
  /** Due date at midnight UTC. */
  duedate: number | null;
  created: number;
  updated: number;
  parentId: string | null;
  properties: Record<string, unknown>;
}

/** Value types of a `jira:entityProperty` index, as the module declares them. */
export type PropertyValueType = 'string' | 'text' | 'number' | 'date' | 'user';

/** How names in a query resolve on this site, for the account that searches. */
export interface JqlEnvironment {
  now: number;
  /** What currentUser() means: the searching user, or the app's account for asApp() calls. */
  currentAccountId: string;
  /** Project ids for a key, id or name, among projects the searcher can browse. */
  findProjects(value: string): string[];
  /** An issue id for a key or id, among issues the searcher can browse. */
  findIssue(value: string): string | undefined;
  findStatuses(value: string): string[];
  findIssueTypes(value: string): string[];
  userExists(accountId: string): boolean;
  /** A searchAlias declared by a jira:entityProperty module. */
  aliasFor(name: string): { propertyKey: string; path: string; type: PropertyValueType } | undefined;
  /** The indexed type of issue.property[key].path, when a module indexes it. */
  indexFor(propertyKey: string, path: string): PropertyValueType | undefined;
}

/** A compiled clause: does this issue match it? */
export type Predicate = (issue: JqlIssue) => boolean;

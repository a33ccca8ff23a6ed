

/** What the Get started checklist asks Jira (usecases/setup/checklist.ts); built per invocation. */
export interface SetupProbe {
  /** Up to `limit` people who hold "Edit CRM records" in the project (Jira admins may ask; the app asks). */
  editHolders(projectKey: string, limit: number): Promise<string[]>;
  /** Of the first `limit` dashboards the user can see, those showing one of the gadgets. */
  dashboardsWithGadgets(gadgetKeys: readonly string[], limit: number): Promise<Array<{ id: string; name: string }>>;
}

import type { LinkedIssue } from '../domain/health';


/**
 * The `relay-deal` entity property: only what JQL needs (`relayDealId`, `relayCompanyId`,
 * `relayCompany`, `relayHandoffState`) and what tells Relay's own issues from others. Readable by
 * everyone who can browse the issue.
 */
export interface DealProperty {
  dealId: string;
  companyId: string;
  companyName: string;
  handoffState: string;
  /** `delivery`: work Relay created for the deal's hand-off; `linked`: an issue someone linked by hand. */
  relation: 'delivery' | 'linked';
  /** The create attempt it came from (delivery work only); storage holds the nonces of the deal's attempts. */
  attempt?: string;
}

export interface NewIssue {
  projectKey: string;
  issueTypeName: string;
  summary: string;
  description: unknown;
  assigneeAccountId: string | null;
  labels: string[];
  duedate: string | null;
  parentKey?: string;
  property: DealProperty;
}

export interface AttemptQuery {
  projectKey: string;
  dealId: string;
  /** Nonces of the deal's attempts for this issue, as storage recorded them before each create. */
  nonces: string[];
  /** The delivery issue's id when looking for a checklist child; null for the delivery issue itself. */
  parentId: string | null;
  /** Issues of the deal Relay already knows (ids): search reads them consistently despite its lag. */
  knownIds: string[];
}

export interface IssueFacts {
  id: string;
  key: string;
  projectKey: string;
  summary: string;
  statusCategory: 'new' | 'indeterminate' | 'done';
}

export interface RelayIssueText {
  issueKey: string;
  /** The description as ADF, when Relay wrote the issue (its creator is the app); null otherwise. */
  description: unknown;
  /** Relay's property on the issue, if any. */
  property: unknown;
}

/**
 * Delivery work in Jira: create the hand-off issue with the deal's property, find one an earlier attempt created, keep the remote link, read linked work.
 * Implemented by adapters/jira/delivery.ts, adapters/jira/issue-text.ts, adapters/jira/linked-work.ts.
 */
export interface DeliveryPort {
  /** Whether the invoking user may create issues in a project (a project they cannot see: no). */
  canCreateIssuesIn(projectKey: string): Promise<boolean>;
  /** Whether the invoking user may edit the issue (Accept, link and unlink act on delivery's issue). */
  canEditIssue(issueKey: string): Promise<boolean>;
  /** Whether a failed request certainly created nothing: Jira refused it (4xx) or rate-limited it
   * (429). A 5xx, a timeout or a crash leaves that open. */
  certainlyNotDone(error: unknown): boolean;
  createIssue(issue: NewIssue): Promise<{ id: string; key: string; }>;
  deleteDealProperty(issueKey: string): Promise<void>;
  /** The issue an earlier attempt created, if search already shows it: created by the app itself
   * (`creator = currentUser()` as the app), in the target project, under the right parent, carrying
   * one of this deal's recorded attempt nonces. Search lags: not finding it proves nothing until the
   * settle window has passed (the caller decides). */
  findAttemptIssue(query: AttemptQuery): Promise<{ id: string; key: string; } | undefined>;
  /** Whether Jira would assign a new issue in the project to this account, asked as the invoking user (Jira's assignable-user search). */
  isAssignableIn(projectKey: string, accountId: string): Promise<boolean>;
  /** An issue as the invoking user sees it (undefined when they cannot). */
  issueAsUser(issueKey: string): Promise<IssueFacts | undefined>;
  openLinkedIssues(companyIds: readonly string[], reconcileIds?: readonly string[]): Promise<LinkedIssue[]>;
  /** What Relay wrote on an issue: the description of work it created, and its entity property. Undefined when the issue is gone. */
  relayIssueText(issueKey: string): Promise<RelayIssueText | undefined>;
  removeDealLink(issueKey: string, dealId: string): Promise<void>;
  setDealProperty(issueKey: string, value: DealProperty): Promise<void>;
  /** Creates or updates (by globalId) the link on the issue back to the deal. */
  upsertDealLink(issueKey: string, link: { dealId: string; url: string; title: string; summary: string; resolved: boolean; }): Promise<void>;
  writeDescription(issueKey: string, description: unknown): Promise<void>;
  writeProperty(issueKey: string, value: unknown): Promise<void>;
}

/**
 * People as Jira shows them: whether an account is active, and the active ones among ids.
 * Implemented by adapters/jira/people.ts, adapters/jira/users.ts, adapters/jira/setup-probe.ts.
 */
export interface DirectoryPort {
  /** Which of these accounts are active people (`GET /rest/api/3/user` as the app, one request per
   * account, a few at a time): an owner who left (deactivated, or deleted: 404) owns nothing any
   * more. Any other answer from Jira is thrown, so a busy Jira never makes everyone look gone. */
  activePeople(accountIds: readonly string[]): Promise<Set<string>>;
  /** Whether Jira knows an account as an active person, asked as the acting admin. Lead owners are
   * checked when the routing is saved, so a lead is never given to a typo or a bot. */
  isActiveUser(accountId: string): Promise<boolean>;
}

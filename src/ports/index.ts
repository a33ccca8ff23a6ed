/**
 * What the use cases need from the world, as interfaces: the adapters (src/adapters) implement
 * them on Forge storage and Jira REST, and tests run the real adapters on the sandbox platform.
 */

/** Time and identifiers come in from outside, so the domain stays pure and tests stay exact. */
export interface Clock {
  now(): number;
}

export interface Ids {
  newId(): string;
}

export interface ProjectRef {
  id: string;
  key: string;
  name: string;
}

/**
 * What the acting user may do in Jira, asked of Jira as that user. Every answer is cached for the
 * one invocation only: permissions change in Jira at any time, and a later call must see it.
 *
 * - `project` answers undefined for a project the user cannot browse (callers say NOT_FOUND).
 * - `can` answers for Browse projects, Administer projects, and the app's "Edit CRM records".
 */
export type Capability = 'browse' | 'edit' | 'admin';

/** A person as Jira shows them: display name and avatar (never their account id on screen). */
export interface Person {
  accountId: string;
  displayName: string;
  /** Jira's 48×48 avatar URL; null when Jira gave none. */
  avatarUrl: string | null;
  active: boolean;
}

export interface Access {
  accountId: string;
  projectByKey(key: string): Promise<ProjectRef | undefined>;
  projectById(id: string): Promise<ProjectRef | undefined>;
  can(projectId: string, capability: Capability): Promise<boolean>;
  /** Whether the user can edit CRM records in at least one project, CRM-enabled or not (the issue panel's "Link deal"). */
  canEditAnywhere(): Promise<boolean>;
  /** Whether the user can browse at least one project, CRM-enabled or not. */
  canBrowseAnywhere(): Promise<boolean>;
  /**
   * Of the given projects, those the user can browse and those where they hold "Edit CRM records":
   * one bulk question to Jira, whatever the number of projects (companies and contacts, which are
   * visible and editable through the site's CRM-enabled projects).
   */
  grantedAmong(projectIds: readonly string[]): Promise<{ browse: string[]; edit: string[] }>;
  /** Jira administrators (global "Administer Jira") change site settings. */
  isSiteAdmin(): Promise<boolean>;
  /**
   * The named people as Jira shows them to this user (user/bulk as the user), each id asked of Jira
   * at most once per invocation. Ids Jira does not know (deleted accounts) are absent from the map.
   */
  people(accountIds: readonly string[]): Promise<Map<string, Person>>;
  /** The active people who hold "Administer projects" in the project: who can grant access there. */
  projectAdmins(projectKey: string): Promise<Person[]>;
}

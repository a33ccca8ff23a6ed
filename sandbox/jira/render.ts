/**
 * The JSON shapes Jira Cloud's REST v3 answers with, built from the stored site. Kept apart from the
 * operations so every endpoint renders a user, project, status or issue type the same way, with the
 * `self` links and avatar URLs apps sometimes read.
 */
import type { StoredIssueType, StoredProject, StoredStatus, StoredUser } from './model';
import { STATUS_CATEGORIES, categoryByKey } from './model';

/** Jira's timestamp format: `2026-11-02T09:00:00.000+0000` (the sandbox's site runs in UTC). */
export function jiraDate(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export class Renderer {
  constructor(readonly baseUrl: string) {}

  api(path: string): string {
    return `${this.baseUrl}/rest/api/3${path}`;
  }

  private avatars(kind: 'user' | 'project', id: string): Record<string, string> {
    const url = `${this.baseUrl}/secure/${kind === 'user' ? 'useravatar' : 'projectavatar'}?avatarId=${encodeURIComponent(id)}`;
    return { '48x48': url, '24x24': `${url}&size=small`, '16x16': `${url}&size=xsmall`, '32x32': `${url}&size=medium` };
  }

  /** Atlassian hides e-mail addresses by default (profile visibility), so only the user's own shows. */
  user(user: StoredUser, withEmail = false): Record<string, unknown> {
    return {
      self: this.api(`/user?accountId=${encodeURIComponent(user.accountId)}`),
      accountId: user.accountId,
      accountType: user.accountType,
      ...(withEmail && user.emailAddress ? { emailAddress: user.emailAddress } : {}),
      avatarUrls: this.avatars('user', user.accountId),
      displayName: user.displayName,
      active: user.active,
      timeZone: user.timeZone,
      locale: user.locale ?? 'en_US',
    };
  }

  statusCategory(key: StoredStatus['category']): Record<string, unknown> {
    const c = categoryByKey(key);
    return { self: this.api(`/statuscategory/${c.id}`), id: c.id, key: c.key, colorName: c.colorName, name: c.name };
  }

  allStatusCategories(): Array<Record<string, unknown>> {
    return STATUS_CATEGORIES.map((c) => ({ self: this.api(`/statuscategory/${c.id}`), id: c.id, key: c.key, colorName: c.colorName, name: c.name }));
  }

  status(status: StoredStatus): Record<string, unknown> {
    return {
      self: this.api(`/status/${status.id}`),
      description: status.description,
      iconUrl: `${this.baseUrl}/images/icons/statuses/generic.png`,
      name: status.name,
      untranslatedName: status.name,
      id: status.id,
      statusCategory: this.statusCategory(status.category),
    };
  }

  issueType(type: StoredIssueType): Record<string, unknown> {
    return {
      self: this.api(`/issuetype/${type.id}`),
      id: type.id,
      description: type.description,
      iconUrl: `${this.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${type.avatarId}?size=medium`,
      name: type.name,
      untranslatedName: type.name,
      subtask: type.subtask,
      avatarId: type.avatarId,
      hierarchyLevel: type.hierarchyLevel,
    };
  }

  /** The short project form used inside issues and in /project/search. */
  projectRef(project: StoredProject): Record<string, unknown> {
    return {
      self: this.api(`/project/${project.id}`),
      id: project.id,
      key: project.key,
      name: project.name,
      projectTypeKey: project.projectTypeKey,
      simplified: false,
      avatarUrls: this.avatars('project', project.id),
    };
  }
}

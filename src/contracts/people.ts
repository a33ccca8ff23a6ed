import { z } from 'zod';
import { AccountId, ProjectKey } from './common';

/**
 * People as Jira shows them. Records hold account ids (owners, actors, task owners); screens show
 * display names and avatars, which only Jira knows and which change in Jira, so they are looked up
 * per screen (`people/resolve`, one Jira request for every id the screen names) and never stored.
 */
export const Person = z.object({
  accountId: AccountId,
  /** Null when Jira no longer knows the account (a deleted user): screens say "Former user". */
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  active: z.boolean(),
});
export type Person = z.infer<typeof Person>;

/** At most 90 ids: the most one Jira user/bulk request takes, so one call is one Jira request. */
export const ResolvePeopleInput = z.object({ accountIds: z.array(AccountId).min(1).max(90) }).strict();
export const PeopleResult = z.object({ people: z.array(Person) });

/** Who can grant access in a project the user can browse: its admins ("Administer projects"). */
export const ProjectAdminsInput = z.object({ projectKey: ProjectKey }).strict();
export const ProjectAdminsResult = z.object({ projectKey: ProjectKey, admins: z.array(Person) });

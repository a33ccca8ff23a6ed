import { crmProjectStore } from '../../ports/registry';
import type { UseCaseContext } from '../context';
import { AppError, forbidden, notFound } from '../errors';

/**
 * Companies and contacts are site-wide (PRODUCT.md §5): visible to anyone who can browse at least
 * one CRM-enabled project, editable by anyone holding "Edit CRM records" in at least one
 * CRM-enabled project they can browse. A project without the CRM, however much the user may do
 * there, opens nothing. The answer costs the same whatever the number of projects: one read of
 * the site's CRM-enabled projects and one bulk permission question to Jira, once per invocation.
 *
 * A user who can see no CRM project gets NOT_FOUND for every read, lists and searches included,
 * rather than an empty page: an empty page would say "the CRM is empty", which is a fact about the
 * data they may not see; NOT_FOUND is the one answer PRODUCT §5 gives for what a user cannot see.
 */
export interface CrmReach {
  /** Can browse at least one CRM-enabled project. */
  read: boolean;
  /** Holds "Edit CRM records" in a CRM-enabled project they can browse. */
  write: boolean;
}

const reachOf = new WeakMap<UseCaseContext['access'], Promise<CrmReach>>();

export function crmReach(ctx: UseCaseContext): Promise<CrmReach> {
  let reach = reachOf.get(ctx.access);
  if (!reach) {
    reach = (async () => {
      const projects = await crmProjectStore.crmProjectIds(ctx.clock.now());
      if (projects.length === 0) return { read: false, write: false };
      const granted = await ctx.access.grantedAmong(projects);
      const browsable = new Set(granted.browse.filter((id) => projects.includes(id)));
      return { read: browsable.size > 0, write: granted.edit.some((id) => browsable.has(id)) };
    })();
    reachOf.set(ctx.access, reach);
  }
  return reach;
}

export async function requireSiteRead(ctx: UseCaseContext, what: 'The company' | 'The contact'): Promise<void> {
  if (!(await crmReach(ctx)).read) throw notFound(what);
}

/** The same rule for lists and searches, in words that fit a list. */
export async function requireSiteList(ctx: UseCaseContext, what: 'companies' | 'contacts'): Promise<void> {
  if (!(await crmReach(ctx)).read) throw new AppError('NOT_FOUND', `There are no ${what} you can see: they are visible to people who can browse at least one project that uses the CRM.`);
}

/** Writes need "Edit CRM records" in a CRM-enabled project; without it the user gets FORBIDDEN. */
export async function requireSiteEdit(ctx: UseCaseContext, what: 'companies' | 'contacts'): Promise<void> {
  if (!(await crmReach(ctx)).write) throw forbidden(`You need the "Edit CRM records" permission in at least one project that uses the CRM to change ${what}.`);
}

/**
 * The activity entity's `projectId` for entries of site-wide records. The manifest comment says
 * 'site'; the activity store (written alongside) uses 'none' for activities on companies and
 * contacts, and one value in storage matters more than the comment, so audit entries use 'none' too.
 */
export const SITE_PROJECT = 'none';

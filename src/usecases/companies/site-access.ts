import type { UseCaseContext } from '../context';
import { AppError, forbidden, notFound } from '../errors';

/**
 * Companies and contacts are site-wide (PRODUCT.md §5): visible to anyone who can browse at least
 * one project, editable by anyone holding "Edit CRM records" in at least one.
 *
 * A user who can browse no project gets NOT_FOUND for every read, lists and searches included,
 * rather than an empty page: an empty page would say "the CRM is empty", which is a fact about the
 * data they may not see; NOT_FOUND is the one answer PRODUCT §5 gives for what a user cannot see.
 */
export async function requireSiteRead(ctx: UseCaseContext, what: 'The company' | 'The contact'): Promise<void> {
  if (!(await ctx.access.canBrowseAnywhere())) throw notFound(what);
}

/** The same rule for lists and searches, in words that fit a list. */
export async function requireSiteList(ctx: UseCaseContext, what: 'companies' | 'contacts'): Promise<void> {
  if (!(await ctx.access.canBrowseAnywhere())) throw new AppError('NOT_FOUND', `There are no ${what} you can see: they are visible to people who can browse at least one Jira project.`);
}

/** Writes need "Edit CRM records" somewhere; without it the user gets FORBIDDEN. */
export async function requireSiteEdit(ctx: UseCaseContext, what: 'companies' | 'contacts'): Promise<void> {
  if (!(await ctx.access.canEditAnywhere())) throw forbidden(`You need the "Edit CRM records" permission in at least one project to change ${what}.`);
}

/**
 * The activity entity's `projectId` for entries of site-wide records. The manifest comment says
 * 'site'; the activity store (written alongside) uses 'none' for activities on companies and
 * contacts, and one value in storage matters more than the comment, so audit entries use 'none' too.
 */
export const SITE_PROJECT = 'none';

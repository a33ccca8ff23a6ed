import { companyStore, contactStore, dealStore, delivery, handoffStore, pipelineStore } from '../../ports/registry';
import type { IssueDealView } from '../../contracts/handoff';
import type { DealRecord } from '../../contracts/deal';
import { accept } from '../../domain/handoff';
import type { UseCaseContext } from '../context';
import { AppError, forbidden, notFound } from '../errors';
import { createDeal } from '../deals/create-deal';
import { editableDeal, visibleDeal } from '../deals/deal-access';
import { dealRecord, saveDeal } from '../deals/save-deal';
import { queueHealth } from '../renewals/account-derived';
import { dealFacts, dealProperty } from './run-handoff';
import { resolvePeople } from '../people';

async function issueFor(issueKey: string) {
  const issue = await delivery.issueAsUser(issueKey);
  if (!issue) throw notFound(`Issue ${issueKey}`);
  return issue;
}

/**
 * What the issue panel and glance show for an issue: one storage request finds the linked deal; a
 * user who cannot browse the deal's project learns only that a deal is linked. Errors: NOT_FOUND
 * (the issue is not visible to the user).
 */
export async function dealForIssue(ctx: UseCaseContext, issueKey: string): Promise<IssueDealView> {
  const issue = await issueFor(issueKey);
  const link = await handoffStore.readLink(issue.id);
  if (!link) return { linked: false, issueKey: issue.key, canLink: (await delivery.canEditIssue(issue.key)) && (await ctx.access.canEditAnywhere()) };
  const deal = await dealStore.readDeal(link.dealId);
  if (!deal || !(await ctx.access.can(deal.projectId, 'browse'))) return { linked: true, visible: false, issueKey: issue.key };
  const [company, contacts, project, canEditDeal, canEdit] = await Promise.all([
    deal.companyId ? companyStore.readCompany(deal.companyId) : Promise.resolve(undefined),
    contactStore.readContacts(deal.contactIds),
    ctx.access.projectById(deal.projectId),
    ctx.access.can(deal.projectId, 'edit'),
    delivery.canEditIssue(issue.key),
  ]);
  const handoff = link.role === 'handoff' ? deal.handoff : null;
  const people = await resolvePeople(ctx, [deal.ownerId, ...(handoff?.acceptedBy ? [handoff.acceptedBy] : [])]);
  return {
    linked: true,
    visible: true,
    issueKey: issue.key,
    role: link.role,
    deal: {
      id: deal.id, name: deal.name, projectKey: project?.key ?? '', amountMinor: deal.amountMinor, currency: deal.currency, recurring: deal.recurring, outcome: deal.outcome,
      scope: deal.scope, notSold: deal.notSold, successCriteria: deal.successCriteria, contractStart: deal.contractStart, contractEnd: deal.contractEnd, ownerId: deal.ownerId, version: deal.version,
    },
    company: company
      ? {
          id: company.id,
          name: company.name,
          arrMinor: company.arrMinor,
          arrByCurrency: company.arrByCurrency,
          health: company.health,
          healthReasons: (company.healthDetail?.reasons ?? []).map(({ code, value }) => ({ code, value })),
          renewalDate: company.renewalDate ?? (deal.recurring ? deal.contractEnd : null),
        }
      : null,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, title: c.title, email: c.email })),
    handoff,
    slaRemainingMs: handoff && handoff.acceptedAt === null && handoff.state !== 'unlinked' ? handoff.acceptDueAt - ctx.clock.now() : null,
    canAccept: handoff !== null && handoff.acceptedAt === null && handoff.issueId === issue.id && canEdit,
    canEditDeal,
    canUnlink: canEditDeal && canEdit,
    people,
  };
}

/**
 * Delivery accepts the hand-off from the issue. Needs the deal visible and the issue editable by the
 * user (the delivery lead need not edit CRM records). Accepting twice changes nothing.
 * Errors: NOT_FOUND, FORBIDDEN, VALIDATION (not this deal's hand-off issue).
 */
export async function acceptHandoff(ctx: UseCaseContext, issueKey: string): Promise<DealRecord> {
  const issue = await issueFor(issueKey);
  const link = await handoffStore.readLink(issue.id);
  if (!link) throw notFound('A deal linked to this issue');
  const deal = await visibleDeal(ctx, link.dealId);
  if (!deal.handoff || deal.handoff.issueId !== issue.id) throw new AppError('VALIDATION', 'This issue is not the deal’s hand-off issue.');
  if (!(await delivery.canEditIssue(issue.key))) throw forbidden('You need permission to edit this issue to accept its hand-off.');
  const pipeline = await pipelineStore.readPipeline(deal.projectId);
  if (!pipeline) throw notFound('The deal');
  if (deal.handoff.acceptedAt !== null) return dealRecord(deal, pipeline);
  const saved = await saveDeal(ctx, deal, (d) => ({ ...(d ?? deal), handoff: accept((d ?? deal).handoff!, ctx.access.accountId, ctx.clock.now()) }), pipeline);
  return dealRecord(saved, pipeline);
}

/**
 * Links another issue to a deal (manual link): a different relation from the deal's delivery issue
 * (role `linked`; the property says `relation: 'linked'`), so its events never move the hand-off and
 * a later win still creates the delivery work. Errors: NOT_FOUND, FORBIDDEN, CONFLICT (issue already linked).
 */
export async function linkIssue(ctx: UseCaseContext, issueKey: string, dealId: string): Promise<{ issueKey: string; dealId: string }> {
  const issue = await issueFor(issueKey);
  const deal = await editableDeal(ctx, dealId);
  if (!(await delivery.canEditIssue(issue.key))) throw forbidden('You need permission to edit this issue to link it.');
  const created = await handoffStore.createLink({ issueId: issue.id, issueKey: issue.key, dealId: deal.id, projectId: deal.projectId, role: 'linked', linkedAt: ctx.clock.now(), schemaVersion: 1, data: { linkedBy: ctx.access.accountId } });
  if (!created) throw new AppError('CONFLICT', 'This issue is linked to a deal already; unlink it first.');
  const project = await ctx.access.projectById(deal.projectId);
  const facts = await dealFacts(deal, project ? ctx.dealUrl(project.key, deal.id) : '', false);
  // Marked as a manual link, with no attempt nonce: it can never pass for the deal's delivery work.
  await delivery.setDealProperty(issue.key, dealProperty(facts, 'linked', 'linked'));
  await delivery.upsertDealLink(issue.key, { dealId: deal.id, url: facts.dealUrl, title: deal.name, summary: facts.companyName ?? '', resolved: deal.outcome !== 'open' });
  // The company's health counts its linked work: score it with this issue (no Jira event says so).
  if (deal.companyId) await queueHealth([deal.companyId], [issue.id]);
  return { issueKey: issue.key, dealId: deal.id };
}

/**
 * Unlinks an issue from its deal. The hand-off issue of a deal can be unlinked too (the deal then
 * shows the hand-off as unlinked). Errors: NOT_FOUND, FORBIDDEN.
 */
export async function unlinkIssue(ctx: UseCaseContext, issueKey: string): Promise<{ issueKey: string }> {
  const issue = await issueFor(issueKey);
  const link = await handoffStore.readLink(issue.id);
  if (!link) throw notFound('A deal linked to this issue');
  const deal = await editableDeal(ctx, link.dealId);
  if (!(await delivery.canEditIssue(issue.key))) throw forbidden('You need permission to edit this issue to unlink it.');
  await handoffStore.deleteLink(issue.id);
  await delivery.deleteDealProperty(issue.key);
  await delivery.removeDealLink(issue.key, deal.id);
  if (deal.companyId) await queueHealth([deal.companyId]);
  if (link.role === 'handoff' && deal.handoff?.issueId === issue.id) {
    const pipeline = await pipelineStore.readPipeline(deal.projectId);
    if (pipeline) await saveDeal(ctx, deal, (d) => ({ ...(d ?? deal), handoff: { ...(d ?? deal).handoff!, state: 'unlinked' } }), pipeline);
  }
  return { issueKey: issue.key };
}

/**
 * "Flag expansion" from delivery work: a new expansion deal for the same company, in the linked
 * deal's project, owned by the account owner, linked to this issue. Needs Edit CRM records there.
 * Errors: NOT_FOUND, FORBIDDEN, VALIDATION.
 */
export async function flagExpansion(ctx: UseCaseContext, issueKey: string, name: string | undefined): Promise<DealRecord> {
  const issue = await issueFor(issueKey);
  const link = await handoffStore.readLink(issue.id);
  if (!link) throw new AppError('VALIDATION', 'Link this issue to a deal first: the expansion is for the same customer.');
  const source = await visibleDeal(ctx, link.dealId);
  const project = await ctx.access.projectById(source.projectId);
  if (!project) throw notFound('The deal');
  const company = source.companyId ? await companyStore.readCompany(source.companyId) : undefined;
  const expansion = await createDeal(ctx, {
    projectKey: project.key,
    name: name ?? `${company?.name ?? source.name}: expansion`,
    type: 'expansion',
    ...(source.companyId ? { companyId: source.companyId } : {}),
    contactIds: source.contactIds,
    currency: source.currency,
    recurring: source.recurring,
    ownerId: company?.ownerId ?? source.ownerId,
    source: 'expansion',
    ...(source.segment ? { segment: source.segment } : {}),
    nextStep: `Follow up on ${issue.key}`,
  });
  // An issue maps to one deal (its hand-off or manual link), so the expansion is linked from the
  // issue by a remote link, and names the issue it came from in its next step.
  await delivery.upsertDealLink(issue.key, { dealId: expansion.id, url: ctx.dealUrl(project.key, expansion.id), title: expansion.name, summary: 'Expansion flagged from delivery', resolved: false });
  return expansion;
}

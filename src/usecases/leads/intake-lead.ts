import { randomUUID } from 'node:crypto';
import type { InboundOutcome } from '../../contracts/lead';
import { changeActivity, toEntity as activityEntity } from '../../adapters/kvs/activity-store';
import { funnelShardOf } from '../../adapters/kvs/funnel-store';
import { commitIntake, readIntakeGuards, readIntakeRecords, wasReplayed } from '../../adapters/kvs/lead-intake-store';
import { isConditionFailure } from '../../adapters/kvs/transactions';
import type { LeadSubmission } from '../../domain/lead';
import { companyDomainOf, funnelMonth } from '../../domain/lead';
import { cellKey, countReached } from '../../domain/lead-funnel';
import { planIntake } from '../../domain/lead-intake';
import { SITE_PROJECT } from '../companies/site-access';
import { SYSTEM_ACTOR } from '../handoff/system';

/** Attempts before answering BUSY: each lost race (round robin, funnel shard, same e-mail) reads again. */
const ATTEMPTS = 12;

export interface IntakeDeps {
  now: () => number;
  newId: () => string;
  /** Waits between attempts; jittered so racing leads spread out. */
  pause: (attempt: number) => Promise<void>;
}

const realDeps: IntakeDeps = {
  now: () => Date.now(),
  newId: () => randomUUID(),
  pause: (attempt) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt))),
};

/**
 * Stores one verified lead: create or update the contact its e-mail names, match or create the
 * company of its domain, score, route and start the response SLA (see planIntake), all in one
 * transaction with the replay record of its signature. A lost race with another lead (the same
 * e-mail, domain, round-robin turn or funnel shard) reads again and retries; the replay record makes
 * a concurrent copy of the same request lose as REPLAYED.
 * Outcomes: lead-created, lead-updated, replayed, contact-archived, not-configured, busy.
 */
export async function intakeLead(submission: LeadSubmission, replayDigest: string, deps: IntakeDeps = realDeps): Promise<InboundOutcome> {
  const domain = companyDomainOf(submission.email);
  const ids = { contact: deps.newId(), company: deps.newId(), task: deps.newId() };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const now = deps.now();
    const guards = await readIntakeGuards(submission.email, domain, replayDigest);
    if (guards.replayed) return 'replayed';
    const contactId = guards.emailHolder ?? ids.contact;
    const records = await readIntakeRecords(guards.emailHolder, guards.domainHolder, funnelMonth(now), funnelShardOf(contactId));
    if (guards.emailHolder && !records.contact) {
      // A claim whose contact is not readable yet (an erase or a create in flight): try again.
      await deps.pause(attempt);
      continue;
    }
    if (records.contact?.archived) return 'contact-archived';
    const plan = planIntake({
      submission,
      existing: records.contact ?? null,
      company: records.company ?? null,
      domain: guards.domainHolder ? null : domain,
      settings: guards.settings.settings,
      turn: guards.turn.next,
      ids: { ...ids, contact: contactId },
      actorId: SYSTEM_ACTOR,
      now,
    });
    if (!plan) return 'not-configured';
    const recordKey = `contact:${plan.contact.id}`;
    const activities = plan.steps.map((step) => changeActivity(deps.newId(), recordKey, SITE_PROJECT, SYSTEM_ACTOR, step.at, step.changes));
    if (plan.task) activities.push(activityEntity(plan.task));
    const companyAudit = plan.newCompany
      ? changeActivity(deps.newId(), `company:${plan.newCompany.id}`, SITE_PROJECT, SYSTEM_ACTOR, now, [
          { field: 'name', from: null, to: plan.newCompany.name },
          { field: 'domain', from: null, to: plan.newCompany.domain },
        ])
      : null;
    const track = plan.contact.funnel;
    try {
      await commitIntake({
        before: plan.before,
        after: plan.contact,
        newCompany: plan.newCompany && companyAudit ? { company: plan.newCompany, activity: companyAudit } : null,
        activities,
        replayDigest,
        turn: plan.route?.turn !== null && plan.route?.turn !== undefined ? { read: guards.turn, used: plan.route.turn } : null,
        funnel: plan.reached.length > 0 && track ? { read: records.shard, cells: countReached(records.shard.cells, cellKey(track.segment, track.source), plan.reached) } : null,
        now,
      });
      return plan.before ? 'lead-updated' : 'lead-created';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      if (await wasReplayed(replayDigest)) return 'replayed';
      await deps.pause(attempt);
    }
  }
  return 'busy';
}

import { WriteRefused } from '../../ports/failures';
import { activityStore, claimStore, funnelStore, leadSettingsStore, leadStore, storage } from '../../ports/registry';
import type { InboundOutcome } from '../../contracts/lead';
import type { LeadSubmission } from '../../domain/lead';
import { companyDomainOf, funnelMonth } from '../../domain/lead';
import { cellKey, countReached } from '../../domain/lead-funnel';
import { planIntake } from '../../domain/lead-intake';
import type { Clock, Ids } from '../../ports';
import { SITE_PROJECT } from '../companies/site-access';
import { SYSTEM_ACTOR } from '../handoff/system';

/**
 * Attempts before answering BUSY: each lost race (round robin, funnel shard, same e-mail) reads
 * again. The round robin is one record every routed lead moves, so of N leads arriving together the
 * last waits for N − 1 others: 30 attempts carry a burst of 20 (the tested case) with room to spare.
 */
const ATTEMPTS = 30;

export interface IntakeDeps {
  now: () => number;
  newId: () => string;
  /** Waits between attempts; jittered so racing leads spread out. */
  pause: (attempt: number) => Promise<void>;
}

/** What an intake runs on: the given clock and ids, and a jittered pause between attempts. */
export function intakeDeps(clock: Clock, ids: Ids): IntakeDeps {
  return {
    now: () => clock.now(),
    newId: () => ids.newId(),
    pause: (attempt) => new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(200, 10 * 2 ** attempt))),
  };
}

/**
 * Stores one verified lead: create or update the contact its e-mail names, match or create the
 * company of its domain, score, route and start the response SLA (see planIntake), all in one
 * transaction with the record of its signature. The signature is taken first (create-only), so a
 * copy of a stored request is REPLAYED and a copy of one in flight BUSY; an outcome that stores
 * nothing gives it back, with any e-mail or domain reserved on the way, so a refused request leaves
 * nothing behind.
 * Outcomes: lead-created, lead-updated, replayed, contact-archived, not-configured, busy.
 */
export async function intakeLead(submission: LeadSubmission, replayDigest: string, deps: IntakeDeps): Promise<InboundOutcome> {
  const token = deps.newId();
  try {
    await leadStore.takeSignature(replayDigest, token, deps.now());
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
    // Only a stored request is a replay. A hold without a stored lead is a copy still in flight, or
    // one whose release storage refused (it lapses, see REPLAY_PENDING_TTL_MINUTES): the sender retries.
    return (await leadStore.signatureState(replayDigest)) === 'accepted' ? 'replayed' : 'busy';
  }
  const reserved: Array<['email' | 'domain', string, string]> = [];
  let outcome: InboundOutcome = 'busy';
  try {
    outcome = await storeLead(submission, replayDigest, token, reserved, deps);
  } finally {
    if (outcome !== 'lead-created' && outcome !== 'lead-updated') {
      await Promise.all(reserved.map(([kind, value, holder]) => claimStore.releaseReservation(kind, value, holder)));
      await leadStore.releaseSignature(replayDigest, token).catch(() => undefined);
    }
  }
  return outcome;
}

/**
 * Reserves a value for a record about to be created (see claims.ts). False when another record holds
 * or is taking it: a lead racing this one; the next attempt reads it and updates that record instead.
 */
async function reserve(kind: 'email' | 'domain', value: string, holder: string, now: number, reserved: Array<['email' | 'domain', string, string]>): Promise<boolean> {
  if (reserved.some(([k, v, h]) => k === kind && v === value && h === holder)) return true;
  const other = await claimStore.reserveClaim(kind, value, holder, now);
  if (other !== undefined) return false;
  reserved.push([kind, value, holder]);
  return true;
}

async function storeLead(submission: LeadSubmission, replayDigest: string, replayToken: string, reserved: Array<['email' | 'domain', string, string]>, deps: IntakeDeps): Promise<InboundOutcome> {
  const domain = companyDomainOf(submission.email);
  const ids = { contact: deps.newId(), company: deps.newId(), task: deps.newId() };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    const now = deps.now();
    const guards = await leadStore.readIntakeGuards(submission.email, domain, now);
    // This lead's own reservations from an earlier attempt name records it is still creating.
    if (guards.emailHolder === ids.contact) guards.emailHolder = undefined;
    if (guards.domainHolder === ids.company) guards.domainHolder = undefined;
    const contactId = guards.emailHolder ?? ids.contact;
    const records = await leadStore.readIntakeRecords(guards.emailHolder, guards.domainHolder, funnelMonth(now), funnelStore.funnelShardOf(contactId));
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
    // What the transaction is conditioned on must exist (Forge documents no condition on an absent
    // key): the round robin's record and the month's funnel shard are created the first time, and
    // the lead is planned again on them.
    const usesTurn = plan.route?.turn !== null && plan.route?.turn !== undefined;
    if (usesTurn && guards.turn.version === 0) {
      await leadSettingsStore.ensureTurn(guards.turn, now);
      continue;
    }
    if (plan.reached.length > 0 && records.shard.version === 0) {
      await funnelStore.ensureFunnelShard(records.shard, now);
      continue;
    }
    if (!plan.before && plan.contact.email && !(await reserve('email', plan.contact.email, plan.contact.id, now, reserved))) {
      await deps.pause(attempt);
      continue;
    }
    if (plan.newCompany?.domain && !(await reserve('domain', plan.newCompany.domain, plan.newCompany.id, now, reserved))) {
      await deps.pause(attempt);
      continue;
    }
    const recordKey = `contact:${plan.contact.id}`;
    const activities = plan.steps.map((step) => activityStore.changeActivity(deps.newId(), recordKey, SITE_PROJECT, SYSTEM_ACTOR, step.at, step.changes));
    if (plan.task) activities.push(activityStore.toEntity(plan.task));
    const companyAudit = plan.newCompany
      ? activityStore.changeActivity(deps.newId(), `company:${plan.newCompany.id}`, SITE_PROJECT, SYSTEM_ACTOR, now, [
          { field: 'name', from: null, to: plan.newCompany.name },
          { field: 'domain', from: null, to: plan.newCompany.domain },
        ])
      : null;
    const track = plan.contact.funnel;
    try {
      await leadStore.commitIntake({
        before: plan.before,
        after: plan.contact,
        newCompany: plan.newCompany && companyAudit ? { company: plan.newCompany, activity: companyAudit } : null,
        activities,
        replayDigest,
        replayToken,
        turn: usesTurn && plan.route?.turn !== null && plan.route?.turn !== undefined ? { read: guards.turn, used: plan.route.turn } : null,
        funnel: plan.reached.length > 0 && track ? { read: records.shard, cells: countReached(records.shard.cells, cellKey(track.segment, track.source), plan.reached) } : null,
        now,
      });
      return plan.before ? 'lead-updated' : 'lead-created';
    } catch (error) {
      if (!storage.isConditionFailure(error)) throw error;
      await deps.pause(attempt);
    }
  }
  return 'busy';
}

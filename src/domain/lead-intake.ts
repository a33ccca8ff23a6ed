import type { Activity } from './activity';
import { newActivity } from './activity';
import type { FieldChange } from './audit';
import { fieldChanges } from './audit';
import type { BusinessHours } from './business-hours';
import { addBusinessHours } from './business-hours';
import type { Company } from './company';
import { newCompany } from './company';
import type { Consent, Contact } from './contact';
import { checkConsent, CONTACT_AUDITED_FIELDS, contactAuditView, newContact } from './contact';
import type { FunnelStage, LeadSubmission } from './lead';
import { attributionOf, EMPTY_LEAD, nameFromEmail, openSla, rescore, touchOf, trackFunnel, withTouch } from './lead';
import type { Route, RoutingRules } from './lead-routing';
import { canRoute, routeLead } from './lead-routing';
import type { ScoringRules } from './lead-scoring';
import { isoDateOf } from './periods';

/**
 * What one accepted inbound lead does, decided without I/O: create the contact (or add the touch to
 * the one its e-mail names — first-touch attribution is never replaced), match or create its company
 * by domain, score it, route a new lead to an owner with a follow-up task and start its response
 * SLA, and describe each step for the timeline. The use case reads the inputs and writes the plan in
 * one transaction.
 */
export interface IntakeSettings {
  scoring: ScoringRules;
  routing: RoutingRules;
  sla: { hours: number; businessHours: BusinessHours };
}

export interface IntakeInput {
  submission: LeadSubmission;
  /** The contact holding the e-mail, if any (never archived: the caller refuses those). */
  existing: Contact | null;
  /** The company holding the e-mail's domain, if any; null for free-mail addresses. */
  company: Company | null;
  domain: string | null;
  settings: IntakeSettings;
  /** The round robin's next turn as stored. */
  turn: number;
  ids: { contact: string; company: string; task: string };
  actorId: string;
  now: number;
}

/** One timeline entry of the audit trail (the caller stores it as a change activity). */
export interface TimelineStep {
  at: number;
  changes: FieldChange[];
}

export interface IntakePlan {
  before: Contact | null;
  contact: Contact;
  newCompany: Company | null;
  route: Route | null;
  task: Activity | null;
  steps: TimelineStep[];
  reached: FunnelStage[];
}

function consentOf(submission: LeadSubmission, now: number): Consent | null {
  if (!submission.consent) return null;
  const { status } = submission.consent;
  return checkConsent({ status, basis: submission.consent.basis ?? (status === 'granted' ? 'consent' : null), date: submission.consent.date ?? isoDateOf(now) });
}

function touchText(submission: LeadSubmission): string {
  return [submission.source, submission.campaign, submission.formType].filter(Boolean).join(' · ');
}

/** The plan, or undefined when nobody can own a new lead (the settings name no owner). */
export function planIntake(input: IntakeInput): IntakePlan | undefined {
  const { submission, existing, settings, now } = input;
  if (!existing && !canRoute(settings.routing)) return undefined;
  const touch = touchOf(submission, now);
  const companyUsable = input.company && !input.company.archived ? input.company : null;
  const segment = submission.segment ?? companyUsable?.segment ?? existing?.lead?.segment ?? null;
  const region = submission.region ?? companyUsable?.region ?? existing?.lead?.region ?? null;
  const consent = consentOf(submission, now);

  let route: Route | null = null;
  let newCompanyRecord: Company | null = null;
  let received: Contact;
  if (existing) {
    const lead = withTouch(existing.lead ?? EMPTY_LEAD, touch);
    received = {
      ...existing,
      // A form fills what the CRM does not know yet; it never overwrites what people entered.
      phone: existing.phone ?? submission.phone,
      title: existing.title ?? submission.title,
      companyId: existing.companyId ?? companyUsable?.id ?? null,
      attribution: existing.attribution ?? attributionOf(touch),
      consent: consent ?? existing.consent,
      lead: { ...lead, segment, region },
      updatedAt: now,
    };
  } else {
    route = routeLead(settings.routing, { region, segment }, input.turn) ?? null;
    if (!route) return undefined;
    if (!companyUsable && !input.company && input.domain) {
      newCompanyRecord = newCompany({ name: submission.company ?? input.domain, domain: input.domain, segment, region, ownerId: route.ownerId }, input.ids.company, now);
      newCompanyRecord = { ...newCompanyRecord, version: 1 };
    }
    const created = newContact(
      {
        name: submission.name ?? nameFromEmail(submission.email),
        email: submission.email,
        phone: submission.phone,
        title: submission.title,
        companyId: companyUsable?.id ?? newCompanyRecord?.id ?? null,
        lifecycleStage: 'lead',
        consent: consent ?? undefined,
        ownerId: route.ownerId,
      },
      input.ids.contact,
      now,
    );
    const dueAt = addBusinessHours(now, settings.sla.hours, settings.sla.businessHours);
    received = {
      ...created,
      attribution: attributionOf(touch),
      lead: { ...withTouch(EMPTY_LEAD, touch), segment, region, routedBy: route.method, taskId: input.ids.task, sla: openSla(now, dueAt, settings.sla.hours) },
    };
  }

  const scored = rescore(received, settings.scoring, now);
  const version = (existing?.version ?? 0) + 1;
  const tracked = trackFunnel({ ...scored, version, updatedAt: now }, now);
  const contact = tracked.contact;

  // The timeline tells it in steps: what arrived, how it scored (and MQL), who owns it and by when.
  const steps: TimelineStep[] = [];
  const receivedChanges = fieldChanges(existing ? contactAuditView(existing) : null, contactAuditView({ ...received, leadScore: existing?.leadScore ?? 0, lifecycleStage: existing?.lifecycleStage ?? 'lead', ownerId: existing?.ownerId ?? received.ownerId }), CONTACT_AUDITED_FIELDS).filter(
    (c) => c.field !== 'ownerId' && c.field !== 'leadScore',
  );
  steps.push({ at: now, changes: [...receivedChanges, { field: 'touch', from: null, to: touchText(submission) }] });
  const scoreChanges: FieldChange[] = [];
  if (contact.leadScore !== (existing?.leadScore ?? 0)) scoreChanges.push({ field: 'leadScore', from: existing?.leadScore ?? 0, to: contact.leadScore });
  if (contact.lifecycleStage !== (existing?.lifecycleStage ?? 'lead')) scoreChanges.push({ field: 'lifecycleStage', from: existing?.lifecycleStage ?? 'lead', to: contact.lifecycleStage });
  if (scoreChanges.length > 0) steps.push({ at: now + 1, changes: scoreChanges });
  if (route && contact.lead?.sla) {
    steps.push({ at: now + 2, changes: [{ field: 'ownerId', from: null, to: route.ownerId }, { field: 'leadSlaDueAt', from: null, to: contact.lead.sla.dueAt }] });
  }

  const task = route
    ? newActivity(
        {
          recordType: 'contact',
          recordId: contact.id,
          projectId: null,
          kind: 'task',
          subject: `Respond to new lead: ${contact.name}`,
          body: `Score ${contact.leadScore}${contact.lifecycleStage === 'mql' ? ' (MQL)' : ''}. Log a call, e-mail or note on the contact within ${settings.sla.hours} business hours.`,
          dueAt: contact.lead?.sla?.dueAt ?? now,
          ownerId: route.ownerId,
        },
        input.actorId,
        input.ids.task,
        now + 3,
      )
    : null;

  return { before: existing, contact, newCompany: newCompanyRecord, route, task, steps, reached: tracked.reached };
}

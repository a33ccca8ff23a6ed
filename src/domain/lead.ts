import type { Segment } from './company';
import type { Attribution, Consent, Contact, LifecycleStage, UtmField } from './contact';
import type { RouteMethod } from './lead-routing';
import type { LeadScoreResult, ScoreReason, ScoringRules } from './lead-scoring';
import { isMql, scoreLead } from './lead-scoring';
import { emailDomain } from './normalise';

/**
 * A contact's life as a lead: every touch (form submission) with its time, the score and its
 * reasons, how it was routed, and its response SLA; and, for every contact, when it first reached
 * each stage of the marketing funnel (lead → MQL → SQL → opportunity), so conversion counts never
 * count a contact twice. Pure: time and ids are inputs.
 */

/** Touches kept on the contact (the first is also its attribution, kept forever); older ones are counted. */
export const MAX_TOUCHES = 50;

export interface Touch {
  at: number;
  source: string;
  campaign: string | null;
  utm: Record<UtmField, string | null>;
  formType: string | null;
}

export const LEAD_SLA_STATES = ['open', 'met', 'breached'] as const;
export type LeadSlaState = (typeof LEAD_SLA_STATES)[number];

/** Hours from lead creation to the owner's first logged activity, in business hours. */
export interface LeadSla {
  state: LeadSlaState;
  startedAt: number;
  dueAt: number;
  /** The SLA in business hours when the lead arrived (a later settings change does not move it). */
  hours: number;
  respondedAt: number | null;
  responseHours: number | null;
  breachedAt: number | null;
}

export interface LeadInfo {
  touches: Touch[];
  touchCount: number;
  /** Fit facts as the form (or the matched company) gave them. */
  segment: Segment | null;
  region: string | null;
  score: (Omit<LeadScoreResult, 'score'> & { scoredAt: number }) | null;
  routedBy: RouteMethod | null;
  /** The owner's follow-up task (on their "My tasks"), completed by their first activity. */
  taskId: string | null;
  sla: LeadSla | null;
}

export const FUNNEL_STAGES = ['lead', 'mql', 'sql', 'opportunity'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

/** How deep in the funnel a lifecycle stage is; 'other' (disqualified, partner…) is outside it. */
const DEPTH: Record<LifecycleStage, number> = { lead: 0, mql: 1, sql: 2, opportunity: 3, customer: 3, other: -1 };

/**
 * Where a contact is counted in the funnel: the segment and source fixed when it entered (so its
 * lead and its SQL land in the same cell), and when it first reached each stage.
 */
export interface FunnelTrack {
  segment: Segment | 'none';
  source: string;
  reached: Partial<Record<FunnelStage, number>>;
}

/**
 * The contact with the funnel stages its lifecycle stage implies marked as reached (a skipped stage
 * counts as passed at the same instant, so SQL never exceeds MQL), and the stages reached now.
 */
export function trackFunnel(contact: Contact, now: number): { contact: Contact; reached: FunnelStage[] } {
  const depth = DEPTH[contact.lifecycleStage];
  if (depth < 0) return { contact, reached: [] };
  const track: FunnelTrack = contact.funnel ?? { segment: contact.lead?.segment ?? 'none', source: contact.attribution?.channel ?? 'none', reached: {} };
  const reached = FUNNEL_STAGES.filter((stage, index) => index <= depth && track.reached[stage] === undefined);
  if (reached.length === 0 && contact.funnel) return { contact, reached };
  const next: FunnelTrack = { ...track, reached: { ...track.reached } };
  for (const stage of reached) next.reached[stage] = now;
  return { contact: { ...contact, funnel: next }, reached };
}

/** The calendar month (UTC, "YYYY-MM") an instant is counted in; fiscal periods are whole months. */
export function funnelMonth(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** Free e-mail providers: their domain says nothing about the person's company. */
export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'hotmail.com', 'hotmail.co.uk', 'hotmail.fr', 'outlook.com',
  'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'gmx.net', 'web.de',
  'mail.com', 'yandex.com', 'yandex.ru', 'zoho.com', 'fastmail.com', 'hey.com', 'qq.com', '163.com', '126.com', 'libero.it', 'orange.fr', 'free.fr',
  'laposte.net', 't-online.de', 'seznam.cz', 'wp.pl', 'o2.pl', 'rediffmail.com', 'tutanota.com', 'hushmail.com',
]);

/** The company domain an email address names, or null for free-mail providers. */
export function companyDomainOf(email: string): string | null {
  const domain = emailDomain(email);
  return FREE_MAIL_DOMAINS.has(domain) ? null : domain;
}

/** What a valid inbound request says about the person, normalised. */
export interface LeadSubmission {
  email: string;
  name: string | null;
  company: string | null;
  title: string | null;
  phone: string | null;
  source: string;
  campaign: string | null;
  utm: Record<UtmField, string | null>;
  formType: string | null;
  segment: Segment | null;
  region: string | null;
  consent: Consent | null;
}

export function touchOf(submission: LeadSubmission, at: number): Touch {
  return { at, source: submission.source, campaign: submission.campaign, utm: { ...submission.utm }, formType: submission.formType };
}

export function attributionOf(touch: Touch): Attribution {
  return { channel: touch.source, campaign: touch.campaign, utm: { ...touch.utm }, capturedAt: touch.at };
}

/** A name for a person the form did not name: the e-mail's local part, "ana.silva" → "Ana Silva". */
export function nameFromEmail(email: string): string {
  const local = email.slice(0, email.lastIndexOf('@')).split('+')[0] ?? email;
  const words = local.split(/[._-]+/).filter(Boolean);
  return words.length === 0 ? email : words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Appends a touch, keeping the newest MAX_TOUCHES and the count of all. */
export function withTouch(lead: LeadInfo, touch: Touch): LeadInfo {
  const touches = [...lead.touches, touch].slice(-MAX_TOUCHES);
  return { ...lead, touches, touchCount: lead.touchCount + 1 };
}

export const EMPTY_LEAD: LeadInfo = { touches: [], touchCount: 0, segment: null, region: null, score: null, routedBy: null, taskId: null, sla: null };

/**
 * Scores the lead again from its fit facts and every touch kept, and moves a lead that reaches the
 * threshold to MQL (never back: requalifying is a person's call).
 */
export function rescore(contact: Contact, rules: ScoringRules, now: number): Contact {
  const lead = contact.lead ?? EMPTY_LEAD;
  const result = scoreLead(rules, { segment: lead.segment, title: contact.title, region: lead.region, touches: lead.touches.map((t) => ({ source: t.source, formType: t.formType })) });
  const lifecycleStage = contact.lifecycleStage === 'lead' && isMql(result.score, rules) ? 'mql' : contact.lifecycleStage;
  return { ...contact, leadScore: result.score, lifecycleStage, lead: { ...lead, score: { fit: result.fit, intent: result.intent, reasons: result.reasons, scoredAt: now } } };
}

/** The response SLA of a lead just created: open, due `dueAt` (business hours computed by the caller). */
export function openSla(startedAt: number, dueAt: number, hours: number): LeadSla {
  return { state: 'open', startedAt, dueAt, hours, respondedAt: null, responseHours: null, breachedAt: null };
}

/** The owner logged their first activity: the SLA is met, or stays breached with the response time recorded. */
export function respond(sla: LeadSla, at: number, responseHours: number): LeadSla {
  if (sla.respondedAt !== null) return sla;
  return { ...sla, state: sla.state === 'breached' || at > sla.dueAt ? 'breached' : 'met', respondedAt: at, responseHours, breachedAt: sla.breachedAt ?? (at > sla.dueAt ? sla.dueAt : null) };
}

/** Past its due time with no activity from the owner: breached (once). */
export function breach(sla: LeadSla, now: number): LeadSla {
  if (sla.state !== 'open' || now < sla.dueAt) return sla;
  return { ...sla, state: 'breached', breachedAt: now };
}

export type { ScoreReason };

import type { AuditValue } from './audit';
import type { FunnelTrack, LeadInfo } from './lead';
import { normaliseEmail, optionalText, requiredName, uniqueValue } from './normalise';
import { isIsoDate, type IsoDate } from './periods';

/**
 * A contact (a person) and the rules that keep it trustworthy: one normalised, site-unique email,
 * a lead lifecycle stage, consent as a status with its legal basis and date, the source attribution
 * of the first touch (never overwritten once set, so marketing's numbers do not shift under them),
 * and a lead score from 0 to 100. Pure: time and ids come in as inputs.
 */
export const LIFECYCLE_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer', 'other'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];
export const LIFECYCLE_STAGE_LABELS: Record<LifecycleStage, string> = {
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  other: 'Other',
};

/** Consent to be contacted for marketing; 'unknown' until someone records an answer. */
export const CONSENT_STATUSES = ['unknown', 'granted', 'denied', 'withdrawn'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
/** The lawful bases of GDPR art. 6(1). */
export const CONSENT_BASES = ['consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests'] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];

export interface Consent {
  status: ConsentStatus;
  basis: ConsentBasis | null;
  /** The day the answer was given (or withdrawn). */
  date: IsoDate | null;
}

export const NO_CONSENT: Consent = { status: 'unknown', basis: null, date: null };

export const UTM_FIELDS = ['source', 'medium', 'campaign', 'term', 'content'] as const;
export type UtmField = (typeof UTM_FIELDS)[number];

/** Where the contact first came from. Kept forever from the first touch. */
export interface Attribution {
  channel: string;
  campaign: string | null;
  utm: Record<UtmField, string | null>;
  /** When the first touch was recorded (epoch ms). */
  capturedAt: number;
}
/** A touch as a form or an inbound lead gives it: only the channel is required. */
export interface AttributionInput {
  channel: string;
  campaign?: string | null;
  utm?: Partial<Record<UtmField, string | null>>;
}

export const LEAD_SCORE_MIN = 0;
export const LEAD_SCORE_MAX = 100;

/** A contact: what a user may set (attribution as stored, not as typed), and what Relay keeps about it. */
export interface Contact extends Omit<ContactFields, 'attribution'> {
  id: string;
  attribution: Attribution | null;
  /** Inbound-lead facts (touches, score reasons, routing, response SLA); null for contacts never sent by a form. */
  lead: LeadInfo | null;
  /** When the contact first reached each funnel stage; null until it enters the funnel. */
  funnel: FunnelTrack | null;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export type ContactErrorCode =
  | 'NAME_REQUIRED'
  | 'EMAIL_INVALID'
  | 'ATTRIBUTION_LOCKED'
  | 'ATTRIBUTION_INVALID'
  | 'CONSENT_INVALID'
  | 'LEAD_SCORE_INVALID'
  | 'CONTACT_ARCHIVED'
  | 'CONTACT_NOT_ARCHIVED';

export class ContactError extends Error {
  constructor(
    readonly code: ContactErrorCode,
    message: string,
    /** The input field at fault (dotted path), when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ContactError';
  }
}

export interface ContactFields {
  name: string;
  /** Normalised (see normaliseEmail) on a contact; null when unknown. Unique across the site when set. */
  email: string | null;
  phone: string | null;
  title: string | null;
  /** An existing, non-archived company when set (the use case checks it against storage). */
  companyId: string | null;
  lifecycleStage: LifecycleStage;
  attribution: AttributionInput | null;
  consent: Consent;
  ownerId: string;
  leadScore: number;
}
export type ContactPatch = Partial<ContactFields>;

const nameOf = (name: string) => requiredName(name, () => new ContactError('NAME_REQUIRED', 'A contact needs a name', 'name'));

/** The email as stored: "ANA@Example.com " becomes "ana@example.com"; blank clears it. */
export function contactEmail(text: string | null): string | null {
  return uniqueValue(text, normaliseEmail, (typed) => new ContactError('EMAIL_INVALID', `"${typed}" is not an email address`, 'email'));
}

/** The prefix an email search compares with stored emails. */
export function emailPrefix(text: string): string {
  return text.trim().toLowerCase();
}

/** A lead score must be a whole number from 0 to 100. Errors: LEAD_SCORE_INVALID. */
export function checkLeadScore(score: number): number {
  if (!Number.isInteger(score) || score < LEAD_SCORE_MIN || score > LEAD_SCORE_MAX) {
    throw new ContactError('LEAD_SCORE_INVALID', `A lead score is a whole number from ${LEAD_SCORE_MIN} to ${LEAD_SCORE_MAX}`, 'leadScore');
  }
  return score;
}

/** Brings a computed score (scoring rules add and subtract points) into range. */
export function clampLeadScore(points: number): number {
  if (!Number.isFinite(points)) return LEAD_SCORE_MIN;
  return Math.min(LEAD_SCORE_MAX, Math.max(LEAD_SCORE_MIN, Math.round(points)));
}

/**
 * Consent rules: an answer (granted, denied, withdrawn) carries the day it was given; granted also
 * names its lawful basis; 'unknown' carries neither, so a record never claims a basis nobody gave.
 * Errors: CONSENT_INVALID (with the field at fault).
 */
export function checkConsent(consent: Consent): Consent {
  if (consent.date !== null && !isIsoDate(consent.date)) throw new ContactError('CONSENT_INVALID', 'A consent date is YYYY-MM-DD', 'consent.date');
  if (consent.status === 'unknown') {
    if (consent.basis !== null || consent.date !== null) throw new ContactError('CONSENT_INVALID', 'Unknown consent has no basis and no date', consent.basis !== null ? 'consent.basis' : 'consent.date');
    return consent;
  }
  if (consent.date === null) throw new ContactError('CONSENT_INVALID', 'Say when consent was given or withdrawn', 'consent.date');
  if (consent.status === 'granted' && consent.basis === null) throw new ContactError('CONSENT_INVALID', 'Granted consent needs its lawful basis', 'consent.basis');
  return { status: consent.status, basis: consent.basis, date: consent.date };
}

function attributionOf(input: AttributionInput, now: number): Attribution {
  const channel = input.channel.trim();
  if (!channel) throw new ContactError('ATTRIBUTION_INVALID', 'An attribution needs its channel', 'attribution.channel');
  const utm = Object.fromEntries(UTM_FIELDS.map((field) => [field, optionalText(input.utm?.[field])])) as Record<UtmField, string | null>;
  return { channel, campaign: optionalText(input.campaign), utm, capturedAt: now };
}

function sameTouch(a: Attribution, b: Attribution): boolean {
  return a.channel === b.channel && a.campaign === b.campaign && UTM_FIELDS.every((f) => a.utm[f] === b.utm[f]);
}

/**
 * First touch wins: the attribution a contact already has is kept whatever a later touch says.
 * This is what inbound leads and imports use when they meet a known contact.
 */
export function firstTouch(current: Attribution | null, incoming: AttributionInput | null, now: number): Attribution | null {
  if (current) return current;
  return incoming ? attributionOf(incoming, now) : null;
}

/** A new contact at version 0 (the store sets version 1). Errors: NAME_REQUIRED, EMAIL_INVALID, CONSENT_INVALID, LEAD_SCORE_INVALID. */
export function newContact(fields: Partial<ContactFields> & { name: string; ownerId: string }, id: string, now: number): Contact {
  return {
    id,
    name: nameOf(fields.name),
    email: contactEmail(fields.email ?? null),
    phone: optionalText(fields.phone),
    title: optionalText(fields.title),
    companyId: fields.companyId ?? null,
    lifecycleStage: fields.lifecycleStage ?? 'lead',
    attribution: fields.attribution ? attributionOf(fields.attribution, now) : null,
    consent: checkConsent(fields.consent ?? NO_CONSENT),
    ownerId: fields.ownerId,
    leadScore: checkLeadScore(fields.leadScore ?? 0),
    lead: null,
    funnel: null,
    archived: false,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
}

/**
 * Applies an edit. The attribution can be set once: sending the one already stored is a no-op,
 * sending a different one (or clearing it) is refused rather than silently ignored, so the user
 * learns why their change did not stick.
 * Errors: CONTACT_ARCHIVED, ATTRIBUTION_LOCKED and those of `newContact`.
 */
export function updateContact(contact: Contact, patch: ContactPatch, now: number): Contact {
  if (contact.archived) throw new ContactError('CONTACT_ARCHIVED', 'An archived contact cannot be edited; restore it first');
  const next: Contact = { ...contact, updatedAt: now };
  if (patch.name !== undefined) next.name = nameOf(patch.name);
  if (patch.email !== undefined) next.email = contactEmail(patch.email);
  if (patch.phone !== undefined) next.phone = optionalText(patch.phone);
  if (patch.title !== undefined) next.title = optionalText(patch.title);
  if (patch.companyId !== undefined) next.companyId = patch.companyId;
  if (patch.lifecycleStage !== undefined) next.lifecycleStage = patch.lifecycleStage;
  if (patch.attribution !== undefined) {
    if (contact.attribution) {
      const same = patch.attribution !== null && sameTouch(contact.attribution, attributionOf(patch.attribution, now));
      if (!same) throw new ContactError('ATTRIBUTION_LOCKED', 'The first-touch attribution is kept forever once set', 'attribution');
    } else {
      next.attribution = patch.attribution ? attributionOf(patch.attribution, now) : null;
    }
  }
  if (patch.consent !== undefined) next.consent = checkConsent(patch.consent);
  if (patch.ownerId !== undefined) next.ownerId = patch.ownerId;
  if (patch.leadScore !== undefined) next.leadScore = checkLeadScore(patch.leadScore);
  return next;
}

export function archiveContact(contact: Contact, now: number): Contact {
  if (contact.archived) throw new ContactError('CONTACT_ARCHIVED', 'This contact is archived already');
  return { ...contact, archived: true, updatedAt: now };
}

export function restoreContact(contact: Contact, now: number): Contact {
  if (!contact.archived) throw new ContactError('CONTACT_NOT_ARCHIVED', 'This contact is not archived');
  return { ...contact, archived: false, updatedAt: now };
}

/**
 * The contact as the audit trail compares it: nested values (attribution, consent) flattened into
 * plain fields, so a change reads "consent.status: unknown → granted" rather than two JSON blobs.
 */
export function contactAuditView(contact: Contact): Record<ContactAuditField, AuditValue> {
  const a = contact.attribution;
  return {
    name: contact.name,
    email: contact.email,
    phone: contact.phone,
    title: contact.title,
    companyId: contact.companyId,
    lifecycleStage: contact.lifecycleStage,
    'attribution.channel': a?.channel ?? null,
    'attribution.campaign': a?.campaign ?? null,
    'attribution.utm.source': a?.utm.source ?? null,
    'attribution.utm.medium': a?.utm.medium ?? null,
    'attribution.utm.campaign': a?.utm.campaign ?? null,
    'attribution.utm.term': a?.utm.term ?? null,
    'attribution.utm.content': a?.utm.content ?? null,
    'consent.status': contact.consent.status,
    'consent.basis': contact.consent.basis,
    'consent.date': contact.consent.date,
    ownerId: contact.ownerId,
    leadScore: contact.leadScore,
    archived: contact.archived,
  };
}

export const CONTACT_AUDITED_FIELDS = [
  'name', 'email', 'phone', 'title', 'companyId', 'lifecycleStage',
  'attribution.channel', 'attribution.campaign', 'attribution.utm.source', 'attribution.utm.medium', 'attribution.utm.campaign', 'attribution.utm.term', 'attribution.utm.content',
  'consent.status', 'consent.basis', 'consent.date', 'ownerId', 'leadScore', 'archived',
] as const;
export type ContactAuditField = (typeof CONTACT_AUDITED_FIELDS)[number];

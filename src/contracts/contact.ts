import { z } from 'zod';
import { SEGMENTS } from '../domain/company';
import { CONSENT_BASES, CONSENT_STATUSES, LEAD_SCORE_MAX, LEAD_SCORE_MIN, LIFECYCLE_STAGES, UTM_FIELDS } from '../domain/contact';
import { FUNNEL_STAGES, LEAD_SLA_STATES } from '../domain/lead';
import { AccountId, Cursor, Id, IsoDate, PageLimit, ShortText, Version, page } from './common';
import { RecordStatus } from './company';

export const LifecycleStage = z.enum(LIFECYCLE_STAGES);
export const ConsentStatus = z.enum(CONSENT_STATUSES);
export const ConsentBasis = z.enum(CONSENT_BASES);

export const Consent = z.object({ status: ConsentStatus, basis: ConsentBasis.nullable(), date: IsoDate.nullable() }).strict();

const Utm = z.object(Object.fromEntries(UTM_FIELDS.map((f) => [f, ShortText.nullable()])) as Record<(typeof UTM_FIELDS)[number], z.ZodNullable<typeof ShortText>>);

/** The first touch as stored: kept forever once set. */
export const Attribution = z.object({
  channel: z.string(),
  campaign: z.string().nullable(),
  utm: Utm,
  capturedAt: z.number(),
});

export const AttributionInput = z
  .object({ channel: ShortText.min(1, 'Name the channel, e.g. webinar'), campaign: ShortText.nullable().optional(), utm: Utm.partial().strict().optional() })
  .strict();

const StoredUtm = z.object(Object.fromEntries(UTM_FIELDS.map((f) => [f, z.string().nullable()])) as Record<(typeof UTM_FIELDS)[number], z.ZodNullable<z.ZodString>>);

/** One form submission: when, from where, which form. */
export const TouchRecord = z.object({ at: z.number(), source: z.string(), campaign: z.string().nullable(), utm: StoredUtm, formType: z.string().nullable() });

export const ScoreReasonRecord = z.object({
  group: z.enum(['fit', 'intent']),
  factor: z.enum(['segment', 'title', 'region', 'source', 'formType']),
  value: z.string(),
  matched: z.string(),
  points: z.number(),
});

export const LeadSlaRecord = z.object({
  state: z.enum(LEAD_SLA_STATES),
  startedAt: z.number(),
  dueAt: z.number(),
  hours: z.number(),
  respondedAt: z.number().nullable(),
  responseHours: z.number().nullable(),
  breachedAt: z.number().nullable(),
});

/** What Relay knows of a contact as an inbound lead. */
export const LeadInfoRecord = z.object({
  touches: z.array(TouchRecord),
  touchCount: z.number().int(),
  segment: z.enum(SEGMENTS).nullable(),
  region: z.string().nullable(),
  score: z.object({ fit: z.number(), intent: z.number(), reasons: z.array(ScoreReasonRecord), scoredAt: z.number() }).nullable(),
  routedBy: z.enum(['round-robin', 'rule', 'fallback']).nullable(),
  taskId: z.string().nullable(),
  sla: LeadSlaRecord.nullable(),
});

export const FunnelTrackRecord = z.object({
  segment: z.union([z.enum(SEGMENTS), z.literal('none')]),
  source: z.string(),
  reached: z.object(Object.fromEntries(FUNNEL_STAGES.map((s) => [s, z.number().optional()])) as Record<(typeof FUNNEL_STAGES)[number], z.ZodOptional<z.ZodNumber>>),
});

export const LeadScore = z.number().int('A lead score is a whole number').min(LEAD_SCORE_MIN).max(LEAD_SCORE_MAX);

/** A contact as every UI reads it. */
export const ContactRecord = z.object({
  id: Id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  title: z.string().nullable(),
  companyId: Id.nullable(),
  lifecycleStage: LifecycleStage,
  attribution: Attribution.nullable(),
  consent: Consent,
  ownerId: AccountId,
  leadScore: z.number().int(),
  lead: LeadInfoRecord.nullable(),
  funnel: FunnelTrackRecord.nullable(),
  archived: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: Version,
});
export type ContactRecord = z.infer<typeof ContactRecord>;

/**
 * Editable fields; on update each is optional and null clears it (the attribution only while
 * unset: it is kept from the first touch). The email is accepted in any typed form and stored
 * normalised; companyId must name an existing, non-archived company.
 */
const editable = {
  name: ShortText.min(1, 'A contact needs a name'),
  email: ShortText.nullable(),
  phone: ShortText.max(64).nullable(),
  title: ShortText.nullable(),
  companyId: Id.nullable(),
  lifecycleStage: LifecycleStage,
  attribution: AttributionInput.nullable(),
  consent: Consent,
  ownerId: AccountId,
  leadScore: LeadScore,
};

export const CreateContactInput = z
  .object(editable)
  .partial({ email: true, phone: true, title: true, companyId: true, lifecycleStage: true, attribution: true, consent: true, ownerId: true, leadScore: true })
  .strict();

export const UpdateContactInput = z
  .object({ contactId: Id, version: Version, changes: z.object(editable).partial().strict() })
  .strict();

export const ContactRef = z.object({ contactId: Id, version: Version }).strict();
export const GetContactInput = z.object({ contactId: Id }).strict();

/** Contacts A–Z, or one company's contacts A–Z. A page may be short and still have a cursor. */
export const ListContactsInput = z
  .object({ status: RecordStatus.default('active'), companyId: Id.optional(), limit: PageLimit, cursor: Cursor.optional() })
  .strict();

/** Prefix search: of the name (A–Z) or of the email (in email order). */
export const SearchContactsInput = z
  .object({
    text: z.string().trim().min(1, 'Type at least one character').max(255),
    field: z.enum(['name', 'email']).default('name'),
    status: RecordStatus.default('active'),
    limit: PageLimit,
    cursor: Cursor.optional(),
  })
  .strict();

export const ContactPage = page(ContactRecord);

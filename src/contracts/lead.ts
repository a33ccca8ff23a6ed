import { z } from 'zod';
import { SEGMENTS } from '../domain/company';
import { CONSENT_BASES, UTM_FIELDS } from '../domain/contact';
import { isTimeZone } from '../domain/business-hours';
import { FUNNEL_STAGES, LEAD_SLA_STATES } from '../domain/lead';
import { ROUTING_MODES } from '../domain/lead-routing';
import { SCORE_POINTS_MAX, SCORE_POINTS_MIN } from '../domain/lead-scoring';
import { AccountId, Cursor, IsoDate, PageLimit } from './common';
import { ContactRecord } from './contact';

/**
 * Inbound leads: the web trigger's body, the site's lead settings (scoring, routing, response SLA
 * and business hours), the signing secret's state, the Leads tab and the funnel.
 */

// ---- the web trigger body ---------------------------------------------------------------------

const Text = (max: number) => z.string().trim().min(1).max(max);

/** What a form provider POSTs (snake_case, as form tools and UTM parameters are written). Unknown fields are refused. */
export const InboundLeadBody = z
  .object({
    email: z.string().max(254),
    name: Text(255).optional(),
    company: Text(255).optional(),
    title: Text(255).optional(),
    phone: Text(64).optional(),
    source: Text(100).optional(),
    campaign: Text(255).optional(),
    utm_source: Text(255).optional(),
    utm_medium: Text(255).optional(),
    utm_campaign: Text(255).optional(),
    utm_term: Text(255).optional(),
    utm_content: Text(255).optional(),
    form_type: Text(100).optional(),
    segment: z.enum(SEGMENTS).optional(),
    region: Text(100).optional(),
    consent: z
      .object({ status: z.enum(['granted', 'denied', 'withdrawn']), basis: z.enum(CONSENT_BASES).optional(), date: IsoDate.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type InboundLeadBody = z.infer<typeof InboundLeadBody>;

/** The body's fields in the order the admin page documents them. */
export const INBOUND_LEAD_FIELDS = [
  'email', 'name', 'company', 'title', 'phone', 'source', 'campaign', ...UTM_FIELDS.map((f) => `utm_${f}` as const), 'form_type', 'segment', 'region', 'consent',
] as const;

// ---- settings ---------------------------------------------------------------------------------

const Points = z.number().int('Points are whole numbers').min(SCORE_POINTS_MIN).max(SCORE_POINTS_MAX);
const PointsRule = z.object({ match: z.string().trim().min(1, 'Name what to match').max(100), points: Points }).strict();
const Rules = z.array(PointsRule).max(50);

export const ScoringRulesSchema = z
  .object({
    segments: z.object({ smb: Points, 'mid-market': Points, enterprise: Points }).strict(),
    titles: Rules,
    regions: Rules,
    sources: Rules,
    formTypes: Rules,
    mqlThreshold: z.number().int().min(1, 'At least 1').max(100, 'At most 100'),
  })
  .strict();

export const RoutingRulesSchema = z
  .object({
    mode: z.enum(ROUTING_MODES),
    owners: z.array(AccountId).max(50),
    rules: z.array(z.object({ region: z.string().trim().min(1).max(100).nullable(), segment: z.enum(SEGMENTS).nullable(), ownerId: AccountId }).strict()).max(50),
    fallbackOwnerId: AccountId.nullable(),
  })
  .strict();

export const BusinessHoursSchema = z
  .object({
    timeZone: z.string().refine(isTimeZone, { message: 'An IANA time zone, e.g. Europe/Berlin', params: { reason: 'time-zone' } }),
    days: z.array(z.number().int().min(1).max(7)).min(1, 'Pick at least one working day').max(7),
    startHour: z.number().int().min(0).max(23),
    endHour: z.number().int().min(1).max(24),
  })
  .strict()
  .refine((h) => h.endHour > h.startHour, { path: ['endHour'], message: 'The day ends after it starts', params: { reason: 'day-order' } });

export const LeadSlaSettings = z.object({ hours: z.number().int().min(1, 'At least 1 hour').max(240, 'At most 240 hours'), businessHours: BusinessHoursSchema }).strict();

export const LeadSettingsRecord = z.object({
  scoring: ScoringRulesSchema,
  routing: RoutingRulesSchema,
  sla: LeadSlaSettings,
  version: z.number().int().min(0),
  canEdit: z.boolean(),
});
export type LeadSettingsRecord = z.infer<typeof LeadSettingsRecord>;

export const LeadSettingsInput = z.object({}).strict();

/** Save the whole settings, or only some parts (the project settings page saves the SLA alone). */
export const SaveLeadSettingsInput = z
  .object({ version: z.number().int().min(0), scoring: ScoringRulesSchema.optional(), routing: RoutingRulesSchema.optional(), sla: LeadSlaSettings.optional() })
  .strict();

// ---- the signing secret -----------------------------------------------------------------------

/** How long the secret a rotation replaces keeps working, so senders can switch without losing leads. */
export const SECRET_GRACE_HOURS = 24;

export const SecretStateRecord = z.object({
  /** The web trigger URL to POST leads to. */
  url: z.string(),
  configured: z.boolean(),
  /** A few characters of the secret's SHA-256, to tell secrets apart without showing them. */
  fingerprint: z.string().nullable(),
  createdAt: z.number().nullable(),
  createdBy: z.string().nullable(),
  previous: z.object({ fingerprint: z.string(), expiresAt: z.number() }).nullable(),
  graceHours: z.number().int(),
  version: z.number().int().min(0),
  canEdit: z.boolean(),
});
export const SecretStateInput = z.object({}).strict();

/** Rotate (or set the first) secret; `secret` lets an admin use one their form tool generated. */
export const RotateSecretInput = z
  .object({ version: z.number().int().min(0), secret: z.string().min(32, 'At least 32 characters').max(256).regex(/^[\x21-\x7e]+$/, 'Printable characters without spaces').optional() })
  .strict();
/** The new secret in clear, this once: Relay never shows it again. */
export const RotateSecretResult = z.object({ state: SecretStateRecord, secret: z.string() });

// ---- the Leads tab ----------------------------------------------------------------------------

export const LEAD_VIEWS = ['new', 'unworked', 'breached'] as const;
export const ListLeadsInput = z
  .object({ view: z.enum(LEAD_VIEWS).default('new'), mine: z.boolean().default(false), limit: PageLimit, cursor: Cursor.optional() })
  .strict();
export const LeadPage = z.object({ items: z.array(ContactRecord), nextCursor: z.string().nullable() });

// ---- the funnel -------------------------------------------------------------------------------

const Counts = z.object(Object.fromEntries(FUNNEL_STAGES.map((s) => [s, z.number().int()])) as Record<(typeof FUNNEL_STAGES)[number], z.ZodNumber>);
const ratio = z.number().nullable();
const Conversion = z.object({ leadToSql: ratio, sqlToOpportunity: ratio, leadToMql: ratio, mqlToSql: ratio });
const Cut = z.record(z.string(), z.object({ counts: Counts, conversion: Conversion }));

export const FunnelInput = z
  .object({
    kind: z.enum(['month', 'quarter']).default('quarter'),
    count: z.number().int().min(1).max(12).default(4),
    segment: z.string().min(1).max(100).optional(),
    source: z.string().min(1).max(100).optional(),
  })
  .strict();
export const FunnelResult = z.object({
  periods: z.array(z.object({ key: z.string(), kind: z.enum(['month', 'quarter', 'year']), start: z.string(), end: z.string(), counts: Counts, conversion: Conversion, bySegment: Cut, bySource: Cut })),
  /** Every segment and source seen in these periods, for the filters. */
  segments: z.array(z.string()),
  sources: z.array(z.string()),
  glossary: z.object({ leadConversion: z.string(), leadResponseSla: z.string() }),
});

export { LEAD_SLA_STATES };

// ---- what the web trigger answers -------------------------------------------------------------

/**
 * Every answer of the inbound-lead web trigger. The trigger is `static` (see README: Runs on
 * Atlassian), so these are also its manifest `outputs`, word for word; a unit test keeps the two
 * equal. Each refusal has its own code, and a refused request stores nothing.
 */
export const INBOUND_OUTCOMES = {
  'lead-created': { status: 201, code: 'CREATED', message: 'The lead is stored as a new contact.' },
  'lead-updated': { status: 200, code: 'UPDATED', message: 'The e-mail matched a contact: this touch was added to it.' },
  'method-not-allowed': { status: 405, code: 'METHOD_NOT_ALLOWED', message: 'Send leads with POST.' },
  'too-large': { status: 413, code: 'BODY_TOO_LARGE', message: 'The body is larger than 64 KB.' },
  'signature-missing': { status: 401, code: 'SIGNATURE_MISSING', message: 'Sign the request: X-Relay-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<body>">.' },
  'timestamp-invalid': { status: 400, code: 'TIMESTAMP_INVALID', message: 'Send X-Relay-Timestamp: the Unix time in seconds the request was signed at.' },
  'timestamp-outside-window': { status: 401, code: 'TIMESTAMP_OUTSIDE_WINDOW', message: 'The timestamp is more than 5 minutes away from now: sign the request again.' },
  'signature-invalid': { status: 401, code: 'SIGNATURE_INVALID', message: 'The signature does not match the body and timestamp with the current secret.' },
  replayed: { status: 409, code: 'REPLAYED', message: 'This signature was accepted before: a signed request is accepted once.' },
  'malformed-json': { status: 400, code: 'MALFORMED_JSON', message: 'The body is not valid JSON.' },
  'invalid-email': { status: 422, code: 'INVALID_EMAIL', message: 'email is missing or is not an e-mail address.' },
  'invalid-name': { status: 422, code: 'INVALID_NAME', message: 'name must be 1 to 255 characters.' },
  'invalid-consent': { status: 422, code: 'INVALID_CONSENT', message: 'consent must be {"status": "granted"|"denied"|"withdrawn", "basis"?: a GDPR basis, "date"?: "YYYY-MM-DD"}.' },
  'invalid-attribution': { status: 422, code: 'INVALID_ATTRIBUTION', message: 'source, campaign and utm_* must be 1 to 255 characters (source: 100).' },
  'invalid-field': { status: 422, code: 'INVALID_FIELD', message: 'The body must be a JSON object; company, title, phone, form_type, segment or region is not valid.' },
  'unknown-field': { status: 422, code: 'UNKNOWN_FIELD', message: 'The body has a field Relay does not know; see the schema on the admin page.' },
  'contact-archived': { status: 409, code: 'CONTACT_ARCHIVED', message: 'The e-mail belongs to an archived contact: restore it in Relay to accept its leads.' },
  'not-configured': { status: 503, code: 'NOT_CONFIGURED', message: 'Inbound leads are not set up: a Jira admin sets the secret and an owner on the Relay admin page.' },
  busy: { status: 503, code: 'BUSY', message: 'Relay is busy: nothing was stored. Sign the request again and retry in a few seconds.' },
  'license-inactive': { status: 403, code: 'LICENSE_INACTIVE', message: 'Relay is read-only on this site: its license is not active, so no lead is recorded.' },
} as const;
export type InboundOutcome = keyof typeof INBOUND_OUTCOMES;

/** The headers a signed request carries, lower-cased as Forge passes them. */
export const SIGNATURE_HEADER = 'x-relay-signature';
export const TIMESTAMP_HEADER = 'x-relay-timestamp';
export const MAX_LEAD_BODY_BYTES = 64 * 1024;
export const TIMESTAMP_WINDOW_SECONDS = 5 * 60;

import type { z } from 'zod';
import type { InboundOutcome } from '../../contracts/lead';
import { InboundLeadBody } from '../../contracts/lead';
import { contactEmail, ContactError, UTM_FIELDS } from '../../domain/contact';
import type { LeadSubmission } from '../../domain/lead';

const ATTRIBUTION_FIELDS = new Set(['source', 'campaign', ...UTM_FIELDS.map((f) => `utm_${f}`)]);

/** The refusal a schema problem gets: the first issue names the field at fault. */
function outcomeOf(issues: z.core.$ZodIssue[]): InboundOutcome {
  const issue = issues[0];
  if (!issue) return 'invalid-field';
  if (issue.code === 'unrecognized_keys') return 'unknown-field';
  const field = String(issue.path[0] ?? '');
  if (field === 'email') return 'invalid-email';
  if (field === 'name') return 'invalid-name';
  if (field === 'consent') return 'invalid-consent';
  if (ATTRIBUTION_FIELDS.has(field)) return 'invalid-attribution';
  return 'invalid-field';
}

/** The verified body as a lead, or the refusal for malformed JSON and each kind of invalid field. */
export function parseSubmission(body: string): { ok: true; submission: LeadSubmission } | { ok: false; outcome: InboundOutcome } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, outcome: 'malformed-json' };
  }
  const parsed = InboundLeadBody.safeParse(json);
  if (!parsed.success) return { ok: false, outcome: outcomeOf(parsed.error.issues) };
  const lead = parsed.data;
  let email: string | null;
  try {
    email = contactEmail(lead.email);
  } catch (error) {
    if (error instanceof ContactError) return { ok: false, outcome: 'invalid-email' };
    throw error;
  }
  if (!email) return { ok: false, outcome: 'invalid-email' };
  return {
    ok: true,
    submission: {
      email,
      name: lead.name ?? null,
      company: lead.company ?? null,
      title: lead.title ?? null,
      phone: lead.phone ?? null,
      source: lead.source ?? 'inbound',
      campaign: lead.campaign ?? null,
      utm: { source: lead.utm_source ?? null, medium: lead.utm_medium ?? null, campaign: lead.utm_campaign ?? null, term: lead.utm_term ?? null, content: lead.utm_content ?? null },
      formType: lead.form_type ?? null,
      segment: lead.segment ?? null,
      region: lead.region ?? null,
      consent: lead.consent ? { status: lead.consent.status, basis: lead.consent.basis ?? null, date: lead.consent.date ?? null } : null,
    },
  };
}

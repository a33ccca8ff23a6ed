import type { z } from 'zod';
import type { LeadSettingsRecord } from '../../../../src/contracts/lead';
import { SaveLeadSettingsInput } from '../../../../src/contracts/lead';
import { issueText } from '../../lib/field-messages';

export type LeadSettings = z.infer<typeof LeadSettingsRecord>;
export type LeadDraft = Pick<LeadSettings, 'scoring' | 'routing' | 'sla'>;
export type RuleList = 'titles' | 'regions' | 'sources' | 'formTypes';
export type DraftErrors = Record<string, string>;

export function draftOf(record: LeadSettings): LeadDraft {
  return { scoring: record.scoring, routing: record.routing, sla: record.sla };
}

export function sameDraft(a: LeadDraft, b: LeadDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The draft checked with the same schema the server uses, before anything is sent: the input to
 * save, or a message per field path (`scoring.titles.0.points`) in Relay's words, shown beside that field.
 */
export function checkLeadDraft(draft: LeadDraft, version: number, parts: Array<keyof LeadDraft> = ['scoring', 'routing', 'sla']): { input?: z.infer<typeof SaveLeadSettingsInput>; fields: DraftErrors } {
  const candidate = { version, ...Object.fromEntries(parts.map((p) => [p, draft[p]])) };
  const parsed = SaveLeadSettingsInput.safeParse(candidate);
  if (parsed.success) return { input: parsed.data, fields: {} };
  const fields: DraftErrors = {};
  for (const issue of parsed.error.issues) fields[issue.path.join('.')] ??= issueText(issue);
  return { fields };
}

export function setRule(draft: LeadDraft, list: RuleList, index: number, change: Partial<{ match: string; points: number }>): LeadDraft {
  const rules = draft.scoring[list].map((rule, i) => (i === index ? { ...rule, ...change } : rule));
  return { ...draft, scoring: { ...draft.scoring, [list]: rules } };
}

export function addRule(draft: LeadDraft, list: RuleList): LeadDraft {
  return { ...draft, scoring: { ...draft.scoring, [list]: [...draft.scoring[list], { match: '', points: 10 }] } };
}

export function removeRule(draft: LeadDraft, list: RuleList, index: number): LeadDraft {
  return { ...draft, scoring: { ...draft.scoring, [list]: draft.scoring[list].filter((_, i) => i !== index) } };
}

/** A number field's text as the draft keeps it: NaN for an empty or non-numeric entry, which the schema refuses. */
export function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The curl a form tool's developer copies: the body signed as Relay checks it (see the README). */
export function curlExample(url: string, secret: string | null): string {
  const body = JSON.stringify({ email: 'ana.silva@northwind.io', name: 'Ana Silva', company: 'Northwind', title: 'VP Marketing', source: 'webinar', campaign: 'Q4 launch', utm_source: 'linkedin', form_type: 'demo-request', consent: { status: 'granted', basis: 'consent' } });
  return [
    `SECRET='${secret ?? '<your signing secret>'}'`,
    `BODY='${body}'`,
    'TS=$(date +%s)',
    'SIG=$(printf \'%s.%s\' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed \'s/^.* //\')',
    `curl -i -X POST '${url}' \\`,
    "  -H 'Content-Type: application/json' \\",
    '  -H "X-Relay-Timestamp: $TS" \\',
    '  -H "X-Relay-Signature: v1=$SIG" \\',
    '  --data "$BODY"',
  ].join('\n');
}

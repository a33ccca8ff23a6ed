import type { z } from 'zod';
import type { FieldError } from '../../../src/contracts/envelope';
import type { SiteSettingsRecord } from '../../../src/contracts/metrics';
import { SaveSiteSettingsInput } from '../../../src/contracts/metrics';
import type { GlossaryKey } from '../../../src/domain/glossary';
import { GLOSSARY_KEYS } from '../../../src/domain/glossary';
import { isCurrency } from '../../../src/domain/money';
import { exampleNumber, numberForInput, typedNumber } from '../lib/field-messages';
import { t } from '../lib/i18n';
import '../lib/areas/insights';

/**
 * The admin page's editable copy of the site settings, and the one check that runs before Save:
 * local rules the schema cannot see (a currency entered twice, a rate for the reporting currency),
 * then the shared zod schema the resolver parses with, so a message beside a field is the same
 * one the server would give. Field keys are the draft's (`rates.<row>.rate`), because a rate row
 * being typed has no currency to key it by yet; server paths (`rates.USD`) are mapped back to rows.
 */
export type SiteRecord = z.infer<typeof SiteSettingsRecord>;
export type SaveInput = z.input<typeof SaveSiteSettingsInput>;

export interface RateDraft {
  /** A stable React key for the row (the currency changes while typing). */
  key: string;
  currency: string;
  rate: string;
}

export interface SiteDraft {
  reportingCurrency: string;
  fiscalYearStartMonth: number;
  rates: RateDraft[];
  /** Every glossary key; '' keeps Relay's own text. */
  overrides: Record<GlossaryKey, string>;
}

export type FieldErrors = Record<string, string>;

/** The shared schema's rule for one rate (decimal text), so the message is the server's. */
const RATE = SaveSiteSettingsInput.shape.rates.valueType;

export function draftOf(record: SiteRecord): SiteDraft {
  const overrides = Object.fromEntries(GLOSSARY_KEYS.map((key) => [key, record.glossaryOverrides[key] ?? ''])) as Record<GlossaryKey, string>;
  const rates = Object.entries(record.rates)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, rate]) => ({ key: `saved-${currency}`, currency, rate: numberForInput(rate) }));
  return { reportingCurrency: record.reportingCurrency, fiscalYearStartMonth: record.fiscalYearStartMonth, rates, overrides };
}

/** Drafts compare by what would be saved (row keys and whitespace-only overrides do not count). */
export function sameDraft(a: SiteDraft, b: SiteDraft): boolean {
  const saveable = (d: SiteDraft) =>
    JSON.stringify([d.reportingCurrency.trim(), d.fiscalYearStartMonth, d.rates.map((r) => [r.currency.trim(), r.rate.trim()]), GLOSSARY_KEYS.map((k) => d.overrides[k].trim())]);
  return saveable(a) === saveable(b);
}

export function addRate(draft: SiteDraft, key: string): SiteDraft {
  return { ...draft, rates: [...draft.rates, { key, currency: '', rate: '' }] };
}

export function removeRate(draft: SiteDraft, index: number): SiteDraft {
  return { ...draft, rates: draft.rates.filter((_, i) => i !== index) };
}

export function updateRate(draft: SiteDraft, index: number, patch: Partial<Omit<RateDraft, 'key'>>): SiteDraft {
  return { ...draft, rates: draft.rates.map((row, i) => (i === index ? { ...row, ...patch } : row)) };
}

export function setOverride(draft: SiteDraft, key: GlossaryKey, text: string): SiteDraft {
  return { ...draft, overrides: { ...draft.overrides, [key]: text } };
}

/** The save payload as the draft stands (not yet checked). Empty overrides are left out: they mean "Relay's text". */
export function inputOf(draft: SiteDraft, version: number): SaveInput {
  const overrides: Partial<Record<GlossaryKey, string>> = {};
  for (const key of GLOSSARY_KEYS) {
    const text = draft.overrides[key].trim();
    if (text) overrides[key] = text;
  }
  return {
    version,
    reportingCurrency: draft.reportingCurrency.trim().toUpperCase(),
    // A rate as the admin's language writes it ("0,92" in German) is sent as the decimal text the schema takes.
    rates: Object.fromEntries(draft.rates.map((row) => [row.currency.trim().toUpperCase(), typedNumber(row.rate) ?? row.rate.trim()])),
    fiscalYearStartMonth: draft.fiscalYearStartMonth,
    glossaryOverrides: overrides,
  };
}

/**
 * Maps a path of the save payload (from zod or from the server's VALIDATION fields) to the draft's
 * field key: `rates.USD` → the row holding USD, `glossaryOverrides.winRate` → `glossary.winRate`.
 */
export function fieldKeyOf(path: string, draft: SiteDraft): string {
  const [head, second] = path.split('.');
  if (head === 'rates' && second !== undefined) {
    const row = draft.rates.findIndex((r) => r.currency.trim().toUpperCase() === second);
    if (row < 0) return 'rates';
    return isCurrency(second) ? `rates.${row}.rate` : `rates.${row}.currency`;
  }
  if (head === 'glossaryOverrides' && second !== undefined) return `glossary.${second}`;
  return head ?? path;
}

export function mapFieldErrors(fields: readonly FieldError[], draft: SiteDraft): FieldErrors {
  const out: FieldErrors = {};
  for (const field of fields) {
    const key = fieldKeyOf(field.path, draft);
    out[key] ??= field.message;
  }
  return out;
}

/** The payload to send, or the messages to show beside the fields. */
export function checkDraft(draft: SiteDraft, version: number): { input: z.infer<typeof SaveSiteSettingsInput> | null; fields: FieldErrors } {
  const fields: FieldErrors = {};
  const reporting = draft.reportingCurrency.trim().toUpperCase();
  const seen = new Set<string>();
  draft.rates.forEach((row, i) => {
    const currency = row.currency.trim().toUpperCase();
    if (!currency) fields[`rates.${i}.currency`] = t('admin.rates.required');
    else if (currency === reporting) fields[`rates.${i}.currency`] = t('admin.rates.reporting');
    else if (seen.has(currency)) fields[`rates.${i}.currency`] = t('admin.rates.duplicate');
    else if (!isCurrency(currency)) fields[`rates.${i}.currency`] = t('admin.rates.invalidCurrency');
    seen.add(currency);
    // Each row on its own: two rows of one currency become one key in the payload, and the other's rate would go unchecked.
    const plain = typedNumber(row.rate);
    const rate = plain === null ? null : RATE.safeParse(plain);
    if (rate === null) fields[`rates.${i}.rate`] = t('admin.rates.number', { example: exampleNumber('1.0825') });
    else if (!rate.success) fields[`rates.${i}.rate`] = rate.error.issues[0]?.message ?? t('admin.rates.positive', { example: exampleNumber('0.92') });
    else if (Number(rate.data) <= 0) fields[`rates.${i}.rate`] = t('admin.rates.positive', { example: exampleNumber('0.92') });
  });
  const parsed = SaveSiteSettingsInput.safeParse(inputOf(draft, version));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = fieldKeyOf(issue.path.map(String).join('.'), draft);
      fields[key] ??= issue.message;
    }
  }
  if (Object.keys(fields).length > 0 || !parsed.success) return { input: null, fields };
  return { input: parsed.data, fields };
}

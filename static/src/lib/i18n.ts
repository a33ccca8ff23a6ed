import common from '../i18n/en-US/common.json';
import board from '../i18n/en-US/board.json';
import records from '../i18n/en-US/records.json';
import settings from '../i18n/en-US/settings.json';
import insights from '../i18n/en-US/insights.json';
import gadgets from '../i18n/en-US/gadgets.json';
import renewals from '../i18n/en-US/renewals.json';
import metrics from '../i18n/en-US/metrics.json';
import leads from '../i18n/en-US/leads.json';
import setup from '../i18n/en-US/setup.json';

/**
 * Every UI string has a key in one of the static/src/i18n/en-US/*.json files (one per area, so
 * areas are edited independently); a missing key is a type error.
 */
const messages = { ...common, ...board, ...records, ...settings, ...insights, ...gadgets, ...metrics, ...leads, ...renewals, ...setup };
export type MessageKey = keyof typeof messages;

const table: Record<string, string> = messages;

/** Looks a string up and fills `{name}` placeholders. Only en-US exists so far; other locales fall back to it. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = table[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

type PluralBase<K extends string> = K extends `${infer B}.other` ? B : never;
/** Keys with plural forms: `x.one` and `x.other` (en-US's two categories) both exist. */
export type PluralKey = PluralBase<MessageKey> & string;

const plurals = new Intl.PluralRules('en-US');

/**
 * A counted message in the right plural form ("1 contact", "3 contacts"): the key's `.one` or
 * `.other` variant as Intl.PluralRules picks for the count, with `{count}` filled in.
 */
export function tn(key: PluralKey, count: number, vars: Record<string, string | number> = {}): string {
  const form = `${key}.${plurals.select(count)}`;
  return t((form in table ? form : `${key}.other`) as MessageKey, { ...vars, count });
}

/** Names as a sentence lists them: "Alice", "Alice and Dana", "Alice, Dana and Sam" (en-US rules). */
export function listText(items: readonly string[], locale = 'en-US'): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** For keys built at run time (route names, error codes): checked against the table, not the type. */
export function hasMessage(key: string): key is MessageKey {
  return key in table;
}

import common from '../i18n/en-US/common.json';
import board from '../i18n/en-US/board.json';
import records from '../i18n/en-US/records.json';
import type settingsArea from '../i18n/en-US/settings.json';
import type insightsArea from '../i18n/en-US/insights.json';
import gadgets from '../i18n/en-US/gadgets.json';
import renewals from '../i18n/en-US/renewals.json';
import metrics from '../i18n/en-US/metrics.json';
import type importsArea from '../i18n/en-US/imports.json';
import type qualityArea from '../i18n/en-US/quality.json';
import type leadsArea from '../i18n/en-US/leads.json';
import type setupArea from '../i18n/en-US/setup.json';

/**
 * Every UI string has a key in one of the static/src/i18n/en-US/*.json files (one per area, so
 * areas are edited independently); a missing key is a type error.
 *
 * The areas used on every surface are in every entry. Areas only some screens use (project and site
 * settings, Insights, inbound leads, import/export, data quality, Get started) are added by those screens' code when it loads
 * (`lib/areas/*.ts`, imported by each file that names their keys), so a dashboard gadget, which
 * never shows them, does not download them (issue 7's 150 KB gzip budget per gadget).
 */
const messages = { ...common, ...board, ...records, ...gadgets, ...metrics, ...renewals };
type Messages = typeof messages & typeof settingsArea & typeof insightsArea & typeof importsArea & typeof qualityArea & typeof leadsArea & typeof setupArea;
export type MessageKey = keyof Messages;

const english: Record<string, string> = { ...messages };
let table: Record<string, string> = english;

/** Adds an area's English strings (lib/areas/*.ts); the German table, when chosen, already holds every area. */
export function addArea(area: Record<string, string>): void {
  for (const [key, value] of Object.entries(area)) {
    if (!(key in english)) english[key] = value;
    if (table !== english && !(key in table)) table[key] = value;
  }
}

/** The message locales Relay ships; every other Jira language is shown in English. */
export type MessageLocale = 'en-US' | 'de-DE';
let active: MessageLocale = 'en-US';
let plurals = new Intl.PluralRules(active);

/** Jira's profile language (Forge hands it as `de-DE`; `de_AT`, `de` or `de-CH` count too) → the table to show. */
export function messageLocaleOf(locale: string | undefined): MessageLocale {
  return /^de(?:[-_]|$)/i.test(locale ?? '') ? 'de-DE' : 'en-US';
}

/** The locale of the table in use, for text that builds sentences from parts (listText). */
export function messageLocale(): MessageLocale {
  return active;
}

/**
 * Chooses the table for the user's Jira language before the first render (mount.tsx). The German
 * table is a dynamic import so Vite splits it out of every entry. A key a newer English table has
 * but German lacks falls back to English rather than showing the raw key (the parity test names it).
 */
export async function loadMessages(locale: string | undefined): Promise<MessageLocale> {
  const chosen = messageLocaleOf(locale);
  table = chosen === 'de-DE' ? { ...english, ...(await import('../i18n/de-DE')).default } : english;
  active = chosen;
  plurals = new Intl.PluralRules(chosen);
  return chosen;
}

/** Looks a string up in the chosen table and fills `{name}` placeholders. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const template = table[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

type PluralBase<K extends string> = K extends `${infer B}.other` ? B : never;
/** Keys with plural forms: `x.one` and `x.other` (the two categories of both en-US and de-DE) exist. */
export type PluralKey = PluralBase<MessageKey> & string;

/**
 * A counted message in the right plural form ("1 contact", "3 contacts"): the key's `.one` or
 * `.other` variant as Intl.PluralRules picks for the count, with `{count}` filled in.
 */
export function tn(key: PluralKey, count: number, vars: Record<string, string | number> = {}): string {
  const form = `${key}.${plurals.select(count)}`;
  return t((form in table ? form : `${key}.other`) as MessageKey, { ...vars, count });
}

/** Names as a sentence lists them: "Alice, Dana and Sam" (en-US), "Alice, Dana und Sam" (de-DE), in the sentence's language. */
export function listText(items: readonly string[], locale: string = active): string {
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** For keys built at run time (route names, error codes): checked against the table, not the type. */
export function hasMessage(key: string): key is MessageKey {
  return key in table;
}

import { i18n } from '@forge/api';
import { ISSUE_WORDS, type IssueWords } from '../domain/delivery-issue';

/** The languages of the translation resources (manifest.yml `translations`, locales/*.json). */
export type ShippedLocale = 'en-US' | 'de-DE';

/** A language as the page names it (`de-DE`, `de_AT`, `de`) → the resource Relay ships for it; anything else reads English. */
export function shippedLocale(locale: string | undefined): ShippedLocale {
  return /^de(?:[-_]|$)/i.test(locale ?? '') ? 'de-DE' : 'en-US';
}

/**
 * Text in the caller's language from the app's translation resources (`locales/*.json`, named by
 * manifest.yml's `translations`), read the way Forge documents for functions: Forge deploys the
 * resources with the code and `i18n.createTranslationFunction` looks a key up in the locale, then
 * the default (en-US). Only shipped locales are asked for, so a stray one neither warns nor grows
 * the SDK's per-locale cache.
 */
export async function translatorFor(locale: string | undefined): Promise<(key: string) => string> {
  return i18n.createTranslationFunction(shippedLocale(locale));
}

/** The fixed words of the delivery issue's text in one of the shipped languages (locales/*.json `issueText.*`). */
export async function issueWordsFor(language: string): Promise<IssueWords> {
  const t = await translatorFor(language);
  return Object.fromEntries(ISSUE_WORDS.map((word) => [word, t(`issueText.${word}`)])) as IssueWords;
}

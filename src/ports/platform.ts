import type { IssueWords } from '../domain/delivery-issue';

/**
 * The app's translation resources, for text written into Jira and CSV headers.
 * Implemented by adapters/translations.ts.
 */
export interface WordsPort {
  /** The fixed words of the delivery issue's text in one of the shipped languages (locales/*.json `issueText.*`). */
  issueWordsFor(language: string): Promise<IssueWords>;
  /** Text in the caller's language from the app's translation resources (`locales/*.json`, named by
   * manifest.yml's `translations`), read the way Forge documents for functions: Forge deploys the
   * resources with the code and `i18n.createTranslationFunction` looks a key up in the locale, then
   * the default (en-US). Only shipped locales are asked for, so a stray one neither warns nor grows
   * the SDK's per-locale cache. */
  translatorFor(locale: string | undefined): Promise<(key: string) => string>;
}

/**
 * The address form tools post leads to.
 * Implemented by adapters/web-trigger.ts.
 */
export interface InboundPort {
  /** The URL form tools post leads to: the platform's address of the inbound-lead web trigger on this installation. */
  inboundLeadUrl(): Promise<string>;
}

import { i18n } from '@forge/api';

/**
 * Text in the caller's language from the app's translation resources (`locales/*.json`, named by
 * manifest.yml's `translations`), read the way Forge documents for functions: Forge deploys the
 * resources with the code and `i18n.createTranslationFunction` looks a key up in the locale, its
 * fallbacks, then the default (en-US). A language Relay does not ship reads English.
 */
export async function translatorFor(locale: string | undefined): Promise<(key: string) => string> {
  return i18n.createTranslationFunction(locale && locale.length > 0 ? locale : 'en-US');
}

import { readNumberText, writeNumberText } from '../../../src/domain/number-text';
import { hasMessage, messageLocale, t, tn } from './i18n';

/**
 * A number typed in the user's language as the plain decimal text the domain parses ("12.500,50"
 * from a German user and "12,500.50" from an English one are both "12500.50"; "1.234" is 1234 in
 * German and 1.234 in English), or null when it is not a number as their language writes one.
 * Amounts, rates and targets all read through here (src/domain/number-text.ts has the rules).
 */
export function typedNumber(text: string): string | null {
  return readNumberText(text, messageLocale());
}

/** Plain decimal text ("12500.50", as stored or as formatMoneyInput writes it) as the user's language writes it in an input ("12500,50"). */
export function numberForInput(plain: string): string {
  return writeNumberText(plain, messageLocale());
}

/** An example number in the user's language, for messages that show how to type one ("12.000,50"). */
export function exampleNumber(plain: string): string {
  return writeNumberText(plain, messageLocale(), true);
}

/**
 * What a field problem says to a person, from the i18n resources: a zod issue (checked in the
 * browser with the shared contracts) or a server field error (its `code` and `params`), worded by
 * what is wrong — never zod's own English ("Too big: expected string to have <=255 characters").
 */
export interface FieldIssue {
  code?: string | undefined;
  message: string;
  path?: ReadonlyArray<PropertyKey> | string;
  params?: Record<string, unknown> | undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  return undefined;
}

/** The issue's facts, wherever they are: top level on a zod issue, `params` on a server field error. */
function factsOf(issue: FieldIssue): Record<string, unknown> {
  return { ...(issue.params ?? {}), ...(issue as object) };
}

function tooBig(facts: Record<string, unknown>): string {
  const max = num(facts.maximum) ?? 0;
  switch (facts.origin) {
    case 'string':
      return tn('fieldError.tooLong', max);
    case 'array':
    case 'set':
      return tn('fieldError.tooMany', max);
    case 'number':
    case 'int':
    case 'bigint':
      return t('fieldError.tooHigh', { max: max.toLocaleString(messageLocale()) });
    default:
      return t('fieldError.invalid');
  }
}

function tooSmall(facts: Record<string, unknown>): string {
  const min = num(facts.minimum) ?? 0;
  switch (facts.origin) {
    case 'string':
      return min <= 1 ? t('fieldError.required') : tn('fieldError.tooShort', min);
    case 'array':
    case 'set':
      return min <= 1 ? t('fieldError.chooseOne') : tn('fieldError.tooFew', min);
    case 'number':
    case 'int':
    case 'bigint':
      return t('fieldError.tooLow', { min: min.toLocaleString(messageLocale()) });
    default:
      return t('fieldError.invalid');
  }
}

/** The last segment of the issue's path: the field a per-field wording is keyed by. */
function fieldOf(issue: FieldIssue): string {
  const path = typeof issue.path === 'string' ? issue.path.split('.') : (issue.path ?? []).map(String);
  return path[path.length - 1] ?? '';
}

export function issueText(issue: FieldIssue): string {
  const facts = factsOf(issue);
  // A field may word a problem its own way ("Give it a name."), else the problem's general wording.
  const own = `fieldError.${issue.code ?? ''}.${fieldOf(issue)}`;
  if (issue.code && hasMessage(own)) return t(own, { max: String(facts.maximum ?? ''), min: String(facts.minimum ?? '') });
  switch (issue.code) {
    case 'required':
      return t('fieldError.required');
    case 'taken':
      return t('fieldError.taken', { name: String(facts.name ?? '') });
    case 'too_big':
      return tooBig(facts);
    case 'too_small':
      return tooSmall(facts);
    case 'invalid_type':
      // A missing value is the common case in forms; zod says "received undefined".
      return /undefined/.test(issue.message) ? t('fieldError.required') : t('fieldError.invalid');
    case 'invalid_format': {
      const key = `fieldError.format.${String(facts.format ?? '')}`;
      return hasMessage(key) ? t(key) : t('fieldError.format');
    }
    case 'invalid_value':
      return t('fieldError.choose');
    case 'not_multiple_of':
      return t('fieldError.whole');
    case 'custom': {
      const key = `fieldError.reason.${String(facts.reason ?? '')}`;
      return hasMessage(key) ? t(key) : t('fieldError.invalid');
    }
    default:
      return t('fieldError.invalid');
  }
}

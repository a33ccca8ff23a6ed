/**
 * Numbers as people type them in their own language, read exactly (as decimal text, never through
 * a float): "12.500,50" in German and "12,500.50" in English are both 12500.50. The separators are
 * the locale's own, from Intl. Pure.
 *
 * - The locale's decimal separator marks the fraction; its group separator may group the whole
 *   part, in threes only ("1.234.567", never "12.34"), and spaces are ignored.
 * - Without the locale's decimal separator, a group separator that groups correctly is grouping:
 *   in German "1.234" is 1234 (in English it is 1.234).
 * - A decimal point that cannot be grouping is read as the decimal point people everywhere know
 *   ("12000.50" or "12.5" in German). Anything else is not a number (null), never a guess.
 */
export interface Separators {
  group: string;
  decimal: string;
}

const cache = new Map<string, Separators>();

export function separatorsOf(locale: string): Separators {
  let found = cache.get(locale);
  if (!found) {
    let parts: Intl.NumberFormatPart[];
    try {
      parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    } catch {
      parts = new Intl.NumberFormat('en-US').formatToParts(12345.6);
    }
    found = { group: parts.find((p) => p.type === 'group')?.value ?? ',', decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.' };
    cache.set(locale, found);
  }
  return found;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-number text with optional grouping by `group` in threes → plain digits, or null. */
function wholeOf(text: string, group: string): string | null {
  if (/^\d+$/.test(text)) return text;
  if (group && new RegExp(`^\\d{1,3}(?:${escape(group)}\\d{3})+$`).test(text)) return text.split(group).join('');
  return null;
}

/** The typed number as plain decimal text ("-12500.50"), or null when it is not a number as `locale` writes one. */
export function readNumberText(typed: string, locale: string): string | null {
  const { group, decimal } = separatorsOf(locale);
  // Spaces (also the no-break spaces French or Swiss grouping use) never change a number.
  let text = typed.trim().replace(/[\s\u00a0\u202f]/g, '');
  let sign = '';
  if (/^[-\u2212]/.test(text)) {
    sign = '-';
    text = text.slice(1);
  }
  const groupChar = /\s|\u00a0|\u202f/.test(group) ? '' : group;
  const pieces = text.split(decimal);
  if (pieces.length === 2) {
    const whole = wholeOf(pieces[0] === '' ? '0' : pieces[0]!, groupChar);
    return whole !== null && /^\d+$/.test(pieces[1]!) ? `${sign}${whole}.${pieces[1]}` : null;
  }
  if (pieces.length > 2) return null;
  const whole = wholeOf(text, groupChar);
  if (whole !== null) return `${sign}${whole}`;
  // The universal decimal point, where it cannot be the locale's grouping (that case was read above).
  const point = /^(\d*)\.(\d+)$/.exec(text);
  return point ? `${sign}${point[1] || '0'}.${point[2]}` : null;
}

/**
 * Plain decimal text ("12500.50") as `locale` writes it, every digit kept: in an input ungrouped
 * ("12500,50", exact and easy to edit, as issue 11 asked of inputs), grouped for an example in a
 * message ("12.500,50").
 */
export function writeNumberText(plain: string, locale: string, grouping = false): string {
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(plain.trim());
  if (!match) return plain;
  const [, sign = '', whole = '0', fraction] = match;
  const { decimal } = separatorsOf(locale);
  let grouped = whole;
  if (grouping)
    try {
      grouped = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(BigInt(whole));
    } catch {
      grouped = whole;
    }
  return `${sign}${grouped}${fraction !== undefined ? `${decimal}${fraction}` : ''}`;
}

/**
 * Erasing a person from text Relay holds: every occurrence of their name, email or phone, in any
 * case, replaced by a marker, inside any JSON value (a record, a timeline entry, an issue's ADF
 * description or property). Pure.
 */
export const ERASED = '[erased]';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The strings that identify a person: name (and each name of 3+ letters in it), email, phone. */
export function personalNeedles(person: { name: string; email: string | null; phone: string | null }): string[] {
  const words = person.name.split(/\s+/).filter((w) => w.length >= 3);
  return [...new Set([person.name, person.email, person.phone, ...words].filter((v): v is string => !!v && v.trim().length >= 3))].sort((a, b) => b.length - a.length);
}

/** A character without its accents when that leaves one character ("ë" → "e"), else itself: folding keeps positions. */
function foldChar(c: string): string {
  const base = c.normalize('NFKD').replace(/\p{M}+/gu, '');
  return base.length === c.length ? base.toLowerCase() : c;
}

/**
 * The value with every needle replaced, whatever its case or accents ("Zoe" goes with "Zoë"), whole
 * words only ("Ana" goes from "Called Ana", not from "Analytics"); the same value (by identity)
 * when nothing matched.
 */
export function scrubbed<T>(value: T, needles: readonly string[]): T {
  if (needles.length === 0) return value;
  const json = JSON.stringify(value);
  if (json === undefined) return value;
  const chars = Array.from(json);
  const folded = chars.map(foldChar).join('');
  const alternatives = needles.map((n) => escape(Array.from(JSON.stringify(n).slice(1, -1)).map(foldChar).join('')));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  const spans: Array<[number, number]> = [];
  for (const match of folded.matchAll(pattern)) {
    // Code-point positions: the folded string has one code point per original one.
    const from = Array.from(folded.slice(0, match.index)).length;
    spans.push([from, from + Array.from(match[0]).length]);
  }
  if (spans.length === 0) return value;
  let out = '';
  let at = 0;
  for (const [from, to] of spans) {
    out += chars.slice(at, from).join('') + ERASED;
    at = to;
  }
  return JSON.parse(out + chars.slice(at).join('')) as T;
}

export function mentions(value: unknown, needles: readonly string[]): boolean {
  return scrubbed(value, needles) !== value;
}

/** One CSV of everything held about a person: section, item, field, value (the JSON export, flattened). */
export function flattenForCsv(value: unknown, prefix: string[] = []): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return [[prefix.join('.'), value === null || value === undefined ? '' : String(value)]];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([key, v]) => flattenForCsv(v, [...prefix, key]));
}

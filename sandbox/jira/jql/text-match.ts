// The full-text operators `~` and `!~`: how a query's words meet a field's text.

const WORD = /[\p{L}\p{N}_]+\*?/gu;

function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/u, '') || word;
}

/**
 * Jira's `~` is a full-text match: every word of the query must occur in the field (in any order,
 * with light stemming), `word*` matches a prefix, and a query in escaped quotes matches as a phrase.
 */
export function textMatches(haystack: string, query: string): boolean {
  const text = haystack.toLowerCase();
  const trimmed = query.trim();
  if (trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')) {
    const phrase = trimmed.slice(1, -1).toLowerCase().replace(/\s+/g, ' ').trim();
    return phrase.length > 0 && text.replace(/\s+/g, ' ').includes(phrase);
  }
  const terms = trimmed.toLowerCase().match(WORD) ?? [];
  if (terms.length === 0) return false;
  const words = text.match(/[\p{L}\p{N}_]+/gu) ?? [];
  return terms.every((term) => {
    if (term.endsWith('*')) {
      const prefix = term.slice(0, -1);
      return words.some((w) => w.startsWith(prefix));
    }
    const wanted = stem(term);
    return words.some((w) => w === term || stem(w) === wanted);
  });
}

/**
 * Splits a JQL string into tokens. Unquoted words run until whitespace or one of JQL's punctuation
 * characters, so `DEL-12`, `-7d`, `relay-deal` and `.dealId` are single words; strings are quoted
 * with " or ' and take backslash escapes, as JQL's do.
 */

export type TokenKind = 'word' | 'string' | 'op' | 'lparen' | 'rparen' | 'comma' | 'lbracket' | 'rbracket' | 'and' | 'or' | 'not';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offset of the token's first character in the query. */
  position: number;
}

export class JqlSyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly position: number | undefined,
    query: string,
  ) {
    super(`Error in the JQL Query: ${detail}${position === undefined ? '' : ` ${locate(query, position)}`}`);
    this.name = 'JqlSyntaxError';
  }
}

/** Jira reports positions as `(line 1, character 9)`, both 1-based. */
export function locate(query: string, position: number): string {
  const before = query.slice(0, position);
  const line = before.split('\n').length;
  const character = position - (before.lastIndexOf('\n') + 1) + 1;
  return `(line ${line}, character ${character})`;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '=', '!', '<', '>', '~', '"', "'", '&', '|']);
const isSpace = (ch: string) => /\s/.test(ch);

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    const start = i;
    const two = query.slice(i, i + 2);
    if (ch === '"' || ch === "'") {
      const { text, end } = readString(query, i);
      tokens.push({ kind: 'string', text, position: start });
      i = end;
    } else if (ch === '(') {
      tokens.push({ kind: 'lparen', text: ch, position: start });
      i++;
    } else if (ch === ')') {
      tokens.push({ kind: 'rparen', text: ch, position: start });
      i++;
    } else if (ch === '[') {
      tokens.push({ kind: 'lbracket', text: ch, position: start });
      i++;
    } else if (ch === ']') {
      tokens.push({ kind: 'rbracket', text: ch, position: start });
      i++;
    } else if (ch === ',') {
      tokens.push({ kind: 'comma', text: ch, position: start });
      i++;
    } else if (two === '!=' || two === '!~' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two, position: start });
      i += 2;
    } else if (ch === '=' || ch === '~' || ch === '<' || ch === '>') {
      tokens.push({ kind: 'op', text: ch, position: start });
      i++;
    } else if (ch === '!') {
      tokens.push({ kind: 'not', text: ch, position: start });
      i++;
    } else if (ch === '&' || ch === '|') {
      const text = two === '&&' || two === '||' ? two : ch;
      tokens.push({ kind: ch === '&' ? 'and' : 'or', text, position: start });
      i += text.length;
    } else {
      while (i < query.length && !isSpace(query[i]!) && !PUNCTUATION.has(query[i]!)) i++;
      const text = query.slice(start, i);
      const upper = text.toUpperCase();
      tokens.push({ kind: upper === 'AND' ? 'and' : upper === 'OR' ? 'or' : upper === 'NOT' ? 'not' : 'word', text, position: start });
    }
  }
  return tokens;
}

function readString(query: string, start: number): { text: string; end: number } {
  const quote = query[start]!;
  let text = '';
  let i = start + 1;
  while (i < query.length) {
    const ch = query[i]!;
    if (ch === quote) return { text, end: i + 1 };
    if (ch === '\\') {
      const next = query[i + 1];
      if (next === undefined) break;
      if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(query.slice(i + 2, i + 6))) {
        text += String.fromCharCode(parseInt(query.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', "'": "'", '\\': '\\', ' ': ' ' };
      const mapped = escapes[next];
      if (mapped === undefined) throw new JqlSyntaxError(`Illegal escape sequence '\\${next}' in the string.`, i, query);
      text += mapped;
      i += 2;
      continue;
    }
    text += ch;
    i++;
  }
  throw new JqlSyntaxError(`The quoted string '${text}' has not been completed.`, start, query);
}

import { createHash } from 'node:crypto';
import { InvalidCursorError } from '../adapters/kvs/paging';

/**
 * Paging cursors as the app hands them out: the store's cursor, bound to the call, the user and
 * the query it came from (every input but the cursor and the page size). Every paged call goes
 * through here (defineCall), so a cursor of another query, another call or another user, or a
 * string that is no cursor at all, is refused the same way — VALIDATION on `cursor` — before any
 * storage is read. The binding is a digest, not a secret: the store query is always the caller's
 * own authorised one, so a cursor can never reach data its query would not return.
 */
const VERSION = 'c1';
/** Page sizes may change between pages; everything else names the query. */
const NOT_THE_QUERY = new Set(['cursor', 'limit', 'maxDeals']);

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

function binding(callKey: string, accountId: string, input: Record<string, unknown>): string {
  const query = Object.fromEntries(Object.entries(input).filter(([key]) => !NOT_THE_QUERY.has(key)));
  return JSON.stringify([callKey, accountId, canonical(query)]);
}

function digest(bound: string, storeCursor: string): string {
  return createHash('sha256').update(bound).update('\n').update(storeCursor).digest('base64url').slice(0, 22);
}

export function sealCursor(storeCursor: string, callKey: string, accountId: string, input: Record<string, unknown>): string {
  return `${VERSION}.${Buffer.from(storeCursor, 'utf8').toString('base64url')}.${digest(binding(callKey, accountId, input), storeCursor)}`;
}

/** The store's cursor inside a token this call handed this user for this query; InvalidCursorError otherwise. */
export function openCursor(token: string, callKey: string, accountId: string, input: Record<string, unknown>): string {
  const [version, body, sealed, ...rest] = token.split('.');
  if (version !== VERSION || !body || !sealed || rest.length > 0) throw new InvalidCursorError();
  const storeCursor = Buffer.from(body, 'base64url').toString('utf8');
  if (storeCursor.length === 0 || digest(binding(callKey, accountId, input), storeCursor) !== sealed) throw new InvalidCursorError();
  return storeCursor;
}

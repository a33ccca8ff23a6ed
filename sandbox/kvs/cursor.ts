import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Scalar } from './conditions';
import { KvsErrorCode, badRequest } from './errors';

/**
 * Cursors are opaque to the app: base64url JSON holding the last position a page reached and a
 * fingerprint of the query it belongs to. A cursor replayed on another query (another index,
 * partition, range or sort) is refused, which catches the bug of reusing cursors across queries.
 */
const CursorSchema = z.object({ v: z.literal(1), q: z.string(), k: z.string(), r: z.union([z.string(), z.number(), z.boolean()]).optional() });

export interface CursorPosition {
  key: string;
  range?: Scalar;
}

export function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(queryFingerprint: string, position: CursorPosition): string {
  const payload = { v: 1, q: queryFingerprint, k: position.key, ...(position.range === undefined ? {} : { r: position.range }) };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, queryFingerprint: string): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest(KvsErrorCode.INVALID_CURSOR, 'The cursor is not one this service issued.');
  }
  const parsed = CursorSchema.safeParse(decoded);
  if (!parsed.success) throw badRequest(KvsErrorCode.INVALID_CURSOR, 'The cursor is not one this service issued.');
  if (parsed.data.q !== queryFingerprint) throw badRequest(KvsErrorCode.INVALID_CURSOR, 'The cursor belongs to a different query; cursors only continue the query that returned them.');
  return parsed.data.r === undefined ? { key: parsed.data.k } : { key: parsed.data.k, range: parsed.data.r };
}

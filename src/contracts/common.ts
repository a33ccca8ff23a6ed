import { z } from 'zod';
import { isIsoDate } from '../domain/periods';
import { isCurrency } from '../domain/money';

/** Building blocks shared by the record contracts. */
export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _');
export const ProjectKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'A Jira project key, e.g. SALES');
export const AccountId = z.string().min(1).max(128);
export const IsoDate = z.string().refine(isIsoDate, { message: 'A date as YYYY-MM-DD', params: { reason: 'date' } });
export const Currency = z.string().refine(isCurrency, { message: 'An ISO 4217 currency code, e.g. EUR', params: { reason: 'currency' } });
export const AmountMinor = z.number().int('Amounts are whole minor units (cents)').min(0).max(Number.MAX_SAFE_INTEGER);
export const ShortText = z.string().trim().max(255);
export const LongText = z.string().trim().max(10_000);
/** The version the client last read: a write against an older one gets CONFLICT. */
export const Version = z.number().int().min(1);
/** A paging cursor exactly as a page handed it out (opaque; bound to its query, see handlers/page-cursors.ts). */
export const Cursor = z.string().min(1).max(2048).regex(/^[A-Za-z0-9_.-]+$/, 'A cursor from the previous page');
export const PageLimit = z.number().int().min(1).max(100).default(50);

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

import type { z } from 'zod';
import type { KvsResponse, StorageUnits } from '../platform/types';
import type { StoredItem } from './entity-store';
import { KvsError, KvsErrorCode, badRequest } from './errors';
import type { MetadataField } from './schemas';

// What goes over the wire between the SDK and the service: request bodies read against their
// schemas, answers with the units they cost, and items as the SDK sees them.

export const NO_UNITS: StorageUnits = { read: 0, write: 0 };

export function ok(body: unknown, units: StorageUnits): KvsResponse {
  return { status: 200, body, units };
}

export function noContent(units: StorageUnits): KvsResponse {
  return { status: 204, units };
}

export const keyNotFound = (key: string) => new KvsError(404, KvsErrorCode.KEY_NOT_FOUND, `Provided key does not exist: '${key}'`);

/** Epoch seconds, as the SDK's own fixtures carry createdAt/updatedAt (assumed; README.md). */
const toSeconds = (ms: number) => Math.floor(ms / 1000);
const toExpireTime = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

export function view(key: string, item: StoredItem, fields: readonly MetadataField[] | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { key, value: item.value, ...extra };
  if (fields?.includes('CREATED_AT')) out.createdAt = toSeconds(item.createdAt);
  if (fields?.includes('UPDATED_AT')) out.updatedAt = toSeconds(item.updatedAt);
  if (fields?.includes('EXPIRE_TIME') && item.expireAt !== undefined) out.expireTime = toExpireTime(item.expireAt);
  return out;
}

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw badRequest(KvsErrorCode.BAD_REQUEST, `Provided request body is invalid${where}: ${issue?.message ?? 'unreadable'}`);
  }
  return result.data;
}

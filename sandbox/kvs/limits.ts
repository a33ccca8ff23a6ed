import { KvsError, KvsErrorCode, badRequest } from './errors';

/** Forge's documented storage limits, and the ones assumed here where the docs are silent (README.md). */
export const Limits = {
  keyMaxLength: 500,
  /** 240 KiB of serialised JSON per value (Forge: "Object size 240 KiB"). */
  valueMaxBytes: 240 * 1024,
  /**
   * Nesting levels of objects and arrays (a top-level object is level 1). FORGE.md and the storage
   * limits page say 31; the error page's MAX_DEPTH text says 32. The stricter figure is kept so
   * nothing that passes here can fail there.
   */
  valueMaxDepth: 31,
  queryDefaultLimit: 10,
  queryMaxLimit: 100,
  batchMaxItems: 25,
  batchMaxBytes: 4 * 1024 * 1024,
  transactionMaxOperations: 25,
  transactionMaxBytes: 4 * 1024 * 1024,
  /** One read or write unit covers up to 10 KB; sizes are rounded up (KVS and Custom Entity Store limits). */
  unitBytes: 10 * 1024,
  entityNameMinLength: 3,
  entityNameMaxLength: 60,
} as const;

/** The documented key pattern: the allowed characters, and not whitespace only. */
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s#-]+$/;

/**
 * Refuses a key the real service would refuse. The KVS page calls an empty key KEY_TOO_SHORT, the
 * Custom Entity Store page EMPTY_KEY; both are kept.
 */
export function checkKey(key: string, store: 'kvs' | 'entity'): void {
  if (key.length === 0) {
    throw store === 'entity' ? badRequest(KvsErrorCode.EMPTY_KEY, 'Key cannot be empty.') : badRequest(KvsErrorCode.KEY_TOO_SHORT, 'The provided key needs to be at least one character.');
  }
  if (key.length > Limits.keyMaxLength) throw badRequest(KvsErrorCode.KEY_TOO_LONG, `The provided key has exceeded the maximum ${Limits.keyMaxLength} characters (it has ${key.length}).`);
  if (!KEY_PATTERN.test(key)) throw badRequest(KvsErrorCode.INVALID_KEY, `The provided key does not match the regex: ${KEY_PATTERN.source}`);
}

/** Nesting depth of a JSON value, counting only as far as `stopAt + 1` so a hostile value costs little. */
export function jsonDepth(value: unknown, stopAt: number = Limits.valueMaxDepth): number {
  if (value === null || typeof value !== 'object') return 0;
  if (stopAt < 0) return 1;
  let deepest = 0;
  const children = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  for (const child of children) {
    const depth = jsonDepth(child, stopAt - 1);
    if (depth > deepest) deepest = depth;
    if (deepest > stopAt) break;
  }
  return 1 + deepest;
}

/**
 * Checks a value against the size and depth limits and returns its serialised size in bytes,
 * which is also what read and write units are counted from.
 */
export function measureValue(value: unknown): number {
  if (value === undefined) throw badRequest(KvsErrorCode.BAD_REQUEST, 'A value is required.');
  const serialised = JSON.stringify(value);
  if (serialised === undefined) throw badRequest(KvsErrorCode.BAD_REQUEST, 'The value is not JSON-serialisable.');
  const bytes = Buffer.byteLength(serialised, 'utf8');
  if (bytes > Limits.valueMaxBytes) throw badRequest(KvsErrorCode.MAX_SIZE, `The provided value has exceeded the maximum size limit (${bytes} bytes > ${Limits.valueMaxBytes}).`);
  if (jsonDepth(value) > Limits.valueMaxDepth) throw badRequest(KvsErrorCode.MAX_DEPTH, `The provided value has exceeded the maximum object depth (${Limits.valueMaxDepth}).`);
  return bytes;
}

/** Units for a payload of `bytes`: rounded up to whole 10 KB, at least one. */
export function unitsFor(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / Limits.unitBytes));
}

const TTL_UNIT_MS = { SECONDS: 1000, MINUTES: 60_000, HOURS: 3_600_000, DAYS: 86_400_000 } as const;
export type TtlUnit = keyof typeof TTL_UNIT_MS;

/** A TTL as milliseconds; refuses non-positive or fractional amounts (assumed: the docs give no rule). */
export function ttlMillis(ttl: { value: number; unit: string }): number {
  const unitMs = (TTL_UNIT_MS as Record<string, number>)[ttl.unit];
  if (unitMs === undefined) throw badRequest(KvsErrorCode.INVALID_TTL, `Unknown TTL unit '${ttl.unit}' (SECONDS, MINUTES, HOURS or DAYS).`);
  if (!Number.isInteger(ttl.value) || ttl.value <= 0) throw badRequest(KvsErrorCode.INVALID_TTL, `A TTL must be a positive whole number of ${ttl.unit.toLowerCase()}.`);
  return ttl.value * unitMs;
}

export function isKvsError(error: unknown): error is KvsError {
  return error instanceof KvsError;
}

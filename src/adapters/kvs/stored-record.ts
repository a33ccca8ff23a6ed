import { z } from 'zod';

/**
 * A record storage answered that does not have the shape Relay writes: named by what it is and its
 * key, so a damaged or foreign record fails where it is read instead of passing `undefined` fields on
 * into the domain. A record older versions wrote is not this: its schema defaults the fields added since.
 */
export class StoredRecordInvalid extends Error {
  constructor(
    readonly what: string,
    readonly key: string,
    readonly problems: string,
  ) {
    super(`The stored ${what} ${key} does not have the expected shape: ${problems}`);
    this.name = 'StoredRecordInvalid';
  }
}

function problemsOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}

/** `value` as `schema` reads it, or StoredRecordInvalid naming `what` and `key`. */
export function parseStored<S extends z.ZodType>(schema: S, what: string, key: string, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredRecordInvalid(what, key, problemsOf(parsed.error));
  return parsed.data;
}

/** As `parseStored`, but an absent record (undefined) stays undefined. */
export function parseStoredIfAny<S extends z.ZodType>(schema: S, what: string, key: string, value: unknown): z.output<S> | undefined {
  return value === undefined ? undefined : parseStored(schema, what, key, value);
}

/**
 * The envelope every record of the guard entity is stored in (see guard-record.ts): a kind, the
 * record holding it, a version the next write is conditioned on, and the value itself in `data`.
 */
export function guardEnvelope<K extends z.ZodType, D extends z.ZodType>(kind: K, data: D) {
  return z.object({ kind, holderId: z.string(), version: z.number().int(), updatedAt: z.number(), schemaVersion: z.number().int(), data });
}

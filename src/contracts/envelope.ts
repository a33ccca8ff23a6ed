import { z } from 'zod';

/** The error codes every resolver call can answer with; the UI maps each to one message style. */
export const ErrorCode = z.enum(['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL']);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * A field at fault. `message` is the server's English sentence (for logs and API callers); `code`
 * and `params` say what is wrong in a form screens word themselves from their own language files:
 * zod's issue codes (`too_big` with `maximum` and `origin`, `too_small`, `invalid_format`, …) and
 * Relay's own (`required`, `taken` with the holder's `name`).
 */
export const FieldError = z.object({
  path: z.string(),
  message: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type FieldError = z.infer<typeof FieldError>;

export const CallError = z.object({
  code: ErrorCode,
  message: z.string(),
  fields: z.array(FieldError).optional(),
  /** Extra structured facts, e.g. the current record on CONFLICT or the missing fields on a stage move. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type CallError = z.infer<typeof CallError>;

/** One response envelope for every resolver call. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: CallError };

export function envelopeOf<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: CallError }),
  ]);
}

import { z } from 'zod';

/** The error codes every resolver call can answer with; the UI maps each to one message style. */
export const ErrorCode = z.enum(['VALIDATION', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'RATE_LIMITED', 'INTERNAL']);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({ path: z.string(), message: z.string() });
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

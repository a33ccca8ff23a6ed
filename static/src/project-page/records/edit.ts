import type { z } from 'zod';
import { issueText } from '../../lib/field-messages';
import { t } from '../../lib/i18n';
import { conflictCurrent } from './forms';
import { InlineError } from './InlineEdit';

/** Checks an update with the resolver's own schema before sending it; the first problem becomes the cell's message. */
export function checked<S extends z.ZodType>(schema: S, payload: z.input<S>): z.input<S> {
  const parsed = schema.safeParse(payload);
  const first = parsed.success ? undefined : parsed.error.issues[0];
  if (!parsed.success) throw new InlineError(first ? issueText(first) : t('error.VALIDATION'));
  return payload;
}

/**
 * Sends a versioned update. On a stale-version CONFLICT the server's current record replaces the
 * one on screen (so the next Save carries the new version) and the editor stays open saying what
 * the field holds now: the user decides whether their value still wins, nothing is lost silently.
 */
export async function versionedUpdate<R>(send: () => Promise<R>, recordSchema: z.ZodType<R>, onRecord: (record: R) => void, describe: (current: R) => string): Promise<void> {
  try {
    onRecord(await send());
  } catch (error) {
    const current = conflictCurrent(error, recordSchema);
    if (current !== null) {
      onRecord(current);
      throw new InlineError(t('records.inline.conflict', { value: describe(current) }));
    }
    throw error;
  }
}

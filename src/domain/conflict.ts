/**
 * The one conflict every versioned record shares: the version the user read is no longer the stored
 * one. Use cases throw it with the record as the contract shows it now; `defineCall` turns it into
 * CONFLICT (`details.reason` STALE_VERSION, `details.current`) in one place, with one wording.
 */
export const VERSIONED_RECORDS = ['deal', 'company', 'contact', 'activity', 'pipeline', 'template', 'settings'] as const;
export type VersionedRecord = (typeof VERSIONED_RECORDS)[number];

export class StaleVersionError extends Error {
  constructor(
    readonly record: VersionedRecord,
    /** The stored record as the contract shows it, so the client can show or merge it. */
    readonly current: unknown,
  ) {
    super(`The ${record} changed after it was read`);
    this.name = 'StaleVersionError';
  }
}

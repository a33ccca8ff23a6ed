import { isReadOnly, licenseMode } from '../contracts/license';

/** What the platform passes background handlers as their second argument (the parts Relay reads). */
export interface BackgroundContext {
  license?: unknown;
}

/**
 * The license check of every background entry point (issue events, scheduled scans, queued jobs,
 * web triggers): on an unlicensed site the work is skipped, logged and answered with `skipped(…)` —
 * never an error, so the platform does not retry what cannot succeed. `exempt` lets upkeep run
 * regardless (seeding defaults after an install, schema migrations): it keeps stored data readable.
 * The license comes from the platform's invocation context, as for resolvers (define-call.ts).
 */
export function whenLicensed<E, R>(feature: string, run: (event: E) => Promise<R>, skipped: (reason: string) => R, exempt?: (event: E) => boolean) {
  return async (event: E, context?: BackgroundContext): Promise<R> => {
    if (isReadOnly(licenseMode(context?.license)) && !exempt?.(event)) {
      console.info(`[relay] ${feature}: skipped, Relay's license on this site is not active (read-only).`);
      return skipped('the license is not active: Relay is read-only');
    }
    return run(event);
  };
}

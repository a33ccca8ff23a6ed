import type { ErrorCode, FieldError } from '../../../src/contracts/envelope';

/**
 * Why a call failed, as one typed error the screens switch on:
 * - the resolver's own codes from the envelope (VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT,
 *   RATE_LIMITED, INTERNAL);
 * - PLATFORM: `invoke` itself rejected (Forge could not run the resolver: timeout, payload limit, outage);
 * - CONTRACT: the resolver answered, but not in the shape the contract promises.
 */
export type ApiErrorCode = ErrorCode | 'PLATFORM' | 'CONTRACT';

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly callKey: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

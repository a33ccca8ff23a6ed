import type { ErrorCode, FieldError } from '../contracts/envelope';

/**
 * The error a use case throws on purpose, with the code the envelope carries. `defineCall` maps it
 * to `{ ok: false, error }`; anything else thrown becomes INTERNAL without its detail.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} does not exist or you do not have permission to see it.`);
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const invalid = (message: string, fields: FieldError[] = [], details?: Record<string, unknown>) => new AppError('VALIDATION', message, fields, details);

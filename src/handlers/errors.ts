import type { ErrorCode, FieldError } from '../contracts/envelope';

/** An error a use case or handler throws on purpose; `defineCall` turns it into the envelope. */
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

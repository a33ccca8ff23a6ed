/**
 * Jira Cloud answers 429 with `Retry-After` when an app sends too much. The sandbox's limiter is a
 * sliding window on the injected clock (Jira's real budget is points-based and not published in
 * full): at most `limit` accepted requests in any `windowMs`; rejected requests do not count.
 */
import type { Clock } from '../platform/types';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export class RateLimiter {
  private config: RateLimit | null = null;
  private accepted: number[] = [];

  constructor(private readonly clock: Clock) {}

  set(config: RateLimit | null): void {
    if (config && (!Number.isInteger(config.limit) || config.limit < 1 || !(config.windowMs > 0))) {
      throw new Error('A rate limit needs a positive integer limit and a positive windowMs');
    }
    this.config = config;
    this.accepted = [];
  }

  /** Undefined when the request may go ahead (and is counted); otherwise the seconds to wait. */
  take(): number | undefined {
    if (!this.config) return undefined;
    const now = this.clock.now();
    const windowStart = now - this.config.windowMs;
    this.accepted = this.accepted.filter((t) => t > windowStart);
    if (this.accepted.length < this.config.limit) {
      this.accepted.push(now);
      return undefined;
    }
    const oldest = this.accepted[0]!;
    return Math.max(1, Math.ceil((oldest + this.config.windowMs - now) / 1000));
  }
}

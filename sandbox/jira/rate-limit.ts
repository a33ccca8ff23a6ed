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

/**
 * Jira Cloud's points-based quota for apps (enforced since March 2026): every REST call costs points,
 * a GET one point plus one per object it returns, a write only its base point; an app's points per
 * hour are capped, and beyond the cap Jira answers 429 with Retry-After until the window frees up.
 * The sandbox keeps one pool for the installation, for asApp() and asUser() calls alike (Atlassian
 * also keeps per app+user budgets, which can only be more generous), sliding over the last hour.
 * Figures and sources: sandbox/README.md ("Limits and quotas").
 */
export interface PointsQuotaConfig {
  pointsPerHour: number;
}

/** Assumed: Atlassian's Tier 1 app quota as published (65,000 points an hour); observed quotas were larger (README). */
export const JIRA_POINTS_PER_HOUR = 65_000;

export class PointsQuota {
  private entries: Array<{ at: number; points: number }> = [];
  private total = 0;
  /** Points charged so far (tests and the bench read them). */
  spentTotal = 0;

  constructor(
    private readonly clock: Clock,
    private config: PointsQuotaConfig | null = { pointsPerHour: JIRA_POINTS_PER_HOUR },
  ) {}

  set(config: PointsQuotaConfig | null): void {
    this.config = config;
    this.entries = [];
    this.total = 0;
  }

  get pointsPerHour(): number | undefined {
    return this.config?.pointsPerHour;
  }

  private prune(now: number): void {
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.at <= now - 3_600_000) {
      this.total -= this.entries[drop]!.points;
      drop += 1;
    }
    if (drop > 0) this.entries.splice(0, drop);
  }

  /** Seconds to wait when the hour's points are spent; undefined while there is room. */
  retryAfter(): number | undefined {
    if (!this.config) return undefined;
    const now = this.clock.now();
    this.prune(now);
    if (this.total < this.config.pointsPerHour) return undefined;
    let freed = 0;
    for (const entry of this.entries) {
      freed += entry.points;
      if (this.total - freed < this.config.pointsPerHour) return Math.max(1, Math.ceil((entry.at + 3_600_000 - now) / 1000));
    }
    return 3600;
  }

  charge(points: number): void {
    this.spentTotal += points;
    if (!this.config) return;
    const now = this.clock.now();
    this.entries.push({ at: now, points });
    this.total += points;
  }

  used(): number {
    this.prune(this.clock.now());
    return this.total;
  }
}

/** What a call costs: a write its base point; a read one point plus one per object in the answer. */
export function pointsFor(method: string, status: number, body: unknown): number {
  if (method !== 'GET' || status >= 400) return 1;
  if (Array.isArray(body)) return 1 + body.length;
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    for (const list of ['issues', 'values', 'transitions', 'permissions']) {
      const value = record[list];
      if (Array.isArray(value)) return 1 + value.length;
      if (list === 'permissions' && value && typeof value === 'object') return 1 + Object.keys(value).length;
    }
    return 2;
  }
  return 1;
}

/**
 * The platform's quotas, metered by default: what an installation of Relay may spend per second,
 * minute or hour, and what Forge answers beyond it. Every figure is cited in sandbox/README.md
 * ("Limits and quotas"), documented or assumed. Windows slide on the sandbox clock, so on a
 * ManualClock that tests do not move, everything a test does falls in one second and one minute:
 * the strictest reading. Tests that model many people's work let time pass, as it would.
 */
import type { Clock } from '../platform/types';

export interface PlatformLimits {
  /** KVS and Custom Entity Store, per installation (Forge: "KVS and Custom Entity Store limits"). */
  kvsRequestsPerSecond: number;
  kvsReadUnitsPerMinute: number;
  kvsWriteUnitsPerMinute: number;
  /** Function invocations per minute (Forge platform limits): per user, and per installation. */
  invocationsPerMinutePerUser: number;
  invocationsPerMinute: number;
  /** Async events: queue pushes per minute (FORGE.md: 500). */
  queuePushesPerMinute: number;
}

export const FORGE_LIMITS: PlatformLimits = {
  kvsRequestsPerSecond: 1000,
  kvsReadUnitsPerMinute: 4000,
  kvsWriteUnitsPerMinute: 4000,
  invocationsPerMinutePerUser: 1200,
  invocationsPerMinute: 5000,
  queuePushesPerMinute: 500,
};

/** Amounts spent in a sliding window; `over` says whether the budget is already spent. */
export class SlidingWindow {
  private entries: Array<{ at: number; amount: number }> = [];
  private total = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  private prune(now: number): void {
    const start = now - this.windowMs;
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.at <= start) {
      this.total -= this.entries[drop]!.amount;
      drop += 1;
    }
    if (drop > 0) this.entries.splice(0, drop);
  }

  /** Milliseconds until the window has room again, or 0 when it has room now. */
  waitMs(now: number): number {
    this.prune(now);
    if (this.total < this.limit) return 0;
    let freed = 0;
    for (const entry of this.entries) {
      freed += entry.amount;
      if (this.total - freed < this.limit) return Math.max(1, entry.at + this.windowMs - now);
    }
    return this.windowMs;
  }

  spend(now: number, amount: number): void {
    if (amount <= 0) return;
    this.prune(now);
    this.entries.push({ at: now, amount });
    this.total += amount;
  }

  used(now: number): number {
    this.prune(now);
    return this.total;
  }
}

export interface Refusal {
  /** Which quota: e.g. 'kvs-read-units-per-minute'. */
  quota: string;
  retryAfterSeconds: number;
}

/** The installation's meters. Each `check…` says whether a request may go ahead; `spend…` records it. */
export class PlatformMeters {
  private readonly kvsRequests: SlidingWindow;
  private readonly kvsReads: SlidingWindow;
  private readonly kvsWrites: SlidingWindow;
  private readonly invocations: SlidingWindow;
  private readonly invocationsByUser = new Map<string, SlidingWindow>();
  private readonly pushes: SlidingWindow;
  /** Refusals so far, by quota (tests and the bench read them). */
  readonly refusals: Record<string, number> = {};

  constructor(
    private readonly clock: Clock,
    readonly limits: PlatformLimits = FORGE_LIMITS,
  ) {
    this.kvsRequests = new SlidingWindow(limits.kvsRequestsPerSecond, 1000);
    this.kvsReads = new SlidingWindow(limits.kvsReadUnitsPerMinute, 60_000);
    this.kvsWrites = new SlidingWindow(limits.kvsWriteUnitsPerMinute, 60_000);
    this.invocations = new SlidingWindow(limits.invocationsPerMinute, 60_000);
    this.pushes = new SlidingWindow(limits.queuePushesPerMinute, 60_000);
  }

  private refuse(quota: string, waitMs: number): Refusal {
    this.refusals[quota] = (this.refusals[quota] ?? 0) + 1;
    return { quota, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /**
   * A storage request may go ahead while the second's requests and the minute's units are not yet
   * spent; its units are known only from the answer (spendKvs), so the last request of a minute may
   * overdraw a little, as a token bucket in debt does.
   */
  checkKvs(kind: 'read' | 'write' | 'both'): Refusal | undefined {
    const now = this.clock.now();
    const windows: Array<[string, SlidingWindow]> = [['kvs-requests-per-second', this.kvsRequests]];
    if (kind !== 'write') windows.push(['kvs-read-units-per-minute', this.kvsReads]);
    if (kind !== 'read') windows.push(['kvs-write-units-per-minute', this.kvsWrites]);
    for (const [quota, window] of windows) {
      const wait = window.waitMs(now);
      if (wait > 0) return this.refuse(quota, wait);
    }
    this.kvsRequests.spend(now, 1);
    return undefined;
  }

  spendKvs(units: { read: number; write: number }): void {
    const now = this.clock.now();
    this.kvsReads.spend(now, units.read);
    this.kvsWrites.spend(now, units.write);
  }

  checkInvocation(accountId: string | undefined): Refusal | undefined {
    const now = this.clock.now();
    const wait = this.invocations.waitMs(now);
    if (wait > 0) return this.refuse('invocations-per-minute', wait);
    if (accountId) {
      let mine = this.invocationsByUser.get(accountId);
      if (!mine) {
        mine = new SlidingWindow(this.limits.invocationsPerMinutePerUser, 60_000);
        this.invocationsByUser.set(accountId, mine);
      }
      const userWait = mine.waitMs(now);
      if (userWait > 0) return this.refuse('invocations-per-minute-per-user', userWait);
      mine.spend(now, 1);
    }
    this.invocations.spend(now, 1);
    return undefined;
  }

  checkQueuePush(): Refusal | undefined {
    const now = this.clock.now();
    const wait = this.pushes.waitMs(now);
    if (wait > 0) return this.refuse('queue-pushes-per-minute', wait);
    this.pushes.spend(now, 1);
    return undefined;
  }

  /** What is spent in the current windows (for the bench and the shell). */
  usage(): Record<string, number> {
    const now = this.clock.now();
    return {
      kvsRequestsLastSecond: this.kvsRequests.used(now),
      kvsReadUnitsLastMinute: this.kvsReads.used(now),
      kvsWriteUnitsLastMinute: this.kvsWrites.used(now),
      invocationsLastMinute: this.invocations.used(now),
      queuePushesLastMinute: this.pushes.used(now),
    };
  }
}

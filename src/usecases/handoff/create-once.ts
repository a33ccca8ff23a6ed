import { delivery, handoffStore } from '../../ports/registry';
import type { HandoffGuard } from '../../ports/handoffs';
import { SEARCH_SETTLE_MS } from '../../domain/handoff';
import type { Ids } from '../../ports';

type GuardData = HandoffGuard['data'];
type IssueRef = { id: string; key: string };

/**
 * The deal's idempotency record as one job sees it. Every write is conditioned on the version read,
 * so of two jobs working on the same deal one write wins and the other fails (and comes back later)
 * instead of overwriting. Changes can be staged to ride along with the next write (the lease taken
 * at the start, an id recorded after a create): fewer writes, and never a Jira create between a
 * staged change and its write that could depend on it.
 */
export class HeldGuard {
  private staged: Array<(data: GuardData) => GuardData> = [];
  private leaseTaken = false;

  constructor(
    readonly dealId: string,
    public current: HandoffGuard,
    private readonly now: () => number,
    private readonly lease: (data: GuardData) => GuardData,
  ) {}

  stage(change: (data: GuardData) => GuardData): void {
    this.staged.push(change);
  }

  /** Writes the change with everything staged (and the lease, with the job's first write). */
  async update(change: (data: GuardData) => GuardData = (data) => data): Promise<void> {
    const changes = [...(this.leaseTaken ? [] : [this.lease]), ...this.staged, change];
    const data = changes.reduce((d, c) => c(d), this.current.data);
    const next: HandoffGuard = { ...this.current, version: this.current.version + 1, updatedAt: this.now(), data };
    await handoffStore.writeGuard(this.dealId, next, this.current.version);
    this.current = next;
    this.staged = [];
    this.leaseTaken = true;
  }

  /** Gives the lease back with whatever is staged; a job that never wrote and staged nothing has nothing to give back. */
  async release(): Promise<void> {
    if (!this.leaseTaken && this.staged.length === 0) return;
    await this.update((data) => ({ ...data, leaseUntil: 0, leaseId: null }));
  }
}

export type CreateOnce<T> = { kind: 'made'; issue: IssueRef; extra: T | null; adopted: boolean } | { kind: 'wait'; untilMs: number };

/**
 * One issue of a deal's delivery work, created at most once although Jira's create is not
 * idempotent and its search lags behind writes:
 *
 * 1. Before asking Jira, a fresh nonce is recorded in storage (the guard's `attempt`); the create
 *    request writes the same nonce into the issue's property, atomically with the issue.
 * 2. The caller records the id the create answers (clearing the attempt) in its next write.
 * 3. A run that finds an attempt still open (the answer was lost: 5xx, timeout, crash) looks for
 *    the issue by its nonces, created by Relay, in the right place (`find`). Found: adopted.
 *    Not found, and the attempt is younger than SEARCH_SETTLE_MS: search may simply not show it
 *    yet, so the job waits (`wait`) instead of creating a second issue. Older: it created nothing,
 *    and a new attempt starts (earlier nonces are still looked for).
 * 4. A refusal Jira certainly did not act on (4xx, 429) closes the attempt at once.
 */
export async function createOnce<T>(
  held: HeldGuard,
  slot: string,
  now: () => number,
  ids: Ids,
  find: (nonces: string[]) => Promise<IssueRef | undefined>,
  create: (nonce: string) => Promise<{ issue: IssueRef; extra: T | null }>,
): Promise<CreateOnce<T>> {
  const open = held.current.data.attempt?.slot === slot ? held.current.data.attempt : null;
  if (open) {
    const found = await find(open.nonces);
    if (found) return { kind: 'made', issue: found, extra: null, adopted: true };
    const settlesAt = open.startedAt + SEARCH_SETTLE_MS;
    if (now() < settlesAt) return { kind: 'wait', untilMs: settlesAt };
  }
  const nonce = ids.newId();
  await held.update((data) => ({ ...data, attempt: { slot, nonces: [...(open?.nonces ?? []), nonce], startedAt: now() } }));
  try {
    const made = await create(nonce);
    return { kind: 'made', issue: made.issue, extra: made.extra, adopted: false };
  } catch (error) {
    if (delivery.certainlyNotDone(error)) await held.update((data) => ({ ...data, attempt: null }));
    throw error;
  }
}

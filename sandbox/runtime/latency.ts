/**
 * How long things take in production, as a model: per storage request, per Jira request, per queue
 * push and per invocation. Atlassian publishes no latency figures for Forge storage, Jira REST from
 * Forge or function invocations, so every value is an assumption, stated in sandbox/README.md
 * ("Latency model") with its reasoning; the bench prints the estimates these values give.
 *
 * Each invocation keeps a critical path: a request issued while another is in flight (Promise.all)
 * runs beside it, one issued after another's answer runs after it. So the path counts the sequential
 * round trips, and its length is what the invocation would take on Forge, whatever this machine's
 * speed. With `real: true` (npm start) each request also waits its latency in real time.
 */
export interface LatencyModel {
  kvsMs: number;
  jiraMs: number;
  queueMs: number;
  /** A warm invocation's own cost: the trip from the browser (or the event source) to the function and back. */
  invocationMs: number;
  /** Wait the latencies in real time (npm start), or only count them (tests, bench). */
  real: boolean;
}

/** Assumed production figures (README.md, "Latency model"). */
export const PRODUCTION_LATENCY: Omit<LatencyModel, 'real'> = { kvsMs: 20, jiraMs: 150, queueMs: 30, invocationMs: 250 };

export type PathTarget = 'kvs' | 'jira' | 'queue';

/** The longest chain of dependent requests an invocation made so far, in modelled milliseconds. */
export interface CriticalPath {
  ms: number;
  roundTrips: number;
  kvs: number;
  jira: number;
  queue: number;
}

export const emptyPath = (): CriticalPath => ({ ms: 0, roundTrips: 0, kvs: 0, jira: 0, queue: 0 });

export function latencyOf(model: Omit<LatencyModel, 'real'>, target: PathTarget): number {
  return target === 'kvs' ? model.kvsMs : target === 'jira' ? model.jiraMs : model.queueMs;
}

/** The path after a request that was issued when the path stood at `issuedAt` and has now answered. */
export function extendPath(current: CriticalPath, issuedAt: CriticalPath, target: PathTarget, latencyMs: number): CriticalPath {
  const end = issuedAt.ms + latencyMs;
  if (end <= current.ms) return current;
  return { ms: end, roundTrips: issuedAt.roundTrips + 1, kvs: issuedAt.kvs + (target === 'kvs' ? 1 : 0), jira: issuedAt.jira + (target === 'jira' ? 1 : 0), queue: issuedAt.queue + (target === 'queue' ? 1 : 0) };
}

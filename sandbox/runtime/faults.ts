/**
 * Faults on demand: a test says "the next 3 Jira calls to /rest/api/3/issue answer 429 with
 * Retry-After 2", or "storage is slow by 50 ms", and the platform does exactly that. Rules are
 * matched in the order they were added; a rule with `times` runs out after that many matches.
 */
export type FaultTarget = 'jira' | 'kvs' | 'queue';

export interface FaultRule {
  target: FaultTarget;
  /** Matches `METHOD path` (for kvs the method is POST and the path is the API path). */
  match?: RegExp;
  /** Answer with this status instead of calling the service. */
  status?: number;
  /** Extra headers on the fault answer, e.g. `{ 'retry-after': '2' }`. */
  headers?: Record<string, string>;
  /** JSON body of the fault answer (a `{code, message}` error shape is used when absent). */
  body?: unknown;
  /** Wait this long (real milliseconds) before answering, fault or not. */
  delayMs?: number;
  /** How many matching requests the rule applies to; unlimited when absent. */
  times?: number;
  /** Let this many matching requests through untouched first (a failure half-way through a job). */
  after?: number;
  /**
   * Let the service handle the request, then answer with `status` instead of its answer: a response
   * lost on the way back (a gateway timeout after Jira created the issue, a function killed right
   * after its storage transaction committed). Jira and storage targets.
   */
  afterService?: boolean;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  hits: number;
  skipped: number;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): { hits(): number; remove(): void } {
    const active: ActiveRule = { ...rule, remaining: rule.times ?? Number.POSITIVE_INFINITY, hits: 0, skipped: 0 };
    this.rules.push(active);
    return {
      hits: () => active.hits,
      remove: () => {
        this.rules = this.rules.filter((r) => r !== active);
      },
    };
  }

  clear(): void {
    this.rules = [];
  }

  /** The rule that applies to this request (before or, with `afterService`, after the service acts), consuming one of its uses. */
  take(target: FaultTarget, method: string, path: string, afterService = false): FaultRule | undefined {
    const line = `${method.toUpperCase()} ${path}`;
    const rule = this.rules.find((r) => r.target === target && r.remaining > 0 && Boolean(r.afterService) === afterService && (!r.match || r.match.test(line)));
    if (!rule) return undefined;
    if (rule.skipped < (rule.after ?? 0)) {
      rule.skipped += 1;
      return undefined;
    }
    rule.remaining -= 1;
    rule.hits += 1;
    return rule;
  }
}

import type { Health } from './company';
import type { IsoDate } from './periods';
import { daysBetween, isoDateOf } from './periods';

/**
 * Customer health (PRODUCT.md §3): Good / Average / Poor from what actually happens — the linked
 * Jira work (overdue or blocked issues, open bugs), hand-off SLA breaches, days since the last
 * logged activity and how close (or late) the next renewal is. A score starts at 100 and loses the
 * site's weight for each signal; the tier follows the site's thresholds. Every score carries its
 * reasons, most costly first, so a person sees why ("3 overdue delivery issues, last activity 41
 * days ago"). Pure: the signals and `now` come in.
 */
export interface HealthWeights {
  /** Points lost per open linked issue past its due date. */
  overdueIssue: number;
  /** Per open linked issue that is blocked. */
  blockedIssue: number;
  /** Per open bug among the linked issues. */
  openBug: number;
  /** Per hand-off not accepted within its SLA. */
  handoffBreach: number;
  /** Per `inactivityDays` without a logged activity (after the first such period). */
  inactivity: number;
  inactivityDays: number;
  /** When the next renewal's contract ends within 30 days and it is not decided. */
  renewalSoon: number;
  /** When a contract ended and its renewal is still not decided. */
  renewalOverdue: number;
  /** Scores at or above are Good; at or above `averageAtLeast` Average; below, Poor. */
  goodAtLeast: number;
  averageAtLeast: number;
}

export const DEFAULT_HEALTH_WEIGHTS: HealthWeights = {
  overdueIssue: 15,
  blockedIssue: 10,
  openBug: 5,
  handoffBreach: 20,
  inactivity: 10,
  inactivityDays: 30,
  renewalSoon: 10,
  renewalOverdue: 25,
  goodAtLeast: 75,
  averageAtLeast: 50,
};

export const HEALTH_REASON_CODES = ['overdue-issues', 'blocked-issues', 'open-bugs', 'handoff-breaches', 'inactive', 'no-activity', 'renewal-soon', 'renewal-overdue'] as const;
export type HealthReasonCode = (typeof HEALTH_REASON_CODES)[number];

/** One reason a score is below 100: what, how many (issues, breaches) or how many days, and its cost. */
export interface HealthReason {
  code: HealthReasonCode;
  /** Issues or breaches counted, or days (inactivity, renewal). */
  value: number;
  points: number;
}

export interface HealthSignals {
  overdueIssues: number;
  blockedIssues: number;
  openBugs: number;
  handoffBreaches: number;
  /** When someone last logged an activity with the company or its deals; null: never. */
  lastActivityAt: number | null;
  /** When the company record was created (inactivity counts from here when nothing was logged). */
  since: number;
  /** The next contract end whose renewal is not decided. */
  nextRenewal: IsoDate | null;
}

export interface HealthScore {
  tier: Exclude<Health, 'unknown'>;
  score: number;
  reasons: HealthReason[];
  computedAt: number;
}

export function tierOf(score: number, weights: Pick<HealthWeights, 'goodAtLeast' | 'averageAtLeast'>): HealthScore['tier'] {
  if (score >= weights.goodAtLeast) return 'good';
  if (score >= weights.averageAtLeast) return 'average';
  return 'poor';
}

export function scoreHealth(signals: HealthSignals, weights: HealthWeights, now: number): HealthScore {
  const today = isoDateOf(now);
  const reasons: HealthReason[] = [];
  const add = (code: HealthReasonCode, value: number, points: number) => {
    if (value > 0 && points > 0) reasons.push({ code, value, points });
  };
  add('overdue-issues', signals.overdueIssues, signals.overdueIssues * weights.overdueIssue);
  add('blocked-issues', signals.blockedIssues, signals.blockedIssues * weights.blockedIssue);
  add('open-bugs', signals.openBugs, signals.openBugs * weights.openBug);
  add('handoff-breaches', signals.handoffBreaches, signals.handoffBreaches * weights.handoffBreach);
  const quiet = daysBetween(isoDateOf(signals.lastActivityAt ?? signals.since), today);
  const periods = weights.inactivityDays > 0 ? Math.floor(quiet / weights.inactivityDays) : 0;
  add(signals.lastActivityAt === null ? 'no-activity' : 'inactive', quiet, periods * weights.inactivity);
  if (signals.nextRenewal !== null) {
    const days = daysBetween(today, signals.nextRenewal);
    if (days < 0) add('renewal-overdue', -days, weights.renewalOverdue);
    else if (days <= 30) add('renewal-soon', Math.max(days, 1), weights.renewalSoon);
  }
  reasons.sort((a, b) => b.points - a.points || HEALTH_REASON_CODES.indexOf(a.code) - HEALTH_REASON_CODES.indexOf(b.code));
  const score = Math.max(0, 100 - reasons.reduce((sum, r) => sum + r.points, 0));
  return { tier: tierOf(score, weights), score, reasons, computedAt: now };
}

// ------------------------------------------------------------------ what the linked Jira work says

/** A linked Jira issue as search answers it, reduced to what health needs. */
export interface LinkedIssue {
  companyId: string;
  done: boolean;
  duedate: IsoDate | null;
  issueType: string;
  statusName: string;
  /** Open issues this one is blocked by (inward "Blocks" links). */
  blockedByOpen: number;
}

export interface IssueSignals {
  overdueIssues: number;
  blockedIssues: number;
  openBugs: number;
}

/**
 * Counts per company: open issues past their due date, open issues blocked (a status named like
 * "Blocked", or blocked by an open issue), and open bugs. Done issues count for nothing.
 */
export function issueSignals(issues: readonly LinkedIssue[], today: IsoDate): Map<string, IssueSignals> {
  const out = new Map<string, IssueSignals>();
  for (const issue of issues) {
    if (issue.done) continue;
    const signals = out.get(issue.companyId) ?? { overdueIssues: 0, blockedIssues: 0, openBugs: 0 };
    if (issue.duedate !== null && issue.duedate < today) signals.overdueIssues += 1;
    if (/\bblock/i.test(issue.statusName) || issue.blockedByOpen > 0) signals.blockedIssues += 1;
    if (/^bug$/i.test(issue.issueType)) signals.openBugs += 1;
    out.set(issue.companyId, signals);
  }
  return out;
}

export function validWeights(weights: HealthWeights): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(weights)) if (!Number.isInteger(value) || value < 0 || value > 100) problems.push(key);
  if (weights.inactivityDays < 1) problems.push('inactivityDays');
  if (weights.averageAtLeast > weights.goodAtLeast) problems.push('averageAtLeast');
  return problems;
}

/**
 * The message keys a surface looks its reasons up by (`health.reason.<code>.one|other`), with the
 * count to fill in: each surface has its own strings, all say the same thing.
 */
export function reasonMessages(reasons: readonly Pick<HealthReason, 'code' | 'value'>[]): Array<{ key: `health.reason.${HealthReasonCode}.${'one' | 'other'}`; count: number }> {
  return reasons.map((r) => ({ key: `health.reason.${r.code}.${r.value === 1 ? 'one' : 'other'}`, count: r.value }));
}

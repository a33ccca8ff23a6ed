/**
 * The search index behind `/search/jql` and `/search/approximate-count`. Jira Cloud documents these
 * endpoints as not read-after-write consistent: a create, edit, delete or property write can be
 * missing from (or stale in) search results "from a few seconds to minutes"; only the ids passed in
 * `reconcileIssues` (at most 50) are read consistently, and there is no project-wide reconcile
 * (developer.atlassian.com/cloud/jira/platform/search-and-reconcile, JRACLOUD-96208). The sandbox
 * models that as a fixed lag: search sees every issue as it was `lagMs` ago on the injected clock.
 * Reads by id or key (`GET /issue/{key}`) stay consistent, as in Jira.
 *
 * Each write records a snapshot of the issue (a deletion records its absence) with the time it
 * happened; search picks, per issue, the newest snapshot at least `lagMs` old. A created issue is
 * therefore invisible until the lag has passed, an edit shows its old values, and a deleted issue
 * still matches with its last indexed values.
 */
import type { Clock } from '../platform/types';
import type { StoredIssue } from './model';

/** On by default (tests and `npm start`): "the majority of modifications are shown within seconds". */
export const DEFAULT_SEARCH_LAG_MS = 2_000;
/** Documented: "API can accept a maximum of 50 reconcile issues". */
export const MAX_RECONCILE_ISSUES = 50;

interface Version {
  at: number;
  issue: StoredIssue | null;
}

/** The issue as the index holds it: everything search reads, without the changelog. */
function snapshot(issue: StoredIssue): StoredIssue {
  const { changelog: _changelog, ...rest } = issue;
  return { ...(JSON.parse(JSON.stringify(rest)) as Omit<StoredIssue, 'changelog'>), changelog: [] };
}

export class SearchIndex {
  private readonly versions = new Map<string, Version[]>();

  constructor(
    private readonly clock: Clock,
    private lag: number,
  ) {}

  get lagMs(): number {
    return this.lag;
  }

  setLag(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`The search lag must be a non-negative number of milliseconds, not ${ms}`);
    this.lag = ms;
  }

  /** An issue was created or changed (fields, status, parent, properties): search sees it after the lag. */
  written(issue: StoredIssue): void {
    this.push(issue.id, snapshot(issue));
  }

  deleted(issueId: string): void {
    this.push(issueId, null);
  }

  /** Issues loaded from saved state, or a site reset: everything already there counts as indexed long ago. */
  rebuild(issues: Iterable<StoredIssue>): void {
    this.versions.clear();
    for (const issue of issues) this.versions.set(issue.id, [{ at: Number.NEGATIVE_INFINITY, issue: snapshot(issue) }]);
  }

  /**
   * What a search sees now: per issue, the newest version at least `lag` old; the ids in
   * `reconcile` as they are now (from `current`), whether or not the index has caught up.
   */
  view(current: Readonly<Record<string, StoredIssue>>, reconcile: ReadonlySet<string>): StoredIssue[] {
    const horizon = this.clock.now() - this.lag;
    const seen: StoredIssue[] = [];
    for (const [id, versions] of this.versions) {
      if (reconcile.has(id)) continue;
      this.prune(versions, horizon);
      const indexed = [...versions].reverse().find((v) => v.at <= horizon);
      if (indexed?.issue) seen.push(indexed.issue);
    }
    for (const id of reconcile) {
      const issue = current[id];
      if (issue) seen.push(issue);
    }
    return seen;
  }

  private push(id: string, issue: StoredIssue | null): void {
    const versions = this.versions.get(id) ?? [];
    versions.push({ at: this.clock.now(), issue });
    this.prune(versions, this.clock.now() - this.lag);
    this.versions.set(id, versions);
  }

  /** Keeps the newest version search can already see and everything newer; older ones can never be read again. */
  private prune(versions: Version[], horizon: number): void {
    let visible = -1;
    for (let i = 0; i < versions.length; i += 1) if (versions[i]!.at <= horizon) visible = i;
    if (visible > 0) versions.splice(0, visible);
  }
}

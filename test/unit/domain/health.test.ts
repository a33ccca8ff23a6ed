import { DEFAULT_HEALTH_WEIGHTS, issueSignals, scoreHealth, tierOf } from '../../../src/domain/health';

const now = Date.parse('2026-11-20T09:00:00Z');
const DAY = 86_400_000;
const quiet = { overdueIssues: 0, blockedIssues: 0, openBugs: 0, handoffBreaches: 0, lastActivityAt: now - DAY, since: now - 400 * DAY, nextRenewal: null };

describe('customer health', () => {
  it('is Good with no reason when nothing is wrong', () => {
    expect(scoreHealth(quiet, DEFAULT_HEALTH_WEIGHTS, now)).toEqual({ tier: 'good', score: 100, reasons: [], computedAt: now });
  });

  it('gives its reasons, most costly first: 3 overdue delivery issues, last activity 41 days ago', () => {
    const health = scoreHealth({ ...quiet, overdueIssues: 3, lastActivityAt: now - 41 * DAY }, DEFAULT_HEALTH_WEIGHTS, now);
    expect(health.reasons).toEqual([
      { code: 'overdue-issues', value: 3, points: 45 },
      { code: 'inactive', value: 41, points: 10 },
    ]);
    expect(health).toMatchObject({ score: 45, tier: 'poor' });
  });

  it('counts hand-off breaches, blocked issues, bugs, a renewal soon or overdue, and never-logged activity', () => {
    const health = scoreHealth({ ...quiet, blockedIssues: 1, openBugs: 2, handoffBreaches: 1, lastActivityAt: null, since: now - 10 * DAY, nextRenewal: '2026-12-01' }, DEFAULT_HEALTH_WEIGHTS, now);
    expect(health.reasons.map((r) => r.code)).toEqual(['handoff-breaches', 'blocked-issues', 'open-bugs', 'renewal-soon']);
    expect(health.score).toBe(100 - 20 - 10 - 10 - 10);
    expect(scoreHealth({ ...quiet, nextRenewal: '2026-11-10' }, DEFAULT_HEALTH_WEIGHTS, now).reasons).toEqual([{ code: 'renewal-overdue', value: 10, points: 25 }]);
    expect(scoreHealth({ ...quiet, lastActivityAt: null, since: now - 65 * DAY }, DEFAULT_HEALTH_WEIGHTS, now).reasons).toEqual([{ code: 'no-activity', value: 65, points: 20 }]);
  });

  it('follows the site’s weights and thresholds', () => {
    expect(scoreHealth({ ...quiet, openBugs: 1 }, { ...DEFAULT_HEALTH_WEIGHTS, openBug: 60 }, now).tier).toBe('poor');
    expect(tierOf(60, { goodAtLeast: 60, averageAtLeast: 30 })).toBe('good');
    expect(tierOf(59, { goodAtLeast: 60, averageAtLeast: 30 })).toBe('average');
  });

  it('reads linked work: overdue, blocked by status or by an open issue, open bugs; done issues count for nothing', () => {
    const issue = { companyId: 'acme', done: false, duedate: null, issueType: 'Task', statusName: 'To Do', blockedByOpen: 0 };
    const signals = issueSignals(
      [
        { ...issue, duedate: '2026-11-19' },
        { ...issue, duedate: '2026-11-20' },
        { ...issue, statusName: 'Blocked' },
        { ...issue, blockedByOpen: 1 },
        { ...issue, issueType: 'Bug' },
        { ...issue, issueType: 'Bug', done: true, duedate: '2026-01-01' },
        { ...issue, companyId: 'globex', duedate: '2026-01-01' },
      ],
      '2026-11-20',
    );
    expect(signals.get('acme')).toEqual({ overdueIssues: 1, blockedIssues: 2, openBugs: 1 });
    expect(signals.get('globex')).toEqual({ overdueIssues: 1, blockedIssues: 0, openBugs: 0 });
  });
});

import { route } from '@forge/api';
import { DEFAULT_SEARCH_LAG_MS } from '../../../sandbox/jira/search-index';
import { ALICE, startJiraSite, type JiraSiteHarness } from './jira-harness';

/**
 * Jira Cloud's search is not read-after-write consistent (developer.atlassian.com/cloud/jira/platform/
 * search-and-reconcile): recent writes can be missing from or stale in /search/jql and
 * approximate-count, and only the ids passed in `reconcileIssues` (≤ 50) are read consistently.
 */
describe('search lags behind writes, as Jira Cloud documents', () => {
  let site: JiraSiteHarness;
  const keysOf = (answer: { body: { issues: Array<{ key?: string; id: string }> } }) => answer.body.issues.map((i) => i.key ?? i.id);
  const search = (body: Record<string, unknown>) => site.call(ALICE, 'POST', route`/rest/api/3/search/jql`, { fields: ['summary'], ...body });
  const count = async (jql: string) => (await site.call(ALICE, 'POST', route`/rest/api/3/search/approximate-count`, { jql })).body.count as number;

  beforeEach(async () => {
    site = await startJiraSite();
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  it('is on by default: a new issue is missing from search and counts until the lag has passed', async () => {
    expect(site.sandbox.jira.searchLagMs).toBe(DEFAULT_SEARCH_LAG_MS);
    const created = site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Kick-off' });
    const read = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${created.key}?fields=summary`);
    expect(read.body.fields.summary).toBe('Kick-off'); // reads by key are consistent
    expect(keysOf(await search({ jql: 'project = DEL' }))).toEqual([]);
    expect(await count('project = DEL')).toBe(0);
    site.clock.advance(DEFAULT_SEARCH_LAG_MS);
    expect(keysOf(await search({ jql: 'project = DEL' }))).toEqual([created.key]);
    expect(await count('project = DEL')).toBe(1);
  });

  it('shows edits and property writes late, and deleted issues for a while', async () => {
    site.sandbox.jira.setSearchLag(60_000);
    const issue = site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Old summary' });
    site.clock.advance(60_000);
    site.sandbox.jira.editIssue(ALICE, issue.key, { summary: 'New summary' });
    await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${issue.key}/properties/${'relay-deal'}`, { dealId: 'deal-1' });
    const stale = await search({ jql: 'project = DEL' });
    expect(stale.body.issues[0].fields.summary).toBe('Old summary');
    expect(keysOf(await search({ jql: 'relayDealId = "deal-1"' }))).toEqual([]);
    site.clock.advance(30_000);
    site.sandbox.jira.deleteIssue(ALICE, issue.key);
    site.clock.advance(30_000);
    // The edit is indexed now; the deletion 30 s ago is not yet.
    expect(keysOf(await search({ jql: 'relayDealId = "deal-1"' }))).toEqual([issue.key]);
    expect((await search({ jql: 'project = DEL' })).body.issues[0].fields.summary).toBe('New summary');
    site.clock.advance(30_000);
    expect(keysOf(await search({ jql: 'project = DEL' }))).toEqual([]);
  });

  it('reads the ids in reconcileIssues consistently (POST body and GET query), and only those', async () => {
    site.sandbox.jira.setSearchLag(60_000);
    const a = site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'A' });
    const b = site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'B' });
    expect(keysOf(await search({ jql: 'project = DEL', reconcileIssues: [Number(a.id)] }))).toEqual([a.key]);
    const viaGet = await site.call(ALICE, 'GET', route`/rest/api/3/search/jql?jql=${'project = DEL ORDER BY key ASC'}&fields=summary&reconcileIssues=${a.id}&reconcileIssues=${b.id}`);
    expect(keysOf(viaGet)).toEqual([a.key, b.key]);
    // A reconciled issue still has to match the query.
    expect(keysOf(await search({ jql: 'project = DEL AND summary ~ "B"', reconcileIssues: [Number(a.id)] }))).toEqual([]);
    site.sandbox.jira.deleteIssue(ALICE, a.key);
    site.clock.advance(60_000);
    expect(keysOf(await search({ jql: 'project = DEL', reconcileIssues: [Number(a.id)] }))).toEqual([b.key]);
  });

  it('refuses more than 50 reconcile ids, and ids that are not integers', async () => {
    const tooMany = await search({ jql: 'project = DEL', reconcileIssues: Array.from({ length: 51 }, (_, i) => 10_000 + i) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errorMessages).toEqual(['The reconcileIssues parameter accepts at most 50 issue ids.']);
    expect((await search({ jql: 'project = DEL', reconcileIssues: ['DEL-1'] })).status).toBe(400);
  });

  it('can be switched off (a sandbox option; Jira has no such switch)', async () => {
    site.sandbox.jira.setSearchLag(0);
    const created = site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'At once' });
    expect(keysOf(await search({ jql: 'project = DEL' }))).toEqual([created.key]);
  });
});

import { route } from '@forge/api';
import { ALICE, OMAR, VIC, startJiraSite, type JiraSiteHarness } from './jira-harness';

describe('JQL search through the real @forge/api', () => {
  let site: JiraSiteHarness;

  beforeEach(async () => {
    site = await startJiraSite();
    const { jira } = site.sandbox;
    // These tests are about JQL itself; how search lags behind writes is search-lag.test.ts.
    jira.setSearchLag(0);
    for (let n = 1; n <= 7; n++) {
      jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: `Delivery task ${n}` });
      site.clock.advance(60_000);
    }
    jira.createIssue(OMAR, { projectKey: 'CS', issueType: 'Task', summary: 'Health check' });
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  const search = (as: string, body: Record<string, unknown>) => site.call(as, 'POST', route`/rest/api/3/search/jql`, body);

  it('pages with nextPageToken until isLast, in ORDER BY order, ids only by default', async () => {
    const keys: string[] = [];
    let token: string | undefined;
    let pages = 0;
    for (;;) {
      const answer = await search(ALICE, { jql: 'project = DEL ORDER BY key ASC', fields: ['summary'], maxResults: 3, ...(token ? { nextPageToken: token } : {}) });
      expect(answer.status).toBe(200);
      pages += 1;
      keys.push(...answer.body.issues.map((i: { key: string }) => i.key));
      if (answer.body.isLast) {
        expect(answer.body.nextPageToken).toBeUndefined();
        break;
      }
      token = answer.body.nextPageToken;
    }
    expect(pages).toBe(3);
    expect(keys).toEqual(['DEL-1', 'DEL-2', 'DEL-3', 'DEL-4', 'DEL-5', 'DEL-6', 'DEL-7']);

    const ids = await search(ALICE, { jql: 'project = DEL AND summary ~ "task 7"' });
    expect(ids.body).toEqual({ issues: [{ id: '10006' }], isLast: true });
  });

  it('rejects a token from another query', async () => {
    const first = await search(ALICE, { jql: 'project = DEL', maxResults: 2 });
    const misuse = await search(ALICE, { jql: 'project = CS', nextPageToken: first.body.nextPageToken });
    expect(misuse.status).toBe(400);
  });

  it('serves GET /search/jql with query parameters too', async () => {
    const answer = await site.call(ALICE, 'GET', route`/rest/api/3/search/jql?jql=${'project = DEL AND created >= -3m ORDER BY created DESC'}&fields=${'summary,status'}`);
    expect(answer.status).toBe(200);
    expect(answer.body.issues.map((i: { fields: { summary: string } }) => i.fields.summary)).toEqual(['Delivery task 7', 'Delivery task 6', 'Delivery task 5']);
    expect(Object.keys(answer.body.issues[0].fields).sort()).toEqual(['status', 'summary']);
  });

  it('finds issues by an entity-property alias and by issue.property[...] once indexed', async () => {
    await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-2'}/properties/${'relay-deal'}`, { dealId: 'deal-77', dealName: 'Acme expansion', amount: 1200 });
    await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-5'}/properties/${'relay-deal'}`, { dealId: 'deal-78', dealName: 'Globex pilot', amount: 300 });
    const byAlias = await search(ALICE, { jql: 'relayDealId = "deal-77"', fields: ['summary'] });
    expect(byAlias.body.issues.map((i: { key: string }) => i.key)).toEqual(['DEL-2']);
    const byText = await search(ALICE, { jql: 'relayDealName ~ "globex"', fields: ['summary'] });
    expect(byText.body.issues.map((i: { key: string }) => i.key)).toEqual(['DEL-5']);
    const byPath = await search(ALICE, { jql: 'issue.property[relay-deal].amount > 500', fields: ['summary'] });
    expect(byPath.body.issues.map((i: { key: string }) => i.key)).toEqual(['DEL-2']);
  });

  it('shows a searcher only what they may browse; the app sees everything', async () => {
    const vic = await search(VIC, { jql: 'summary ~ "check" OR project = DEL', maxResults: 100 });
    expect(vic.body.issues).toHaveLength(7);
    const omarAskingForDel = await search(OMAR, { jql: 'project = DEL' });
    expect(omarAskingForDel.status).toBe(400);
    expect(omarAskingForDel.body.errorMessages).toEqual(["The value 'DEL' does not exist for the field 'project'."]);
    const app = await search('app', { jql: 'project in (DEL, CS)', maxResults: 100 });
    expect(app.body.issues).toHaveLength(8);
  });

  it('refuses unbounded queries and reports JQL errors with Jira’s wording', async () => {
    const unbounded = await search(ALICE, { jql: 'ORDER BY created DESC' });
    expect(unbounded.status).toBe(400);
    expect(unbounded.body.errorMessages).toEqual(['Unbounded JQL queries are not allowed here. Please add a search restriction to your query.']);
    const syntax = await search(ALICE, { jql: 'project = DEL AND' });
    expect(syntax.status).toBe(400);
    expect(syntax.body.errorMessages[0]).toMatch(/^Error in the JQL Query: /);
    const field = await search(ALICE, { jql: 'colour = red' });
    expect(field.body.errorMessages).toEqual(["Field 'colour' does not exist or you do not have permission to view it."]);
  });

  it('caps maxResults at 5000 for ids and 100 with *all fields', async () => {
    const all = await search('app', { jql: 'project = DEL', fields: ['*all'], maxResults: 5000 });
    expect(all.body.issues).toHaveLength(7);
    expect(all.body.issues[0].fields.project.key).toBe('DEL');
  });

  it('answers the removed /rest/api/3/search with 410 Gone and Atlassian’s message', async () => {
    for (const answer of [await site.call(ALICE, 'GET', route`/rest/api/3/search?jql=${'project = DEL'}`), await site.call(ALICE, 'POST', route`/rest/api/3/search`, { jql: 'project = DEL' })]) {
      expect(answer.status).toBe(410);
      expect(answer.body.errorMessages[0]).toMatch(/^The requested API has been removed\. Please migrate to the \/rest\/api\/3\/search\/jql API/);
    }
  });

  it('counts matches with /search/approximate-count', async () => {
    const answer = await site.call(VIC, 'POST', route`/rest/api/3/search/approximate-count`, { jql: 'project = DEL AND status = "To Do"' });
    expect(answer.body).toEqual({ count: 7 });
  });
});

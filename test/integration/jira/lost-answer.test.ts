import { route } from '@forge/api';
import { ALICE, startJiraSite, type JiraSiteHarness } from './jira-harness';

describe('a Jira answer lost on the way back (fault with afterService)', () => {
  let site: JiraSiteHarness;

  beforeEach(async () => {
    site = await startJiraSite();
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  it('carries out the create, yet the app sees only the fault, so it cannot tell the issue exists', async () => {
    const rule = site.sandbox.platform.faults.add({ target: 'jira', match: /^POST \/rest\/api\/3\/issue$/, status: 504, afterService: true, times: 1 });
    const answer = await site.call(ALICE, 'POST', route`/rest/api/3/issue`, { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'Made anyway' } });
    expect(answer.status).toBe(504);
    expect(rule.hits()).toBe(1);
    expect(site.sandbox.jira.listIssues('DEL').map((i) => i.summary)).toEqual(['Made anyway']);
    // Used up: the next create is answered normally.
    expect((await site.call(ALICE, 'POST', route`/rest/api/3/issue`, { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'Second' } })).status).toBe(201);
  });
});

import { route } from '@forge/api';
import { ALICE, ADA, OMAR, VIC, startJiraSite, type JiraSiteHarness } from './jira-harness';

/**
 * Jira assigns issues only to people holding Assignable User in the project: create, edit and
 * transition with anyone else answer 400 with `errors.assignee`, and the assignable-user searches
 * list who qualifies (the range is taken first, then filtered, so pages can be short).
 */
describe('assignees must be assignable in the project', () => {
  let site: JiraSiteHarness;
  const names = (answer: { body: Array<{ displayName: string }> }) => answer.body.map((u) => u.displayName);

  beforeEach(async () => {
    site = await startJiraSite();
    site.sandbox.jira.grant(ALICE, 'DEL', ['ASSIGNABLE_USER']);
    site.sandbox.jira.grant(OMAR, 'CS', ['ASSIGNABLE_USER']);
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  const create = (assignee: string | null) =>
    site.call('app', 'POST', route`/rest/api/3/issue`, { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'Kick-off', assignee: assignee === null ? null : { accountId: assignee } } });

  it('refuses to create or edit with an assignee who lacks Assignable User there, with Jira’s field error', async () => {
    const refused = await create(VIC);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errorMessages: [], errors: { assignee: `User '${VIC}' cannot be assigned issues.` } });
    // Browsing, administering the site or being assignable elsewhere is not enough.
    expect((await create(ADA)).status).toBe(400);
    expect((await create(OMAR)).status).toBe(400);
    expect(site.sandbox.jira.listIssues('DEL')).toEqual([]);

    const made = await create(ALICE);
    expect(made.status).toBe(201);
    expect((await create(null)).status).toBe(201);
    const edit = await site.call('app', 'PUT', route`/rest/api/3/issue/${made.body.key}`, { fields: { assignee: { accountId: VIC } } });
    expect(edit.status).toBe(400);
    expect(edit.body.errors).toEqual({ assignee: `User '${VIC}' cannot be assigned issues.` });
    const issue = await site.call('app', 'GET', route`/rest/api/3/issue/${made.body.key}?fields=assignee`);
    expect(issue.body.fields.assignee.accountId).toBe(ALICE);
  });

  it('lists who can be assigned in a project, by query or exact account id', async () => {
    const byQuery = await site.call(VIC, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}&query=${''}`);
    expect(byQuery.status).toBe(200);
    expect(names(byQuery)).toEqual(['Alice Worker']);
    expect(names(await site.call(VIC, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}&query=${'ali'}`))).toEqual(['Alice Worker']);
    expect(names(await site.call(VIC, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}&query=${'vic'}`))).toEqual([]);
    expect(names(await site.call(VIC, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}&accountId=${ALICE}`))).toEqual(['Alice Worker']);
    expect(names(await site.call(VIC, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}&accountId=${OMAR}`))).toEqual([]);
    expect(names(await site.call(VIC, 'GET', route`/rest/api/3/user/assignable/search?issueKey=${(await create(null)).body.key}&query=${'a'}`))).toEqual(['Alice Worker']);
  });

  it('takes the startAt/maxResults range before filtering, so a page can come back short', async () => {
    // Users in order: the app, Alice, Vic, Omar, Ada. The first two of them hold one assignable person.
    const page = await site.call(ALICE, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}&query=${''}&startAt=${'0'}&maxResults=${'2'}`);
    expect(names(page)).toEqual(['Alice Worker']);
    const next = await site.call(ALICE, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}&query=${''}&startAt=${'2'}&maxResults=${'2'}`);
    expect(names(next)).toEqual([]);
  });

  it('answers 400 without a project or issue, or without query and accountId, and 404 for a project the caller cannot see', async () => {
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/user/assignable/search?query=${'a'}`)).status).toBe(400);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/user/assignable/search?project=${'DEL'}`)).status).toBe(400);
    const hidden = await site.call(VIC, 'GET', route`/rest/api/3/user/assignable/search?project=${'CS'}&query=${'o'}`);
    expect(hidden.status).toBe(404);
  });

  it('lists users assignable in every one of several projects', async () => {
    site.sandbox.jira.grant(OMAR, 'DEL', ['ASSIGNABLE_USER']);
    const both = await site.call('app', 'GET', route`/rest/api/3/user/assignable/multiProjectSearch?projectKeys=${'DEL,CS'}&query=${''}`);
    expect(names(both)).toEqual(['Omar Outsider']);
    expect((await site.call('app', 'GET', route`/rest/api/3/user/assignable/multiProjectSearch?query=${'o'}`)).status).toBe(400);
  });
});

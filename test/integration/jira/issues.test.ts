import { route } from '@forge/api';
import { APP_ACCOUNT_ID } from '../../../sandbox';
import { ALICE, OMAR, VIC, ADA, startJiraSite, type JiraSiteHarness } from './jira-harness';

const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('Jira issues through the real @forge/api', () => {
  let site: JiraSiteHarness;

  beforeEach(async () => {
    site = await startJiraSite();
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  async function create(as: string, fields: Record<string, unknown>) {
    return site.call(as, 'POST', route`/rest/api/3/issue`, { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, ...fields } });
  }

  it('creates an issue (201 with id, key, self) and reads it back with Jira-formatted fields', async () => {
    const created = await create(ALICE, { summary: 'Kick-off', description: doc('Agenda'), labels: ['crm'], duedate: '2026-11-20' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: '10000', key: 'DEL-1', self: expect.stringMatching(/\/rest\/api\/3\/issue\/10000$/) });

    const read = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}`);
    expect(read.status).toBe(200);
    expect(read.body.key).toBe('DEL-1');
    expect(read.body.fields).toMatchObject({
      summary: 'Kick-off',
      description: doc('Agenda'),
      labels: ['crm'],
      duedate: '2026-11-20',
      status: { name: 'To Do', id: '10000', statusCategory: { key: 'new' } },
      issuetype: { name: 'Task', id: '10001' },
      project: { key: 'DEL', name: 'Delivery' },
      reporter: { accountId: ALICE, displayName: 'Alice Worker' },
      assignee: null,
      created: '2026-11-02T09:00:00.000+0000',
    });

    const some = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}?fields=${'summary,status'}`);
    expect(Object.keys(some.body.fields).sort()).toEqual(['status', 'summary']);
  });

  it('refuses invalid fields with per-field errors, as Jira does', async () => {
    const answer = await create(ALICE, { summary: '', description: 'plain text', customfield_10010: 'x' });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual({
      summary: 'You must specify a summary of the issue.',
      description: 'Operation value must be an Atlassian Document (see the Atlassian Document Format)',
      customfield_10010: "Field 'customfield_10010' cannot be set. It is not on the appropriate screen, or unknown.",
    });
    const badType = await create(ALICE, { summary: 'x', issuetype: { name: 'Saga' } });
    expect(badType.body.errors).toEqual({ issuetype: 'The issue type selected is invalid.' });
  });

  it('edits (204), transitions by id (11/21/31) and records both in the changelog', async () => {
    await create(ALICE, { summary: 'First' });
    site.clock.advance(60_000);
    // Only people holding Assignable User can be assignees (assignable.test.ts).
    site.sandbox.jira.grant(VIC, 'DEL', ['ASSIGNABLE_USER']);
    const edit = await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}`, { fields: { summary: 'Second', assignee: { accountId: VIC } } });
    expect(edit.status).toBe(204);

    const transitions = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/transitions`);
    expect(transitions.body.transitions.map((t: { id: string; name: string }) => `${t.id}:${t.name}`)).toEqual(['21:In Progress', '31:Done']);
    const moved = await site.call(ALICE, 'POST', route`/rest/api/3/issue/${'DEL-1'}/transitions`, { transition: { id: '31' } });
    expect(moved.status).toBe(204);
    const wrong = await site.call(ALICE, 'POST', route`/rest/api/3/issue/${'DEL-1'}/transitions`, { transition: { id: '31' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errorMessages).toEqual(["Transition id '31' is not valid for this issue."]);

    const read = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}?expand=changelog`);
    expect(read.body.fields.summary).toBe('Second');
    expect(read.body.fields.assignee.accountId).toBe(VIC);
    expect(read.body.fields.status.statusCategory.key).toBe('done');
    expect(read.body.fields.updated).toBe('2026-11-02T09:01:00.000+0000');
    const items = read.body.changelog.histories.flatMap((h: { items: Array<{ field: string }> }) => h.items.map((i) => i.field));
    expect(items).toEqual(['summary', 'assignee', 'status']);
  });

  it('deletes an issue (204); afterwards it is a 404', async () => {
    await create(ALICE, { summary: 'Doomed' });
    expect((await site.call(ALICE, 'DELETE', route`/rest/api/3/issue/${'DEL-1'}`)).status).toBe(204);
    const gone = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}`);
    expect(gone.status).toBe(404);
    expect(site.sandbox.jira.listIssues('DEL')).toEqual([]);
  });

  describe('permissions', () => {
    beforeEach(async () => {
      await create(ALICE, { summary: 'Secret plan' });
    });

    it('hides issues from a user without Browse Projects (404, Jira’s wording)', async () => {
      const answer = await site.call(OMAR, 'GET', route`/rest/api/3/issue/${'DEL-1'}`);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      const edit = await site.call(OMAR, 'PUT', route`/rest/api/3/issue/${'DEL-1'}`, { fields: { summary: 'x' } });
      expect(edit.status).toBe(404);
    });

    it('lets a browser read but not edit, transition or delete (403)', async () => {
      expect((await site.call(VIC, 'GET', route`/rest/api/3/issue/${'DEL-1'}`)).status).toBe(200);
      const edit = await site.call(VIC, 'PUT', route`/rest/api/3/issue/${'DEL-1'}`, { fields: { summary: 'x' } });
      expect(edit.status).toBe(403);
      expect(edit.body.errorMessages).toEqual(['You do not have permission to edit issues in this project.']);
      expect((await site.call(VIC, 'POST', route`/rest/api/3/issue/${'DEL-1'}/transitions`, { transition: { id: '21' } })).status).toBe(403);
      const del = await site.call(VIC, 'DELETE', route`/rest/api/3/issue/${'DEL-1'}`);
      expect(del.status).toBe(403);
      expect(del.body.errorMessages).toEqual(['You do not have permission to delete issues in this project.']);
      expect((await create(VIC, { summary: 'nope' })).status).toBe(403);
      expect(site.sandbox.jira.listIssues('DEL').map((i) => i.summary)).toEqual(['Secret plan']);
    });

    it('lets a site admin browse every project, but project permissions still come from grants', async () => {
      expect((await site.call(ADA, 'GET', route`/rest/api/3/issue/${'DEL-1'}`)).status).toBe(200);
      expect((await site.call(ADA, 'PUT', route`/rest/api/3/issue/${'DEL-1'}`, { fields: { summary: 'x' } })).status).toBe(403);
    });

    it('lets the app (asApp) see and change everything', async () => {
      const edit = await site.call('app', 'PUT', route`/rest/api/3/issue/${'DEL-1'}`, { fields: { labels: ['by-app'] } });
      expect(edit.status).toBe(204);
      const created = await site.call('app', 'POST', route`/rest/api/3/issue`, { fields: { project: { key: 'CS' }, issuetype: { name: 'Task' }, summary: 'From the app' } });
      expect(created.body.key).toBe('CS-1');
      expect(site.sandbox.jira.listIssues('CS')[0]).toMatchObject({ key: 'CS-1', status: 'To Do' });
    });
  });

  describe('issue events', () => {
    it('emits created, updated (with changelog) and deleted, with the acting account', async () => {
      await create(ALICE, { summary: 'Evented' });
      await site.call('app', 'POST', route`/rest/api/3/issue/${'DEL-1'}/transitions`, { transition: { id: '21' } });
      await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}`, { fields: { summary: 'Renamed' } });
      await site.call(ALICE, 'DELETE', route`/rest/api/3/issue/${'DEL-1'}`);

      expect(site.events.map((e) => `${e.eventType}:${e.atlassianId}`)).toEqual([
        `avi:jira:created:issue:${ALICE}`,
        `avi:jira:updated:issue:${APP_ACCOUNT_ID}`,
        `avi:jira:updated:issue:${ALICE}`,
        `avi:jira:deleted:issue:${ALICE}`,
      ]);
      expect(site.events[1]!.changelog!.items).toEqual([{ field: 'status', fieldId: 'status', from: '10000', fromString: 'To Do', to: '3', toString: 'In Progress' }]);
      expect(site.events[2]!.changelog!.items).toEqual([{ field: 'summary', fieldId: 'summary', from: null, fromString: 'Evented', to: null, toString: 'Renamed' }]);
      expect(site.events[0]!.issue).toMatchObject({ id: '10000', key: 'DEL-1', fields: { summary: 'Evented' } });
      expect(site.events[0]!.timestamp).toBe(site.clock.now());
    });

    it('emits the same events for admin changes, and none for an edit that changes nothing', async () => {
      const { key } = site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Admin made' });
      site.sandbox.jira.editIssue(ALICE, key, { summary: 'Admin made' });
      site.sandbox.jira.transitionIssue(ALICE, key, 'Done');
      expect(site.events.map((e) => e.eventType)).toEqual(['avi:jira:created:issue', 'avi:jira:updated:issue']);
      expect(site.events[1]!.changelog!.items[0]).toMatchObject({ field: 'status', toString: 'Done' });
      expect(() => site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: '' })).toThrow('You must specify a summary of the issue.');
    });
  });

  it('keeps the hierarchy: a task under an epic shows its parent; a sub-task needs a parent', async () => {
    const epic = site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Epic', summary: 'Epic' });
    const child = await create(ALICE, { summary: 'Child', parent: { key: epic.key } });
    expect(child.status).toBe(201);
    const read = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${child.body.key as string}?fields=parent`);
    expect(read.body.fields.parent).toMatchObject({ key: 'DEL-1', fields: { summary: 'Epic', issuetype: { name: 'Epic' } } });
    const orphan = await create(ALICE, { summary: 'Sub', issuetype: { name: 'Sub-task' } });
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors.parent).toBeDefined();
  });
});

import { route } from '@forge/api';
import { APP_ACCOUNT_ID } from '../../../sandbox';
import { editCrmPermissionKey } from '../../../sandbox/demo/seed';
import { JiraService } from '../../../sandbox/jira/jira-service';
import { ManualClock } from '../../../sandbox/platform/types';
import { ADA, ALICE, OMAR, VIC, startJiraSite, type JiraSiteHarness } from './jira-harness';

describe('the Jira site: users, projects, permissions, limits and state', () => {
  let site: JiraSiteHarness;

  beforeEach(async () => {
    site = await startJiraSite();
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  it('answers /myself for the user and for the app account', async () => {
    const me = await site.call(ALICE, 'GET', route`/rest/api/3/myself`);
    expect(me.body).toMatchObject({ accountId: ALICE, displayName: 'Alice Worker', emailAddress: 'alice@example.com', accountType: 'atlassian', active: true });
    const app = await site.call('app', 'GET', route`/rest/api/3/myself`);
    expect(app.body).toMatchObject({ accountId: APP_ACCOUNT_ID, accountType: 'app' });
    const other = await site.call(VIC, 'GET', route`/rest/api/3/user?accountId=${ALICE}`);
    expect(other.body.displayName).toBe('Alice Worker');
    expect(other.body.emailAddress).toBeUndefined();
  });

  it('answers /user/bulk with the named users as a page, leaving unknown ids out and paging from 10', async () => {
    const ids = new URLSearchParams();
    for (const id of [ALICE, VIC, 'no-such-account', ALICE]) ids.append('accountId', id);
    const some = await site.call(VIC, 'GET', route`/rest/api/3/user/bulk?${ids}&maxResults=${50}`);
    expect(some.status).toBe(200);
    expect(some.body).toMatchObject({ startAt: 0, maxResults: 50, total: 2, isLast: true });
    expect(some.body.values.map((u: { displayName: string }) => u.displayName)).toEqual(['Alice Worker', 'Vic Viewer']);
    expect(some.body.values[0].avatarUrls['48x48']).toEqual(expect.any(String));
    expect(some.body.values[0].emailAddress).toBeUndefined();

    const many = new URLSearchParams();
    for (let i = 0; i < 12; i += 1) {
      const accountId = `5b10ac8d82e05b22cc7d4f${String(i).padStart(2, '0')}`;
      site.sandbox.jira.addUser({ accountId, displayName: `Person ${i}` });
      many.append('accountId', accountId);
    }
    const first = await site.call(ALICE, 'GET', route`/rest/api/3/user/bulk?${many}`);
    expect(first.body).toMatchObject({ maxResults: 10, total: 12, isLast: false });
    expect(first.body.values).toHaveLength(10);
    const rest = await site.call(ALICE, 'GET', route`/rest/api/3/user/bulk?${many}&startAt=${10}`);
    expect(rest.body).toMatchObject({ total: 12, isLast: true });
    expect(rest.body.values).toHaveLength(2);

    const none = await site.call(ALICE, 'GET', route`/rest/api/3/user/bulk`);
    expect(none.status).toBe(400);
    const tooMany = new URLSearchParams();
    for (let i = 0; i < 91; i += 1) tooMany.append('accountId', `a${i}`);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/user/bulk?${tooMany}`)).status).toBe(400);
  });

  it('names the holders of a project permission to Jira admins, project admins and the app only', async () => {
    site.sandbox.jira.grant(VIC, 'DEL', ['ADMINISTER_PROJECTS']);
    const asApp = await site.call('app', 'GET', route`/rest/api/3/user/permission/search?permissions=${'ADMINISTER_PROJECTS'}&projectKey=${'DEL'}`);
    expect(asApp.status).toBe(200);
    // The app's own account holds every permission (as Forge apps' users do through their group), so it is listed too.
    expect(asApp.body.map((u: { accountId: string }) => u.accountId).sort()).toEqual([VIC, APP_ACCOUNT_ID].sort());
    const asProjectAdmin = await site.call(VIC, 'GET', route`/rest/api/3/user/permission/search?permissions=${'BROWSE_PROJECTS'}&projectKey=${'DEL'}`);
    expect(asProjectAdmin.body.map((u: { accountId: string }) => u.accountId).sort()).toEqual([ALICE, VIC, ADA, APP_ACCOUNT_ID].sort());
    const asWorker = await site.call(ALICE, 'GET', route`/rest/api/3/user/permission/search?permissions=${'ADMINISTER_PROJECTS'}&projectKey=${'DEL'}`);
    expect(asWorker.status).toBe(403);
    const hidden = await site.call(OMAR, 'GET', route`/rest/api/3/user/permission/search?permissions=${'ADMINISTER_PROJECTS'}&projectKey=${'DEL'}`);
    expect(hidden.status).toBe(404);
    const noProject = await site.call('app', 'GET', route`/rest/api/3/user/permission/search?permissions=${'ADMINISTER_PROJECTS'}`);
    expect(noProject.status).toBe(400);
  });

  it('lists only browsable projects, paged, and 404s the others', async () => {
    const vic = await site.call(VIC, 'GET', route`/rest/api/3/project/search`);
    expect(vic.body).toMatchObject({ startAt: 0, total: 1, isLast: true, values: [{ key: 'DEL' }] });
    const app = await site.call('app', 'GET', route`/rest/api/3/project/search?maxResults=${1}`);
    expect(app.body).toMatchObject({ total: 2, isLast: false, maxResults: 1, values: [{ key: 'CS' }] });
    const hidden = await site.call(VIC, 'GET', route`/rest/api/3/project/${'CS'}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.errorMessages).toEqual(["No project could be found with key 'CS'."]);
    const project = await site.call(VIC, 'GET', route`/rest/api/3/project/${'DEL'}`);
    expect(project.body).toMatchObject({ key: 'DEL', name: 'Delivery', projectTypeKey: 'software', lead: { accountId: ALICE } });
    const statuses = await site.call(VIC, 'GET', route`/rest/api/3/project/${'DEL'}/statuses`);
    expect(statuses.body[0].statuses.map((s: { name: string }) => s.name)).toEqual(['To Do', 'In Progress', 'Done']);
  });

  describe('/mypermissions', () => {
    it('requires the permissions parameter', async () => {
      expect((await site.call(ALICE, 'GET', route`/rest/api/3/mypermissions?projectKey=${'DEL'}`)).status).toBe(400);
    });

    it('reports project permissions per project, and in any project without one', async () => {
      const inDel = await site.call(VIC, 'GET', route`/rest/api/3/mypermissions?projectKey=${'DEL'}&permissions=${'BROWSE_PROJECTS,EDIT_ISSUES'}`);
      expect(inDel.body.permissions.BROWSE_PROJECTS).toEqual({ id: '10', key: 'BROWSE_PROJECTS', name: 'Browse Projects', type: 'PROJECT', description: expect.any(String), havePermission: true });
      expect(inDel.body.permissions.EDIT_ISSUES.havePermission).toBe(false);
      const anywhere = await site.call(OMAR, 'GET', route`/rest/api/3/mypermissions?permissions=${'EDIT_ISSUES,ADMINISTER'}`);
      expect(anywhere.body.permissions.EDIT_ISSUES.havePermission).toBe(true);
      expect(anywhere.body.permissions.ADMINISTER.havePermission).toBe(false);
      const admin = await site.call(ADA, 'GET', route`/rest/api/3/mypermissions?permissions=${'ADMINISTER'}`);
      expect(admin.body.permissions.ADMINISTER.havePermission).toBe(true);
    });

    it('accepts the app’s own project permission (its extension ARI)', async () => {
      const key = editCrmPermissionKey(site.sandbox);
      site.sandbox.jira.grant(ALICE, 'DEL', [key]);
      const alice = await site.call(ALICE, 'GET', route`/rest/api/3/mypermissions?projectKey=${'DEL'}&permissions=${key}`);
      expect(alice.status).toBe(200);
      expect(alice.body.permissions[key]).toMatchObject({ key, type: 'PROJECT', havePermission: true });
      const vic = await site.call(VIC, 'GET', route`/rest/api/3/mypermissions?projectKey=${'DEL'}&permissions=${key}`);
      expect(vic.body.permissions[key].havePermission).toBe(false);
      site.sandbox.jira.revoke(ALICE, 'DEL', [key]);
      const revoked = await site.call(ALICE, 'GET', route`/rest/api/3/mypermissions?projectKey=${'DEL'}&permissions=${key}`);
      expect(revoked.body.permissions[key].havePermission).toBe(false);
      const unknown = await site.call(ALICE, 'GET', route`/rest/api/3/mypermissions?permissions=${'FLY'}`);
      expect(unknown.status).toBe(400);
    });
  });

  it('answers 404 for unknown routes and 400 for a body that is not JSON', async () => {
    const unknown = await site.call(ALICE, 'GET', route`/rest/api/3/nothing/here`);
    expect(unknown.status).toBe(404);
    site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'x' });
    const bad = await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}`, undefined, '{"fields": ');
    expect(bad.status).toBe(400);
    expect(bad.body.errorMessages).toHaveLength(1);
  });

  it('rate limits with 429 and Retry-After, and recovers when the window has passed', async () => {
    site.sandbox.jira.setRateLimit({ limit: 2, windowMs: 10_000 });
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      statuses.push((await site.call(ALICE, 'GET', route`/rest/api/3/myself`)).status);
      site.clock.advance(1_000);
    }
    const limited = await site.call(ALICE, 'GET', route`/rest/api/3/myself`);
    expect(statuses).toEqual([200, 200]);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('8');
    expect(limited.body).toEqual({ errorMessages: ['Rate limit exceeded.'], errors: {} });
    site.clock.advance(8_000);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/myself`)).status).toBe(200);
    site.sandbox.jira.setRateLimit(null);
    for (let i = 0; i < 5; i++) expect((await site.call(ALICE, 'GET', route`/rest/api/3/myself`)).status).toBe(200);
  });

  it('exports a deep copy and imports it into another service, round trip', async () => {
    const { jira } = site.sandbox;
    const { key } = jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Persisted', labels: ['keep'] });
    await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${key}/properties/${'relay-deal'}`, { dealId: 'd-1' });
    const exported = jira.exportState() as { issues: Record<string, { summary: string }> };
    exported.issues['10000']!.summary = 'mutated copy';
    expect(jira.listIssues('DEL')[0]!.summary).toBe('Persisted');

    const copy = new JiraService({ clock: new ManualClock(), appAccountId: APP_ACCOUNT_ID });
    copy.importState(JSON.parse(JSON.stringify(jira.exportState())));
    expect(copy.exportState()).toEqual(jira.exportState());
    expect(copy.listIssues()).toEqual(jira.listIssues());
    const next = copy.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Next' });
    expect(next.key).toBe('DEL-2');
    const read = await copy.handle({ method: 'GET', path: `/rest/api/3/issue/${key}/properties/relay-deal`, headers: {}, caller: { kind: 'user', accountId: ALICE } });
    expect(read.body).toEqual({ key: 'relay-deal', value: { dealId: 'd-1' } });
    expect(() => copy.importState({ format: 2 })).toThrow(/format 1/);

    copy.reset();
    expect(copy.listIssues()).toEqual([]);
    expect(copy.listUsers().map((u) => u.accountType)).toEqual(['app']);
  });
});

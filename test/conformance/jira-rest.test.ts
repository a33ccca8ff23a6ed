import type * as Cloud from 'jira.js/cloud';
import type * as Core from 'jira.js/core';
import { jiraMismatch } from '../support/jira-conformance';
import { startCrm, USERS, type Crm } from '../integration/crm/crm-harness';
import { startJiraListener } from './jira-listener';

/* eslint-disable @typescript-eslint/no-require-imports */
// jira.js is ESM with entry points only; its modules are loaded by path (jest.config.js maps them).
const jira = {
  ...(require('jira.js/dist/cloud/api/issues.js') as object),
  ...(require('jira.js/dist/cloud/api/projects.js') as object),
  ...(require('jira.js/dist/cloud/api/permissions.js') as object),
  ...(require('jira.js/dist/cloud/api/issueSearch.js') as object),
  ...(require('jira.js/dist/cloud/api/issueProperties.js') as object),
  ...(require('jira.js/dist/cloud/api/issueRemoteLinks.js') as object),
  ...(require('jira.js/dist/cloud/api/myself.js') as object),
  ...(require('jira.js/dist/cloud/api/users.js') as object),
  ...(require('jira.js/dist/cloud/api/userSearch.js') as object),
} as typeof Cloud;
const { createClient } = require('jira.js/dist/core/index.js') as typeof Core;
/* eslint-enable @typescript-eslint/no-require-imports */

type Client = ReturnType<typeof createClient>;

/**
 * The sandbox's Jira driven by an independent Jira Cloud client, jira.js (its own HTTP client, and
 * its zod schemas of every answer, with schema mismatches thrown), for every endpoint Relay calls
 * and the documented error cases of each. sandbox/README.md lists the endpoints: faithful or
 * deliberately simplified.
 */
describe('the sandbox’s Jira as jira.js sees it', () => {
  let crm: Crm;
  let listener: Awaited<ReturnType<typeof startJiraListener>>;
  let as: (who: 'app' | keyof typeof USERS) => Client;

  beforeEach(async () => {
    crm = await startCrm();
    listener = await startJiraListener(crm.sandbox);
    as = (who) => createClient({ host: listener.url, auth: { type: 'bearer', token: who === 'app' ? 'app' : USERS[who] }, onSchemaMismatch: 'throw' });
  });
  afterEach(async () => {
    await listener.close();
    await crm.close();
  });

  const createTask = (summary = 'Kick-off') =>
    jira.createIssue(as('app'), { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary } });

  it('reads a project as the user, and answers 404 with Jira’s error body for one they cannot browse', async () => {
    const project = await jira.getProject(as('sam'), { projectIdOrKey: 'SALES' });
    expect(project).toMatchObject({ key: 'SALES', name: 'Sales' });
    await expect(jira.getProject(as('omar'), { projectIdOrKey: 'SALES' })).rejects.toMatchObject({ status: 404, body: { errorMessages: ["No project could be found with key 'SALES'."], errors: {} } });
  });

  it('answers /mypermissions per project and per issue, and 400 without the permissions parameter or for an unknown key', async () => {
    const project = await jira.getProject(as('sam'), { projectIdOrKey: 'SALES' });
    const mine = await jira.getMyPermissions(as('sam'), { projectId: project.id!, permissions: 'BROWSE_PROJECTS,ADMINISTER_PROJECTS' });
    expect(mine.permissions?.BROWSE_PROJECTS).toMatchObject({ key: 'BROWSE_PROJECTS', havePermission: true });
    expect(mine.permissions?.ADMINISTER_PROJECTS).toMatchObject({ havePermission: false });
    const issue = await createTask();
    expect((await jira.getMyPermissions(as('dana'), { issueKey: issue.key!, permissions: 'EDIT_ISSUES' })).permissions?.EDIT_ISSUES?.havePermission).toBe(true);
    await expect(jira.getMyPermissions(as('sam'), {})).rejects.toMatchObject({ status: 400, body: { errors: {} } });
    await expect(jira.getMyPermissions(as('sam'), { permissions: 'NO_SUCH_THING' })).rejects.toMatchObject({ status: 400 });
  });

  it('answers the bulk permission check per project for the caller, 403 for another user without Administer Jira, and 400 for unknown keys or per-issue checks', async () => {
    const [sales, delivery] = await Promise.all([jira.getProject(as('app'), { projectIdOrKey: 'SALES' }), jira.getProject(as('app'), { projectIdOrKey: 'DEL' })]);
    const projects = [Number(sales.id), Number(delivery.id)];
    const grants = await jira.getBulkPermissions(as('sam'), { projectPermissions: [{ permissions: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS'], projects }] });
    expect(grants.projectPermissions).toEqual([
      { permission: 'BROWSE_PROJECTS', issues: [], projects: [Number(sales.id)] },
      { permission: 'ADMINISTER_PROJECTS', issues: [], projects: [] },
    ]);
    await expect(jira.getBulkPermissions(as('sam'), { accountId: USERS.alice, projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects }] })).rejects.toMatchObject({ status: 403, body: { errorMessages: [expect.any(String)] } });
    await expect(jira.getBulkPermissions(as('sam'), { projectPermissions: [{ permissions: ['NO_SUCH_THING'], projects }] })).rejects.toMatchObject({ status: 400 });
    await expect(jira.getBulkPermissions(as('sam'), { projectPermissions: [{ permissions: ['EDIT_ISSUES'], issues: [10001] }] })).rejects.toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining("does not support 'issues'")] } });
  });

  it('names people in bulk (a page of users, unknown ids left out) and lists a project’s holders of permissions for its admins only', async () => {
    // jira.js 6.2 has no client function for GET /user/bulk: a plain request, checked against its PageUser schema.
    const bulk = await fetch(`${listener.url}/rest/api/3/user/bulk?accountId=${USERS.sam}&accountId=${USERS.dana}&accountId=nobody&maxResults=10`, { headers: { authorization: `Bearer ${USERS.alice}` } });
    const page = (await bulk.json()) as { values: Array<{ accountId: string }>; total: number; isLast: boolean };
    expect(jiraMismatch({ method: 'GET', path: '/rest/api/3/user/bulk' }, { status: bulk.status, body: page })).toBeUndefined();
    expect(page).toMatchObject({ total: 2, isLast: true });
    expect(page.values.map((u) => u.accountId).sort()).toEqual([USERS.sam, USERS.dana].sort());
    const usernames = await fetch(`${listener.url}/rest/api/3/user/bulk?accountId=${USERS.sam}&username=sam`, { headers: { authorization: `Bearer ${USERS.alice}` } });
    expect(usernames.status).toBe(400);

    const admins = await jira.findUsersWithAllPermissions(as('alice'), { permissions: 'ADMINISTER_PROJECTS', projectKey: 'SALES' });
    expect(admins.map((u) => u.accountId)).toContain(USERS.alice);
    expect(admins.map((u) => u.accountId)).not.toContain(USERS.sam);
    expect(await jira.findUsersWithAllPermissions(as('alice'), { permissions: 'BROWSE_PROJECTS', projectKey: 'SALES', accountId: USERS.vic })).toEqual([expect.objectContaining({ accountId: USERS.vic })]);
    await expect(jira.findUsersWithAllPermissions(as('sam'), { permissions: 'ADMINISTER_PROJECTS', projectKey: 'SALES' })).rejects.toMatchObject({ status: 403, body: { errorMessages: [expect.any(String)] } });
    await expect(jira.findUsersWithAllPermissions(as('alice'), { permissions: 'ADMINISTER_PROJECTS' })).rejects.toMatchObject({ status: 400 });
  });

  it('creates an issue as the app (201 CreatedIssue) and answers 400 with errors keyed by field', async () => {
    const created = await createTask();
    expect(created).toMatchObject({ id: expect.any(String), key: 'DEL-1', self: expect.stringContaining('/rest/api/3/issue/') });
    await expect(jira.createIssue(as('app'), { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' } } })).rejects.toMatchObject({
      status: 400,
      body: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } },
    });
    await expect(jira.createIssue(as('app'), { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'x', environment: { type: 'doc', version: 1, content: [] } } })).rejects.toMatchObject({
      status: 400,
      body: { errors: { environment: "Field 'environment' cannot be set. It is not on the appropriate screen, or unknown." } },
    });
  });

  it('refuses a create without permission with 403, and hides issues of projects the user cannot browse with 404', async () => {
    await expect(jira.createIssue(as('vic'), { fields: { project: { key: 'SALES' }, issuetype: { name: 'Task' }, summary: 'Mine' } })).rejects.toMatchObject({
      status: 403,
      body: { errorMessages: ['You do not have permission to create issues in this project.'] },
    });
    const issue = await createTask();
    await expect(jira.getIssue(as('sam'), { issueIdOrKey: issue.key!, fields: ['summary', 'status', 'project'] })).rejects.toMatchObject({
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} },
    });
    const seen = await jira.getIssue(as('dana'), { issueIdOrKey: issue.key!, fields: ['summary', 'status', 'project'] });
    expect(Object.keys(seen.fields ?? {}).sort()).toEqual(['project', 'status', 'summary']);
  });

  it('searches with /search/jql (ids, or fields when asked) and answers 400 for JQL it cannot parse', async () => {
    const issue = await createTask('Find me');
    const page = await jira.searchAndReconsileIssuesUsingJqlPost(as('app'), { jql: 'project = DEL ORDER BY created DESC', fields: ['summary'], maxResults: 10, reconcileIssues: [Number(issue.id)] });
    expect(page.issues?.map((i) => i.fields?.summary)).toEqual(['Find me']);
    await expect(jira.searchAndReconsileIssuesUsingJqlPost(as('app'), { jql: 'project = = DEL' })).rejects.toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining('Error in the JQL Query')] } });
  });

  it('sets, reads and deletes an issue property (201, then 200; 404 when gone)', async () => {
    const issue = await createTask();
    await jira.setIssueProperty(as('app'), { issueIdOrKey: issue.key!, propertyKey: 'relay-deal', body: { dealId: 'd1' } });
    expect(await jira.getIssueProperty(as('app'), { issueIdOrKey: issue.key!, propertyKey: 'relay-deal' })).toEqual({ key: 'relay-deal', value: { dealId: 'd1' } });
    expect((await jira.getIssuePropertyKeys(as('app'), { issueIdOrKey: issue.key! })).keys?.map((k) => k.key)).toEqual(['relay-deal']);
    await jira.deleteIssueProperty(as('app'), { issueIdOrKey: issue.key!, propertyKey: 'relay-deal' });
    await expect(jira.getIssueProperty(as('app'), { issueIdOrKey: issue.key!, propertyKey: 'relay-deal' })).rejects.toMatchObject({ status: 404 });
  });

  it('creates or updates a remote link by globalId and deletes it by globalId', async () => {
    const issue = await createTask();
    const link = { globalId: 'relay:deal:d1', object: { url: 'https://example.com/deal/d1', title: 'Deal d1' } };
    const first = await jira.createOrUpdateRemoteIssueLink(as('app'), { issueIdOrKey: issue.key!, ...link });
    const again = await jira.createOrUpdateRemoteIssueLink(as('app'), { issueIdOrKey: issue.key!, ...link, object: { ...link.object, title: 'Deal d1 (won)' } });
    expect(again.id).toBe(first.id);
    expect((await jira.getRemoteIssueLinks(as('app'), { issueIdOrKey: issue.key! }))).toEqual([expect.objectContaining({ globalId: 'relay:deal:d1', object: expect.objectContaining({ title: 'Deal d1 (won)' }) })]);
    await jira.deleteRemoteIssueLinkByGlobalId(as('app'), { issueIdOrKey: issue.key!, globalId: 'relay:deal:d1' });
    expect(await jira.getRemoteIssueLinks(as('app'), { issueIdOrKey: issue.key! })).toEqual([]);
  });

  it('answers the documented errors of the write endpoints Relay uses with Jira’s error body', async () => {
    const issue = await createTask();
    await expect(jira.createOrUpdateRemoteIssueLink(as('app'), { issueIdOrKey: issue.key!, globalId: 'relay:deal:x' } as never)).rejects.toMatchObject({ status: 400, body: { errorMessages: expect.any(Array), errors: expect.any(Object) } });
    await expect(jira.setIssueProperty(as('app'), { issueIdOrKey: issue.key!, propertyKey: 'big', body: { text: 'x'.repeat(33_000) } })).rejects.toMatchObject({ status: 400 });
    await expect(jira.setIssueProperty(as('app'), { issueIdOrKey: 'DEL-999', propertyKey: 'relay-deal', body: { dealId: 'd1' } })).rejects.toMatchObject({
      status: 404,
      body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'] },
    });
    await expect(jira.createIssue(as('app'), { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' } })).rejects.toMatchObject({ status: 400, body: { errors: { project: expect.any(String) } } });
    await expect(jira.doTransition(as('app'), { issueIdOrKey: issue.key!, transition: { id: '99' } })).rejects.toMatchObject({ status: 400, body: { errorMessages: ["Transition id '99' is not valid for this issue."] } });
  });

  it('lists projects by name on request and pages them; lists users', async () => {
    const byName = await jira.searchProjects(as('app'), { orderBy: 'name', maxResults: 1 });
    expect(byName).toMatchObject({ total: 2, isLast: false, values: [expect.objectContaining({ name: 'Delivery' })] });
    expect((await jira.searchProjects(as('app'), { orderBy: '-name' })).values?.map((p) => p.name)).toEqual(['Sales', 'Delivery']);
    expect((await jira.searchProjects(as('alice'), {})).values?.map((p) => p.key)).toEqual(['SALES']);
    await expect(jira.searchProjects(as('alice'), { orderBy: 'issueCount' })).rejects.toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining('does not support orderBy=issueCount')] } });
    const users = await jira.getAllUsers(as('alice'), { maxResults: 200 });
    expect(users.map((u) => u.accountId)).toEqual(expect.arrayContaining(Object.values(USERS)));
    expect((await jira.getCurrentUser(as('sam'))).accountId).toBe(USERS.sam);
    // The hand-off asks who may be assigned in the target project (a user with Assignable User there).
    expect((await jira.findAssignableUsers(as('alice'), { project: 'SALES', accountId: USERS.sam })).map((u) => u.accountId)).toEqual([USERS.sam]);
    expect(await jira.findAssignableUsers(as('alice'), { project: 'SALES', accountId: USERS.omar })).toEqual([]);
    await expect(jira.findAssignableUsers(as('alice'), { project: 'SALES', recommend: true })).rejects.toMatchObject({ status: 400 });
  });

  it('applies update verbs on edit, returns the issue when asked, expands names, and refuses what it does not emulate by name', async () => {
    const issue = await createTask();
    await jira.editIssue(as('app'), { issueIdOrKey: issue.key!, update: { labels: [{ add: 'relay' }, { add: 'handoff' }] } });
    await jira.editIssue(as('app'), { issueIdOrKey: issue.key!, update: { labels: [{ remove: 'relay' }], summary: [{ set: 'Kick-off call' }] } });
    const returned = (await jira.editIssue(as('app'), { issueIdOrKey: issue.key!, fields: { duedate: '2026-12-01' }, returnIssue: true, expand: 'names' })) as unknown as { fields: Record<string, unknown>; names: Record<string, string> };
    expect(returned.fields).toMatchObject({ labels: ['handoff'], summary: 'Kick-off call', duedate: '2026-12-01' });
    expect(returned.names.duedate).toBe('Due date');
    await expect(jira.editIssue(as('app'), { issueIdOrKey: issue.key!, update: { summary: [{ add: 'x' }] } })).rejects.toMatchObject({ status: 400, body: { errors: { summary: expect.stringContaining("does not support the operation 'add'") } } });
    await expect(jira.getIssue(as('app'), { issueIdOrKey: issue.key!, expand: 'renderedFields' })).rejects.toMatchObject({ status: 400, body: { errorMessages: [expect.stringContaining('does not support expand=renderedFields')] } });
    await expect(jira.editIssue(as('app'), { issueIdOrKey: issue.key!, fields: { summary: 'x' }, overrideScreenSecurity: true })).rejects.toMatchObject({ status: 400 });
    const plainText = await fetch(`${listener.url}/rest/api/3/issue/${issue.key!}`, { method: 'PUT', headers: { authorization: 'Bearer app', 'content-type': 'text/plain' }, body: '{"fields":{"summary":"x"}}' });
    expect(plainText.status).toBe(415);
    expect((await jira.getIssue(as('app'), { issueIdOrKey: issue.key! })).fields?.summary).toBe('Kick-off call');
  });

  it('answers 429 with Retry-After once the app’s hourly points are spent', async () => {
    crm.sandbox.jira.setPointsQuota({ pointsPerHour: 4 });
    for (let i = 0; i < 2; i += 1) await jira.getCurrentUser(as('app')); // 2 points each: the call and its one object
    const refused = await jira.getCurrentUser(as('app')).catch((error: unknown) => error as { status: number; retryAfterMs?: number });
    expect(refused).toMatchObject({ status: 429 });
    expect(refused.retryAfterMs).toBeGreaterThan(3_000_000);
  });
});

describe('the conformance check itself', () => {
  it('flags an answer that leaves Jira Cloud’s documented shape', () => {
    expect(jiraMismatch({ method: 'GET', path: '/rest/api/3/issue/DEL-1' }, { status: 200, body: { id: 10001, key: 'DEL-1' } })).toMatch(/GET \/rest\/api\/3\/issue\/DEL-1 → 200: id/);
    expect(jiraMismatch({ method: 'GET', path: '/rest/api/3/issue/DEL-1' }, { status: 404, body: { errorMessages: 'Issue does not exist' } })).toMatch(/ErrorCollection/);
    expect(jiraMismatch({ method: 'PUT', path: '/rest/api/3/issue/DEL-1' }, { status: 204, body: { id: '1' } })).toMatch(/documents no body/);
    expect(jiraMismatch({ method: 'GET', path: '/rest/api/3/issue/DEL-1' }, { status: 200, body: { id: '10001', key: 'DEL-1', fields: {} } })).toBeUndefined();
  });
});

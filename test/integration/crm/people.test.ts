import { Calls } from '../../../src/contracts/calls';
import { errorOf, startCrm, USERS, type Crm } from './crm-harness';

/** Jira requests of the last resolver invocation, per `METHOD /path`. */
function lastJiraRequests(crm: Crm): Record<string, number> {
  const last = crm.sandbox.platform.invocations.at(-1);
  if (!last) throw new Error('No invocation was recorded');
  return last.cost.jiraByRoute;
}

describe('people as Jira shows them', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
  });
  afterEach(() => crm.close());

  it('resolves every id a screen names with one Jira user/bulk request, unknown ids as former users and Relay left out', async () => {
    crm.sandbox.jira.addUser({ accountId: '5b10ac8d82e05b22cc7d4e99', displayName: 'Rita Renamed' });
    const ids = [USERS.sam, USERS.alice, USERS.sam, 'deleted-account-1', 'relay', '5b10ac8d82e05b22cc7d4e99', USERS.vic, USERS.dana, USERS.omar, USERS.sam, USERS.alice, USERS.vic];
    const answer = await crm.ok('vic', Calls.people.resolve, { accountIds: ids });
    expect(answer.people.map((p) => [p.accountId, p.displayName])).toEqual([
      [USERS.sam, 'sam'],
      [USERS.alice, 'alice'],
      ['deleted-account-1', null],
      ['5b10ac8d82e05b22cc7d4e99', 'Rita Renamed'],
      [USERS.vic, 'vic'],
      [USERS.dana, 'dana'],
      [USERS.omar, 'omar'],
    ]);
    expect(answer.people[0]?.avatarUrl).toMatch(/^https:\/\//);
    const jira = lastJiraRequests(crm);
    expect(Object.entries(jira).filter(([path]) => path.includes('/user'))).toEqual([['GET /rest/api/3/user/bulk', 1]]);
  });

  it('answers an id that is only blanks as a former user, without asking Jira (fuzz: user/bulk answered 400, the call INTERNAL)', async () => {
    expect((await crm.ok('vic', Calls.people.resolve, { accountIds: [' '] })).people).toEqual([expect.objectContaining({ accountId: ' ', displayName: null })]);
    const answer = await crm.ok('vic', Calls.people.resolve, { accountIds: ['  ', USERS.sam] });
    expect(answer.people.map((p) => [p.accountId, p.displayName])).toEqual([['  ', null], [USERS.sam, 'sam']]);
  });

  it('refuses more ids than one Jira request takes, with a field error', async () => {
    const ids = Array.from({ length: 91 }, (_, i) => `acc-${i}`);
    const error = errorOf(await crm.call('sam', Calls.people.resolve, { accountIds: ids }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields?.[0]?.path).toBe('accountIds');
  });

  it('names a project’s admins to anyone who can browse it, and nothing to anyone else', async () => {
    const admins = await crm.ok('vic', Calls.projects.admins, { projectKey: 'SALES' });
    expect(admins).toEqual({ projectKey: 'SALES', admins: [expect.objectContaining({ accountId: USERS.alice, displayName: 'alice' })] });
    expect(errorOf(await crm.call('omar', Calls.projects.admins, { projectKey: 'SALES' })).code).toBe('NOT_FOUND');
  });

  it('tells the project page who may create companies and contacts: Edit CRM records in any project', async () => {
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    await crm.ok('dana', Calls.pipelines.enable, { projectKey: 'DEL' }, 'DEL');
    crm.sandbox.jira.grant(USERS.sam, 'DEL', ['BROWSE_PROJECTS']);
    expect(await crm.ok('sam', Calls.projects.context, { projectKey: 'DEL' }, 'DEL')).toMatchObject({ canEdit: false, canAdmin: false, canEditShared: true });
    expect(await crm.ok('vic', Calls.projects.context, { projectKey: 'SALES' })).toMatchObject({ canEdit: false, canEditShared: false });
  });
});

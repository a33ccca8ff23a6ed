import { route } from '@forge/api';
import { ALICE, startJiraSite, WORK, type JiraSiteHarness } from './jira-harness';

const cannotSet = (field: string) => `Field '${field}' cannot be set. It is not on the appropriate screen, or unknown.`;

/** Jira answers 400 for a field that is not on the project's create or edit screen (sandbox/jira/README.md). */
describe('create and edit screens', () => {
  let site: JiraSiteHarness;
  beforeEach(async () => {
    site = await startJiraSite();
    site.sandbox.jira.addProject({ key: 'SUP', name: 'Support', leadAccountId: ALICE, screens: { create: ['description', 'labels'], edit: ['labels', 'duedate'] } });
    site.sandbox.jira.grant(ALICE, 'SUP', WORK);
  });
  afterEach(() => site.sandbox.close());

  const create = (fields: Record<string, unknown>) => site.call('app', 'POST', route`/rest/api/3/issue`, { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Call back', ...fields } });

  it('refuses on create a field the create screen lacks, naming it, and creates nothing', async () => {
    const refused = await create({ duedate: '2026-12-01', labels: ['vip'] });
    expect(refused).toMatchObject({ status: 400, body: { errorMessages: [], errors: { duedate: cannotSet('duedate') } } });
    expect(site.sandbox.jira.listIssues('SUP')).toEqual([]);
    expect((await create({ labels: ['vip'] })).status).toBe(201);
  });

  it('takes on edit what the edit screen holds, in fields or update verbs, and refuses the rest', async () => {
    const { key } = (await create({})).body as { key: string };
    expect((await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${key}`, { fields: { duedate: '2026-12-01' }, update: { labels: [{ add: 'vip' }] } })).status).toBe(204);
    const doc = { type: 'doc', version: 1, content: [] };
    const refused = await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${key}`, { fields: { summary: 'Renamed' }, update: { description: [{ set: doc }] } });
    expect(refused).toMatchObject({ status: 400, body: { errors: { description: cannotSet('description') } } });
    expect(site.sandbox.jira.listIssues('SUP')[0]!.summary).toBe('Call back');
  });

  it('keeps Jira’s default screens (every stored field) for projects that do not say, and sets no field on a transition without a screen', async () => {
    const made = await site.call('app', 'POST', route`/rest/api/3/issue`, { fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'S', duedate: '2026-12-01', labels: ['a'] } });
    expect(made.status).toBe(201);
    const key = (made.body as { key: string }).key;
    const moved = await site.call('app', 'POST', route`/rest/api/3/issue/${key}/transitions`, { transition: { id: '21' }, fields: { labels: ['b'] } });
    expect(moved).toMatchObject({ status: 400, body: { errors: { labels: cannotSet('labels') } } });
    expect(site.sandbox.jira.listIssues('DEL')[0]!.status).toBe('To Do');
  });
});

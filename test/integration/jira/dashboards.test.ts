import { route } from '@forge/api';
import { ALICE, OMAR, VIC, startJiraSite, type JiraSiteHarness } from './jira-harness';

/**
 * Jira's dashboards through the real @forge/api: who sees and changes a dashboard, gadgets added by
 * module key (only the installed ones), updated and removed, their item properties (owner only over
 * REST), and a Forge gadget's configuration kept with the gadget for people who may edit.
 */
describe('dashboards and their gadgets', () => {
  let site: JiraSiteHarness;

  beforeEach(async () => {
    site = await startJiraSite();
    site.sandbox.jira.registerGadgetModule('pipeline-gadget', 'Pipeline');
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  async function aliceDashboard(editPermissions: unknown[] = []): Promise<string> {
    const created = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard`, { name: 'Revenue', description: 'Quarter view', sharePermissions: [{ type: 'project', project: { id: site.sandbox.jira.listProjects().find((p) => p.key === 'DEL')!.id } }], editPermissions });
    expect(created.status).toBe(200);
    return created.body.id as string;
  }

  it('creates a dashboard the owner can edit and people who browse its shared project can see, and nobody else', async () => {
    const id = await aliceDashboard();
    const own = await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/${id}`);
    expect(own.body).toMatchObject({ id, name: 'Revenue', description: 'Quarter view', isWritable: true, owner: { accountId: ALICE, displayName: 'Alice Worker' } });
    const vic = await site.call(VIC, 'GET', route`/rest/api/3/dashboard/${id}`);
    expect(vic.status).toBe(200);
    expect(vic.body.isWritable).toBe(false);
    const omar = await site.call(OMAR, 'GET', route`/rest/api/3/dashboard/${id}`);
    expect(omar.status).toBe(404);
    expect((await site.call(OMAR, 'GET', route`/rest/api/3/dashboard`)).body).toMatchObject({ total: 0, dashboards: [] });
    expect((await site.call(VIC, 'GET', route`/rest/api/3/dashboard`)).body.dashboards.map((d: { id: string }) => d.id)).toEqual([id]);
  });

  it('refuses a dashboard without a name, a duplicate name for one owner, and unknown share types, storing nothing', async () => {
    const bad = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard`, { name: '  ', sharePermissions: [], editPermissions: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.name).toMatch(/name/);
    await aliceDashboard();
    const duplicate = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard`, { name: 'revenue', sharePermissions: [], editPermissions: [] });
    expect(duplicate.status).toBe(400);
    const group = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard`, { name: 'Other', sharePermissions: [{ type: 'group', group: { name: 'x' } }], editPermissions: [] });
    expect(group.status).toBe(400);
    expect(site.sandbox.jira.listDashboards()).toHaveLength(1);
  });

  it('adds several instances of an installed gadget, each its own, and refuses one that is not installed', async () => {
    const id = await aliceDashboard();
    const first = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'pipeline-gadget' });
    const second = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'pipeline-gadget', title: 'EMEA pipeline', color: 'green', position: { row: 0, column: 1 } });
    expect(first.body).toEqual({ id: expect.any(Number), moduleKey: 'pipeline-gadget', color: 'blue', position: { row: 0, column: 0 }, title: 'Pipeline' });
    expect(second.body).toMatchObject({ moduleKey: 'pipeline-gadget', color: 'green', position: { row: 0, column: 1 }, title: 'EMEA pipeline' });
    expect(second.body.id).not.toBe(first.body.id);
    const missing = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'not-installed' });
    expect(missing.status).toBe(400);
    const badColour = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'pipeline-gadget', color: 'pink' });
    expect(badColour.status).toBe(400);
    expect((await site.call(VIC, 'GET', route`/rest/api/3/dashboard/${id}/gadget`)).body.gadgets).toHaveLength(2);
  });

  it('lets only people who may edit add, change and remove gadgets', async () => {
    const id = await aliceDashboard();
    const added = await site.call(ALICE, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'pipeline-gadget' });
    const gadgetId = String(added.body.id);
    expect((await site.call(VIC, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'pipeline-gadget' })).status).toBe(403);
    expect((await site.call(VIC, 'DELETE', route`/rest/api/3/dashboard/${id}/gadget/${gadgetId}`)).status).toBe(403);
    expect((await site.call(OMAR, 'DELETE', route`/rest/api/3/dashboard/${id}/gadget/${gadgetId}`)).status).toBe(404);

    expect((await site.call(ALICE, 'PUT', route`/rest/api/3/dashboard/${id}/gadget/${gadgetId}`, { title: 'Renamed', color: 'red' })).status).toBe(204);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/${id}/gadget`)).body.gadgets[0]).toMatchObject({ title: 'Renamed', color: 'red' });
    expect((await site.call(ALICE, 'DELETE', route`/rest/api/3/dashboard/${id}/gadget/${gadgetId}`)).status).toBe(204);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/${id}/gadget`)).body.gadgets).toEqual([]);
  });

  it('shares editing with another user, who may then add gadgets but not delete the dashboard', async () => {
    const id = await aliceDashboard([{ type: 'user', user: { accountId: VIC } }]);
    expect((await site.call(VIC, 'GET', route`/rest/api/3/dashboard/${id}`)).body.isWritable).toBe(true);
    expect((await site.call(VIC, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'pipeline-gadget' })).status).toBe(200);
    expect((await site.call(VIC, 'DELETE', route`/rest/api/3/dashboard/${id}`)).status).toBe(403);
    expect((await site.call(ALICE, 'DELETE', route`/rest/api/3/dashboard/${id}`)).status).toBe(204);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/${id}`)).status).toBe(404);
  });

  it('keeps a gadget’s configuration with it: stored for editors, refused for viewers, readable as its item property', async () => {
    const id = await aliceDashboard([{ type: 'user', user: { accountId: VIC } }]);
    const gadgetId = String((await site.call(ALICE, 'POST', route`/rest/api/3/dashboard/${id}/gadget`, { moduleKey: 'pipeline-gadget' })).body.id);
    const jira = site.sandbox.jira;
    expect(jira.storeGadgetConfiguration(VIC, id, gadgetId, { projectKeys: ['DEL'], period: 'quarter' })).toEqual({ projectKeys: ['DEL'], period: 'quarter' });
    expect(() => jira.storeGadgetConfiguration(OMAR, id, gadgetId, { projectKeys: ['CS'] })).toThrow(/does not exist/);
    const keys = await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/${id}/items/${gadgetId}/properties`);
    expect(keys.body.keys.map((k: { key: string }) => k.key)).toEqual(['config']);
    const config = await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/${id}/items/${gadgetId}/properties/config`);
    expect(config.body).toEqual({ key: 'config', value: { projectKeys: ['DEL'], period: 'quarter' } });
    expect(jira.findGadget(gadgetId)?.gadget.properties.config).toEqual({ projectKeys: ['DEL'], period: 'quarter' });

    // Over REST, only the owner sets item properties (documented), even where others may edit.
    expect((await site.call(VIC, 'PUT', route`/rest/api/3/dashboard/${id}/items/${gadgetId}/properties/notes`, { text: 'x' })).status).toBe(403);
    expect((await site.call(ALICE, 'PUT', route`/rest/api/3/dashboard/${id}/items/${gadgetId}/properties/notes`, { text: 'x' })).status).toBe(201);
    expect((await site.call(ALICE, 'PUT', route`/rest/api/3/dashboard/${id}/items/${gadgetId}/properties/notes`, { text: 'y' })).status).toBe(200);
  });

  it('saves dashboards with the site and reads a state saved before dashboards existed as none', async () => {
    const id = await aliceDashboard();
    const saved = site.sandbox.jira.exportState() as Record<string, unknown>;
    site.sandbox.jira.importState(saved);
    expect(site.sandbox.jira.listDashboards().map((d) => d.id)).toEqual([id]);
    const { dashboards: _dropped, ...older } = saved;
    site.sandbox.jira.importState(older);
    expect(site.sandbox.jira.listDashboards()).toEqual([]);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard`)).body.total).toBe(0);
  });
  it('searches the dashboards a person may see, a page at a time, by name, owner and shared project, and lists a dashboard’s gadgets by module key', async () => {
    const shared = await aliceDashboard();
    const own = (await site.call(ALICE, 'POST', route`/rest/api/3/dashboard`, { name: 'Alice only', sharePermissions: [], editPermissions: [] })).body.id as string;
    await site.call(ALICE, 'POST', route`/rest/api/3/dashboard/${shared}/gadget`, { moduleKey: 'pipeline-gadget' });

    const all = await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/search?maxResults=1`);
    expect(all.body).toMatchObject({ startAt: 0, maxResults: 1, total: 2, isLast: false, values: [{ id: own, name: 'Alice only' }] });
    expect(all.body.values[0]).not.toHaveProperty('owner');
    expect(all.body.nextPage).toContain('startAt=1');
    const second = await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/search?startAt=1&maxResults=1&expand=owner,isWritable`);
    expect(second.body).toMatchObject({ isLast: true, values: [{ id: shared, owner: { accountId: ALICE }, isWritable: true }] });
    expect(second.body).not.toHaveProperty('nextPage');

    expect((await site.call(VIC, 'GET', route`/rest/api/3/dashboard/search`)).body.values.map((d: { id: string }) => d.id)).toEqual([shared]);
    expect((await site.call(OMAR, 'GET', route`/rest/api/3/dashboard/search`)).body).toMatchObject({ total: 0, values: [] });
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/search?dashboardName=REVEN`)).body.values.map((d: { id: string }) => d.id)).toEqual([shared]);
    const del = site.sandbox.jira.listProjects().find((p) => p.key === 'DEL')!.id;
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/search?projectId=${del}`)).body.total).toBe(1);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/search?orderBy=-name`)).body.values.map((d: { id: string }) => d.id)).toEqual([shared, own]);
    expect((await site.call(ALICE, 'GET', route`/rest/api/3/dashboard/search?orderBy=colour`)).status).toBe(400);

    expect((await site.call(VIC, 'GET', route`/rest/api/3/dashboard/${shared}/gadget?moduleKey=pipeline-gadget`)).body.gadgets).toHaveLength(1);
    expect((await site.call(VIC, 'GET', route`/rest/api/3/dashboard/${shared}/gadget?moduleKey=other`)).body.gadgets).toEqual([]);
  });
});

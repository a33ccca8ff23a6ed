import { route } from '@forge/api';
import { ALICE, VIC, startJiraSite, type JiraSiteHarness } from './jira-harness';

describe('remote links, issue links and entity properties through the real @forge/api', () => {
  let site: JiraSiteHarness;

  beforeEach(async () => {
    site = await startJiraSite();
    site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Onboard Acme' });
    site.sandbox.jira.createIssue(ALICE, { projectKey: 'DEL', issueType: 'Task', summary: 'Configure SSO' });
  });

  afterEach(async () => {
    await site.sandbox.close();
  });

  describe('remote links', () => {
    const link = (title: string) => ({ globalId: 'relay:deal:42', application: { type: 'relay', name: 'Relay' }, relationship: 'deal', object: { url: 'https://relay.example/deals/42', title } });

    it('creates (201) then updates (200) the same link when the globalId repeats', async () => {
      const first = await site.call(ALICE, 'POST', route`/rest/api/3/issue/${'DEL-1'}/remotelink`, link('Acme renewal'));
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ id: expect.any(Number), self: expect.stringContaining(`/remotelink/${first.body.id}`) });
      const second = await site.call(ALICE, 'POST', route`/rest/api/3/issue/${'DEL-1'}/remotelink`, link('Acme renewal (won)'));
      expect(second.status).toBe(200);
      expect(second.body.id).toBe(first.body.id);

      const all = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/remotelink`);
      expect(all.body).toHaveLength(1);
      expect(all.body[0]).toMatchObject({ id: first.body.id, globalId: 'relay:deal:42', relationship: 'deal', object: { title: 'Acme renewal (won)' } });
      const one = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/remotelink?globalId=${'relay:deal:42'}`);
      expect(one.body.object.url).toBe('https://relay.example/deals/42');
    });

    it('deletes by globalId and by id; a missing one is a 404', async () => {
      const a = await site.call(ALICE, 'POST', route`/rest/api/3/issue/${'DEL-1'}/remotelink`, link('A'));
      await site.call(ALICE, 'POST', route`/rest/api/3/issue/${'DEL-1'}/remotelink`, { object: { url: 'https://x.example', title: 'B' } });
      expect((await site.call(ALICE, 'DELETE', route`/rest/api/3/issue/${'DEL-1'}/remotelink?globalId=${'relay:deal:42'}`)).status).toBe(204);
      expect((await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/remotelink/${String(a.body.id)}`)).status).toBe(404);
      const rest = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/remotelink`);
      expect(rest.body.map((l: { object: { title: string } }) => l.object.title)).toEqual(['B']);
      expect((await site.call(ALICE, 'DELETE', route`/rest/api/3/issue/${'DEL-1'}/remotelink/${String(rest.body[0].id)}`)).status).toBe(204);
      expect((await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/remotelink`)).body).toEqual([]);
    });

    it('requires object.url and object.title, and edit + link permission', async () => {
      const bad = await site.call(ALICE, 'POST', route`/rest/api/3/issue/${'DEL-1'}/remotelink`, { object: { url: 'https://x.example' } });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.errors)).toEqual(['title']);
      expect((await site.call(VIC, 'POST', route`/rest/api/3/issue/${'DEL-1'}/remotelink`, link('A'))).status).toBe(403);
    });
  });

  describe('issue links', () => {
    it('links two issues (201), shows the link on both issues, reads and deletes it', async () => {
      const created = await site.call(ALICE, 'POST', route`/rest/api/3/issueLink`, { type: { name: 'Blocks' }, inwardIssue: { key: 'DEL-1' }, outwardIssue: { key: 'DEL-2' } });
      expect(created.status).toBe(201);
      const one = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}?fields=issuelinks`);
      const two = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-2'}?fields=issuelinks`);
      expect(one.body.fields.issuelinks).toEqual([expect.objectContaining({ type: expect.objectContaining({ name: 'Blocks' }), outwardIssue: expect.objectContaining({ key: 'DEL-2' }) })]);
      expect(two.body.fields.issuelinks).toEqual([expect.objectContaining({ inwardIssue: expect.objectContaining({ key: 'DEL-1' }) })]);
      const id = one.body.fields.issuelinks[0].id as string;
      const read = await site.call(VIC, 'GET', route`/rest/api/3/issueLink/${id}`);
      expect(read.body).toMatchObject({ id, inwardIssue: { key: 'DEL-1' }, outwardIssue: { key: 'DEL-2' } });
      expect((await site.call(VIC, 'DELETE', route`/rest/api/3/issueLink/${id}`)).status).toBe(403);
      expect((await site.call(ALICE, 'DELETE', route`/rest/api/3/issueLink/${id}`)).status).toBe(204);
      expect((await site.call(ALICE, 'GET', route`/rest/api/3/issueLink/${id}`)).status).toBe(404);
    });
  });

  describe('entity properties', () => {
    it('sets (201 new, 200 replaced), reads, lists and deletes a property', async () => {
      const first = await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}/properties/${'relay-deal'}`, { dealId: 'd-1', dealName: 'Acme renewal' });
      expect(first.status).toBe(201);
      const second = await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}/properties/${'relay-deal'}`, { dealId: 'd-2' });
      expect(second.status).toBe(200);
      const read = await site.call(VIC, 'GET', route`/rest/api/3/issue/${'DEL-1'}/properties/${'relay-deal'}`);
      expect(read.body).toEqual({ key: 'relay-deal', value: { dealId: 'd-2' } });
      const keys = await site.call(VIC, 'GET', route`/rest/api/3/issue/${'DEL-1'}/properties`);
      expect(keys.body.keys.map((k: { key: string }) => k.key)).toEqual(['relay-deal']);
      expect((await site.call(VIC, 'DELETE', route`/rest/api/3/issue/${'DEL-1'}/properties/${'relay-deal'}`)).status).toBe(403);
      expect((await site.call(ALICE, 'DELETE', route`/rest/api/3/issue/${'DEL-1'}/properties/${'relay-deal'}`)).status).toBe(204);
      const missing = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/properties/${'relay-deal'}`);
      expect(missing.status).toBe(404);
      expect(missing.body.errorMessages).toEqual(["The property with key 'relay-deal' does not exist."]);
    });

    it('refuses a value over 32768 bytes with 400 and keeps the old one', async () => {
      await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}/properties/${'big'}`, { ok: true });
      const fits = await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}/properties/${'big'}`, 'x'.repeat(32766));
      expect(fits.status).toBe(200);
      const tooBig = await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${'DEL-1'}/properties/${'big'}`, 'x'.repeat(32767));
      expect(tooBig.status).toBe(400);
      expect((await site.call(ALICE, 'GET', route`/rest/api/3/issue/${'DEL-1'}/properties/${'big'}`)).body.value).toHaveLength(32766);
    });

    it('accepts properties on create and edit, and returns them with ?properties=', async () => {
      const created = await site.call(ALICE, 'POST', route`/rest/api/3/issue`, {
        fields: { project: { key: 'DEL' }, issuetype: { name: 'Task' }, summary: 'With props' },
        properties: [{ key: 'relay-deal', value: { dealId: 'd-9' } }],
      });
      await site.call(ALICE, 'PUT', route`/rest/api/3/issue/${created.body.key as string}`, { properties: [{ key: 'other', value: 1 }] });
      const read = await site.call(ALICE, 'GET', route`/rest/api/3/issue/${created.body.key as string}?fields=summary&properties=${'*all'}`);
      expect(read.body.properties).toEqual({ 'relay-deal': { dealId: 'd-9' }, other: 1 });
    });
  });
});

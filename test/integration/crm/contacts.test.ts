import { kvs } from '@forge/kvs';
import { Calls } from '../../../src/contracts/calls';
import type { ContactRecord } from '../../../src/contracts/contact';
import { contactInput } from '../../builders/contact';
import { errorOf, startCrm, USERS, type Crm } from './crm-harness';

/** Everything stored in the entities a contact write touches, as the storage service holds it. */
function storedState(crm: Crm): string {
  const { entities } = crm.sandbox.kvs.exportState();
  return JSON.stringify(entities.filter((e) => ['company', 'contact', 'guard', 'activity'].includes(e.name)));
}

function countStored(crm: Crm, entity: string): number {
  return crm.sandbox.kvs.exportState().entities.find((e) => e.name === entity)?.items.length ?? 0;
}

/** A record's audit entries, read with the real SDK in a script invocation (oldest first). */
async function auditOf(crm: Crm, recordKey: string): Promise<Array<{ actorId: string; data: { changes: Array<{ field: string; from: unknown; to: unknown }> } }>> {
  crm.later(); // an entity query: it shows writes once they settle
  const { result } = await crm.sandbox.platform.runInvocation({ functionKey: 'audit', moduleKey: 'test', kind: 'script', timeoutMs: 5000 }, async () => {
    const page = await kvs.entity<Record<string, unknown>>('activity').query().index('by-record-kind', { partition: [recordKey, 'change'] }).limit(100).getMany();
    return page.results.map((r) => r.value);
  });
  return result as never;
}

const webinar = { channel: 'webinar', campaign: 'Q4 launch', utm: { source: 'linkedin', medium: 'paid' } };

describe('contacts on the sandbox (real resolver, real SDK)', () => {
  let crm: Crm;
  let acmeId: string;
  beforeEach(async () => {
    crm = await startCrm();
    // Companies and contacts open up through the site's CRM-enabled projects (PRODUCT.md §5).
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    acmeId = (await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' })).id;
  });
  afterEach(() => crm.close());

  it('creates a contact with its email normalised, first touch, consent and company, and reads it back', async () => {
    const contact = await crm.ok('sam', Calls.contacts.create, {
      name: 'Ana Lopez',
      email: 'ANA@Example.com ',
      title: 'CFO',
      companyId: acmeId,
      lifecycleStage: 'mql',
      attribution: webinar,
      consent: { status: 'granted', basis: 'consent', date: '2026-11-02' },
      leadScore: 40,
    });
    expect(contact).toMatchObject({
      name: 'Ana Lopez',
      email: 'ana@example.com',
      companyId: acmeId,
      lifecycleStage: 'mql',
      ownerId: USERS.sam,
      leadScore: 40,
      consent: { status: 'granted', basis: 'consent', date: '2026-11-02' },
      attribution: { channel: 'webinar', campaign: 'Q4 launch', utm: { source: 'linkedin', medium: 'paid', campaign: null, term: null, content: null }, capturedAt: expect.any(Number) },
      version: 1,
    });
    expect(await crm.ok('vic', Calls.contacts.get, { contactId: contact.id })).toEqual(contact);
    const defaults = await crm.ok('sam', Calls.contacts.create, { name: 'Bo' });
    expect(defaults).toMatchObject({ email: null, lifecycleStage: 'lead', consent: { status: 'unknown', basis: null, date: null }, leadScore: 0, attribution: null, companyId: null });
  });

  it('audits every field change with from and to, nested consent and attribution as plain fields', async () => {
    const contact = await crm.ok('sam', Calls.contacts.create, { name: 'Ana', email: 'ana@example.com' });
    await crm.ok('alice', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { consent: { status: 'granted', basis: 'legitimate_interests', date: '2026-11-03' }, attribution: { channel: 'event' }, leadScore: 70 } });
    const audit = await auditOf(crm, `contact:${contact.id}`);
    expect(audit).toHaveLength(2);
    expect(audit[0]!.data.changes).toEqual(expect.arrayContaining([{ field: 'email', from: null, to: 'ana@example.com' }]));
    expect(audit[1]!.actorId).toBe(USERS.alice);
    expect(audit[1]!.data.changes).toEqual([
      { field: 'attribution.channel', from: null, to: 'event' },
      { field: 'consent.status', from: 'unknown', to: 'granted' },
      { field: 'consent.basis', from: null, to: 'legitimate_interests' },
      { field: 'consent.date', from: null, to: '2026-11-03' },
      { field: 'leadScore', from: 0, to: 70 },
    ]);
  });

  it('refuses an email another contact holds, however it is typed, naming that contact and storing nothing', async () => {
    const ana = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@example.com' });
    const before = storedState(crm);
    for (const typed of ['ANA@Example.com ', ' ana@EXAMPLE.COM', 'Ana@example.com']) {
      const error = errorOf(await crm.call('alice', Calls.contacts.create, { name: 'Ana L.', email: typed }));
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toMatchObject({ reason: 'DUPLICATE_EMAIL', existing: { id: ana.id, name: 'Ana Lopez', archived: false } });
      expect(error.fields).toEqual([{ path: 'email', message: 'Taken by Ana Lopez', code: 'taken', params: { name: 'Ana Lopez' } }]);
    }
    expect(storedState(crm)).toBe(before);

    const bo = await crm.ok('sam', Calls.contacts.create, { name: 'Bo', email: 'bo@example.com' });
    expect(errorOf(await crm.call('sam', Calls.contacts.update, { contactId: bo.id, version: 1, changes: { email: 'ANA@example.com' } })).details).toMatchObject({ existing: { id: ana.id } });
    // Moving an email frees the old one.
    await crm.ok('sam', Calls.contacts.update, { contactId: ana.id, version: 1, changes: { email: 'ana.lopez@example.com' } });
    expect((await crm.ok('sam', Calls.contacts.update, { contactId: bo.id, version: 1, changes: { email: 'ana@example.com' } })).email).toBe('ana@example.com');
    expect(await crm.ok('sam', Calls.contacts.create, { name: 'Bo 2', email: 'bo@example.com' })).toMatchObject({ email: 'bo@example.com' });
  });

  it('gives exactly one of two concurrent creates with the same email; the other CONFLICT names the winner', async () => {
    const answers = await Promise.all([
      crm.call('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@example.com' }),
      crm.call('alice', Calls.contacts.create, { name: 'Ana from the webinar', email: 'ANA@Example.com ' }),
    ]);
    const winners = answers.filter((x): x is { ok: true; data: ContactRecord } => x.ok);
    expect(winners).toHaveLength(1);
    const loser = errorOf(answers.find((x) => !x.ok)!);
    expect(loser.code).toBe('CONFLICT');
    expect(loser.details?.existing).toEqual({ id: winners[0]!.data.id, name: winners[0]!.data.name, archived: false });
    expect(countStored(crm, 'contact')).toBe(1);
  });

  it('gives exactly one of two concurrent updates; the other gets CONFLICT with the current contact', async () => {
    const contact = await crm.ok('sam', Calls.contacts.create, contactInput(1));
    const answers = await Promise.all([
      crm.call('sam', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { title: 'CTO' } }),
      crm.call('alice', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { lifecycleStage: 'sql' } }),
    ]);
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    const loser = errorOf(answers.find((x) => !x.ok)!);
    expect(loser.code).toBe('CONFLICT');
    const current = await crm.ok('sam', Calls.contacts.get, { contactId: contact.id });
    expect(current.version).toBe(2);
    expect(loser.details?.current).toEqual(current);
  });

  it('links a contact only to an existing, active company', async () => {
    const before = storedState(crm);
    const missing = errorOf(await crm.call('sam', Calls.contacts.create, { ...contactInput(1), companyId: 'no-such-company' }));
    expect(missing).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'companyId' }] });
    const globex = await crm.ok('sam', Calls.companies.create, { name: 'Globex' });
    await crm.ok('sam', Calls.companies.archive, { companyId: globex.id, version: 1 });
    const afterArchive = storedState(crm);
    expect(errorOf(await crm.call('sam', Calls.contacts.create, { ...contactInput(1), companyId: globex.id })).code).toBe('VALIDATION');
    expect(storedState(crm)).toBe(afterArchive);
    expect(before).not.toBe(afterArchive);

    const ana = await crm.ok('sam', Calls.contacts.create, { ...contactInput(2), companyId: acmeId });
    expect(errorOf(await crm.call('sam', Calls.contacts.update, { contactId: ana.id, version: 1, changes: { companyId: globex.id } })).fields).toEqual([{ path: 'companyId', message: 'No active company with this id' }]);
    // Archiving the company later leaves its contacts linked; unrelated edits still work.
    const acme = await crm.ok('sam', Calls.companies.get, { companyId: acmeId });
    await crm.ok('sam', Calls.companies.archive, { companyId: acmeId, version: acme.version });
    expect(await crm.ok('sam', Calls.contacts.update, { contactId: ana.id, version: 1, changes: { title: 'VP' } })).toMatchObject({ companyId: acmeId, title: 'VP' });
  });

  it('refuses the link when the company is archived while the contact is being written (checked in the transaction)', async () => {
    const globex = await crm.ok('sam', Calls.companies.create, { name: 'Globex' });
    const before = countStored(crm, 'contact');
    // Hold the contact's transaction back until the company's archive has committed.
    const hold = crm.sandbox.platform.faults.add({ target: 'kvs', match: /\/api\/v1\/transaction$/, delayMs: 400, times: 1 });
    const creating = crm.call('sam', Calls.contacts.create, { ...contactInput(1), companyId: globex.id });
    while (hold.hits() === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    await crm.ok('alice', Calls.companies.archive, { companyId: globex.id, version: 1 });
    const error = errorOf(await creating);
    expect(error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'companyId' }], details: { reason: 'COMPANY_NOT_ACTIVE' } });
    expect(countStored(crm, 'contact')).toBe(before);
  });

  it('detects a stale version in the transaction itself, when the other write lands between read and commit', async () => {
    const contact = await crm.ok('sam', Calls.contacts.create, contactInput(1));
    const hold = crm.sandbox.platform.faults.add({ target: 'kvs', match: /\/api\/v1\/transaction$/, delayMs: 400, times: 1 });
    const slow = crm.call('sam', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { title: 'CTO' } });
    while (hold.hits() === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    const fast = await crm.ok('alice', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { title: 'CEO' } });
    const error = errorOf(await slow);
    expect(error).toMatchObject({ code: 'CONFLICT', details: { reason: 'STALE_VERSION' } });
    expect(error.details?.current).toEqual(fast);
    expect(await crm.ok('sam', Calls.contacts.get, { contactId: contact.id })).toEqual(fast);
  });

  it('keeps the first-touch attribution: a later touch cannot overwrite it', async () => {
    const contact = await crm.ok('sam', Calls.contacts.create, { ...contactInput(1), attribution: webinar });
    const locked = errorOf(await crm.call('sam', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { attribution: { channel: 'paid search' } } }));
    expect(locked).toMatchObject({ code: 'VALIDATION', details: { reason: 'ATTRIBUTION_LOCKED' }, fields: [{ path: 'attribution' }] });
    expect(errorOf(await crm.call('sam', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { attribution: null } })).details).toMatchObject({ reason: 'ATTRIBUTION_LOCKED' });
    const same = await crm.ok('sam', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { attribution: webinar, title: 'CEO' } });
    expect(same.attribution).toEqual(contact.attribution);
    const unset = await crm.ok('sam', Calls.contacts.create, contactInput(2));
    expect((await crm.ok('sam', Calls.contacts.update, { contactId: unset.id, version: 1, changes: { attribution: { channel: 'referral' } } })).attribution?.channel).toBe('referral');
  });

  it('enforces consent and lead score rules with the field at fault', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ consent: { status: 'granted', basis: null, date: '2026-11-02' } }, 'consent.basis'],
      [{ consent: { status: 'withdrawn', basis: null, date: null } }, 'consent.date'],
      [{ consent: { status: 'unknown', basis: 'consent', date: null } }, 'consent.basis'],
      [{ consent: { status: 'granted', basis: 'consent', date: '2026-13-01' } }, 'consent.date'],
      [{ leadScore: 101 }, 'leadScore'],
      [{ leadScore: 2.5 }, 'leadScore'],
      [{ email: 'ana@' }, 'email'],
    ];
    const before = storedState(crm);
    for (const [extra, path] of cases) {
      const error = errorOf(await crm.call('sam', Calls.contacts.create, { ...contactInput(1), ...extra }));
      expect({ extra, code: error.code }).toEqual({ extra, code: 'VALIDATION' });
      expect(error.fields?.map((f) => f.path)).toContain(path);
    }
    expect(storedState(crm)).toBe(before);
  });

  it('archives and restores a contact, keeping its email claimed while archived', async () => {
    const ana = await crm.ok('sam', Calls.contacts.create, { name: 'Ana', email: 'ana@example.com' });
    const archived = await crm.ok('sam', Calls.contacts.archive, { contactId: ana.id, version: 1 });
    expect(archived).toMatchObject({ archived: true, version: 2 });
    expect((await crm.list('vic', Calls.contacts.list, {})).items).toEqual([]);
    expect((await crm.list('vic', Calls.contacts.list, { status: 'archived' })).items.map((c) => c.id)).toEqual([ana.id]);
    expect(errorOf(await crm.call('alice', Calls.contacts.create, { name: 'Ana 2', email: 'ana@example.com' })).details).toMatchObject({ existing: { id: ana.id, archived: true } });
    expect(errorOf(await crm.call('sam', Calls.contacts.update, { contactId: ana.id, version: 2, changes: { title: 'x' } })).details).toMatchObject({ reason: 'CONTACT_ARCHIVED' });
    expect(errorOf(await crm.call('sam', Calls.contacts.restore, { contactId: ana.id, version: 1 })).code).toBe('CONFLICT');
    expect(await crm.ok('sam', Calls.contacts.restore, { contactId: ana.id, version: 2 })).toMatchObject({ archived: false, version: 3, email: 'ana@example.com' });
    expect(errorOf(await crm.call('sam', Calls.contacts.restore, { contactId: ana.id, version: 3 })).details).toMatchObject({ reason: 'CONTACT_NOT_ARCHIVED' });
  });

  it('lists contacts A–Z with paging, and a company’s contacts through the by-company index', async () => {
    const globex = await crm.ok('sam', Calls.companies.create, { name: 'Globex' });
    for (const [name, companyId] of [['Zoe', acmeId], ['bruno', acmeId], ['Émilie', globex.id], ['Carla', null], ['Abe', acmeId]] as const) {
      await crm.ok('sam', Calls.contacts.create, { name, companyId });
    }
    const first = await crm.list('vic', Calls.contacts.list, { limit: 3 });
    expect(first.items.map((c) => c.name)).toEqual(['Abe', 'bruno', 'Carla']);
    const second = await crm.list('vic', Calls.contacts.list, { limit: 3, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.name)).toEqual(['Émilie', 'Zoe']);
    expect(second.nextCursor).toBeNull();

    const acme = await crm.list('vic', Calls.contacts.list, { companyId: acmeId });
    expect(acme.items.map((c) => c.name)).toEqual(['Abe', 'bruno', 'Zoe']);
    const bruno = acme.items[1]!;
    await crm.ok('sam', Calls.contacts.archive, { contactId: bruno.id, version: bruno.version });
    expect((await crm.list('vic', Calls.contacts.list, { companyId: acmeId })).items.map((c) => c.name)).toEqual(['Abe', 'Zoe']);
    expect((await crm.list('vic', Calls.contacts.list, { companyId: acmeId, status: 'archived' })).items.map((c) => c.name)).toEqual(['bruno']);
    expect((await crm.list('vic', Calls.contacts.list, { companyId: 'unknown-company' })).items).toEqual([]);
  });

  it('searches by name prefix and by email prefix; contacts without email never match', async () => {
    await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@example.com' });
    await crm.ok('sam', Calls.contacts.create, { name: 'Anabel Ruiz', email: 'anabel@globex.com' });
    await crm.ok('sam', Calls.contacts.create, { name: 'Ñandú Pérez', email: 'nandu@example.com' });
    await crm.ok('sam', Calls.contacts.create, { name: 'Nobody' });
    expect((await crm.list('vic', Calls.contacts.search, { text: 'ana' })).items.map((c) => c.name)).toEqual(['Ana Lopez', 'Anabel Ruiz']);
    expect((await crm.list('vic', Calls.contacts.search, { text: 'ñan' })).items.map((c) => c.name)).toEqual(['Ñandú Pérez']);
    expect((await crm.list('vic', Calls.contacts.search, { text: 'ANAB', field: 'email' })).items.map((c) => c.email)).toEqual(['anabel@globex.com']);
    expect((await crm.list('vic', Calls.contacts.search, { text: 'n', field: 'email' })).items.map((c) => c.email)).toEqual(['nandu@example.com']);
    expect((await crm.list('vic', Calls.contacts.search, { text: 'no' })).items.map((c) => c.name)).toEqual(['Nobody']);
  });

  it('shows contacts to anyone who browses a CRM project and lets only "Edit CRM records" holders there change them', async () => {
    const contact = await crm.ok('sam', Calls.contacts.create, contactInput(1));
    expect(errorOf(await crm.call('omar', Calls.contacts.get, { contactId: contact.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.contacts.list, {})).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.contacts.search, { text: 'c' })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.contacts.archive, { contactId: contact.id, version: 1 })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.contacts.create, contactInput(2))).code).toBe('FORBIDDEN');
    expect(await crm.ok('vic', Calls.contacts.get, { contactId: contact.id })).toEqual(contact);
    const before = storedState(crm);
    expect(errorOf(await crm.call('vic', Calls.contacts.create, contactInput(3))).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { title: 'x' } })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.contacts.archive, { contactId: contact.id, version: 1 })).code).toBe('FORBIDDEN');
    expect(storedState(crm)).toBe(before);
    // dana edits CRM records in DEL only: until DEL uses the CRM, contacts do not exist for her.
    expect(errorOf(await crm.call('dana', Calls.contacts.get, { contactId: contact.id }, 'DEL')).code).toBe('NOT_FOUND');
    await crm.ok('dana', Calls.pipelines.enable, { projectKey: 'DEL' }, 'DEL');
    expect((await crm.ok('dana', Calls.contacts.update, { contactId: contact.id, version: 1, changes: { title: 'Buyer' } }, 'DEL')).title).toBe('Buyer');
  });

  it('answers VALIDATION with the fields at fault for malformed payloads, and stores nothing', async () => {
    const contact = await crm.ok('sam', Calls.contacts.create, contactInput(1));
    const before = storedState(crm);
    const bad: Array<[keyof typeof Calls.contacts, Record<string, unknown>, string]> = [
      ['create', {}, 'name'],
      ['create', { name: 'X', email: 42 }, 'email'],
      ['create', { name: 'X', lifecycleStage: 'hot' }, 'lifecycleStage'],
      ['create', { name: 'X', consent: { status: 'granted' } }, 'consent.basis'],
      ['create', { name: 'X', attribution: { channel: '' } }, 'attribution.channel'],
      ['create', { name: 'X', attribution: { channel: 'web', utm: { gclid: 'x' } } }, 'attribution.utm'],
      ['create', { name: 'X', ownerId: USERS.alice, createdAt: 1 }, ''],
      ['create', { name: 'X', companyId: 'bad id!' }, 'companyId'],
      ['update', { contactId: contact.id, version: 1, changes: { leadScore: -1 } }, 'changes.leadScore'],
      ['update', { contactId: contact.id, version: 1, changes: { email: 'not-an-email' } }, 'email'],
      ['update', { contactId: contact.id, changes: {} }, 'version'],
      ['list', { companyId: '' }, 'companyId'],
      ['list', { cursor: 'forged' }, 'cursor'],
      ['search', { text: 'a', field: 'phone' }, 'field'],
    ];
    for (const [call, payload, path] of bad) {
      const error = errorOf(await crm.call('sam', Calls.contacts[call], payload));
      expect({ call, payload, code: error.code }).toEqual({ call, payload, code: 'VALIDATION' });
      expect(error.fields?.some((f) => f.path === path)).toBe(true);
    }
    expect(storedState(crm)).toBe(before);
  });
});

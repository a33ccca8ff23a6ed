import { kvs } from '@forge/kvs';
import { Calls } from '../../../src/contracts/calls';
import type { CompanyRecord } from '../../../src/contracts/company';
import { companyInput } from '../../builders/company';
import { errorOf, startCrm, USERS, type Crm } from './crm-harness';

/** Everything stored in the entities a company write touches, as the storage service holds it. */
function storedState(crm: Crm): string {
  const { entities } = crm.sandbox.kvs.exportState();
  return JSON.stringify(entities.filter((e) => ['company', 'contact', 'guard', 'activity'].includes(e.name)));
}

function countStored(crm: Crm, entity: string): number {
  return crm.sandbox.kvs.exportState().entities.find((e) => e.name === entity)?.items.length ?? 0;
}

/** A record's audit entries, read with the real SDK in a script invocation (oldest first). */
async function auditOf(crm: Crm, recordKey: string): Promise<Array<{ actorId: string; projectId: string; data: { changes: Array<{ field: string; from: unknown; to: unknown }> } }>> {
  crm.later(); // an entity query: it shows writes once they settle
  const { result } = await crm.sandbox.platform.runInvocation({ functionKey: 'audit', moduleKey: 'test', kind: 'script', timeoutMs: 5000 }, async () => {
    const page = await kvs.entity<Record<string, unknown>>('activity').query().index('by-record-kind', { partition: [recordKey, 'change'] }).limit(100).getMany();
    return page.results.map((r) => r.value);
  });
  return result as never;
}

describe('companies on the sandbox (real resolver, real SDK)', () => {
  let crm: Crm;
  beforeEach(async () => {
    crm = await startCrm();
    // Companies and contacts open up through the site's CRM-enabled projects (PRODUCT.md §5).
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
  });
  afterEach(() => crm.close());

  it('creates a company with its domain normalised, owned by the caller, and reads it back', async () => {
    const mark = crm.sandbox.platform.invocations.length;
    const company = await crm.ok('sam', Calls.companies.create, { name: '  Acme   Corp ', domain: 'https://www.Acme.io/pricing', segment: 'mid-market', region: 'EMEA', industry: 'Software' });
    expect(company).toMatchObject({ name: 'Acme Corp', domain: 'acme.io', segment: 'mid-market', region: 'EMEA', industry: 'Software', ownerId: USERS.sam, lifecycle: 'prospect', arrMinor: 0, health: 'unknown', archived: false, version: 1 });
    // The domain reserved (one create-only write), then record, claim and audit entry in one transaction.
    expect(crm.sandbox.platform.invocations[mark]!.cost.storageByOperation).toMatchObject({ '/api/v1/entity/set': 1, '/api/v1/transaction': 1 });
    expect(await crm.ok('vic', Calls.companies.get, { companyId: company.id })).toEqual(company);
    const audit = await auditOf(crm, `company:${company.id}`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorId).toBe(USERS.sam);
    expect(audit[0]!.data.changes).toEqual(
      expect.arrayContaining([
        { field: 'name', from: null, to: 'Acme Corp' },
        { field: 'domain', from: null, to: 'acme.io' },
      ]),
    );
  });

  it('updates at the version read and writes one audit entry with each changed field, from and to', async () => {
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const updated = await crm.ok('alice', Calls.companies.update, { companyId: company.id, version: 1, changes: { lifecycle: 'customer', segment: 'enterprise', industry: null } });
    expect(updated).toMatchObject({ version: 2, lifecycle: 'customer', segment: 'enterprise', industry: null, domain: 'acme.io' });
    const audit = await auditOf(crm, `company:${company.id}`);
    expect(audit).toHaveLength(2);
    expect(audit[1]!.actorId).toBe(USERS.alice);
    expect(audit[1]!.data.changes).toEqual([
      { field: 'segment', from: null, to: 'enterprise' },
      { field: 'lifecycle', from: 'prospect', to: 'customer' },
    ]);
  });

  it('refuses a domain another company holds, however it is typed, naming that company and storing nothing', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const before = storedState(crm);
    for (const typed of ['https://www.acme.io/', 'ACME.io.', ' acme.IO ', 'sales@acme.io']) {
      const error = errorOf(await crm.call('alice', Calls.companies.create, { name: 'Acme again', domain: typed }));
      expect(error.code).toBe('CONFLICT');
      expect(error.details).toMatchObject({ reason: 'DUPLICATE_DOMAIN', existing: { id: acme.id, name: 'Acme', archived: false } });
      expect(error.fields).toEqual([{ path: 'domain', message: 'Taken by Acme', code: 'taken', params: { name: 'Acme' } }]);
    }
    expect(storedState(crm)).toBe(before);

    const other = await crm.ok('sam', Calls.companies.create, { name: 'Globex', domain: 'globex.com' });
    const taken = errorOf(await crm.call('sam', Calls.companies.update, { companyId: other.id, version: 1, changes: { domain: 'www.acme.io' } }));
    expect(taken).toMatchObject({ code: 'CONFLICT', details: { existing: { id: acme.id } } });
    expect(await crm.ok('sam', Calls.companies.get, { companyId: other.id })).toMatchObject({ version: 1, domain: 'globex.com' });
  });

  it('frees the old domain when a company changes its domain', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    await crm.ok('sam', Calls.companies.update, { companyId: acme.id, version: 1, changes: { domain: 'acme.com' } });
    const heir = await crm.ok('sam', Calls.companies.create, { name: 'Acme Labs', domain: 'acme.io' });
    expect(heir.domain).toBe('acme.io');
    expect(errorOf(await crm.call('sam', Calls.companies.create, { name: 'Copy', domain: 'acme.com' })).details).toMatchObject({ existing: { id: acme.id } });
    // Clearing a domain frees it too.
    await crm.ok('sam', Calls.companies.update, { companyId: heir.id, version: 1, changes: { domain: null } });
    expect((await crm.ok('sam', Calls.companies.create, { name: 'Third', domain: 'acme.io' })).domain).toBe('acme.io');
  });

  it('gives exactly one of two concurrent creates with the same domain; the other CONFLICT names the winner', async () => {
    const [a, b] = await Promise.all([
      crm.call('sam', Calls.companies.create, { name: 'Initech', domain: 'initech.com' }),
      crm.call('alice', Calls.companies.create, { name: 'Initech Inc', domain: 'https://initech.com' }),
    ]);
    const answers = [a, b];
    const winners = answers.filter((x): x is { ok: true; data: CompanyRecord } => x.ok);
    expect(winners).toHaveLength(1);
    const loser = errorOf(answers.find((x) => !x.ok)!);
    expect(loser.code).toBe('CONFLICT');
    expect(loser.details?.existing).toEqual({ id: winners[0]!.data.id, name: winners[0]!.data.name, archived: false });
    expect(countStored(crm, 'company')).toBe(1);
  });

  it('gives exactly one of two concurrent updates; the other gets CONFLICT with the current company', async () => {
    const company = await crm.ok('sam', Calls.companies.create, companyInput(1));
    const answers = await Promise.all([
      crm.call('sam', Calls.companies.update, { companyId: company.id, version: 1, changes: { region: 'EMEA' } }),
      crm.call('alice', Calls.companies.update, { companyId: company.id, version: 1, changes: { industry: 'Retail' } }),
    ]);
    expect(answers.filter((x) => x.ok)).toHaveLength(1);
    const loser = errorOf(answers.find((x) => !x.ok)!);
    expect(loser.code).toBe('CONFLICT');
    const current = await crm.ok('sam', Calls.companies.get, { companyId: company.id });
    expect(current.version).toBe(2);
    expect(loser.details?.current).toEqual(current);
    // The stale writer is refused even when it comes later, one at a time.
    const late = errorOf(await crm.call('sam', Calls.companies.archive, { companyId: company.id, version: 1 }));
    expect(late).toMatchObject({ code: 'CONFLICT', details: { current: { version: 2 } } });
  });

  it('archives and restores: archived companies leave active lists and searches but keep their domain', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    await crm.ok('sam', Calls.companies.create, { name: 'Acorn', domain: 'acorn.io' });
    const archived = await crm.ok('sam', Calls.companies.archive, { companyId: acme.id, version: 1 });
    expect(archived).toMatchObject({ archived: true, version: 2 });
    expect((await crm.list('vic', Calls.companies.list, {})).items.map((c) => c.name)).toEqual(['Acorn']);
    expect((await crm.list('vic', Calls.companies.list, { status: 'archived' })).items.map((c) => c.name)).toEqual(['Acme']);
    expect((await crm.list('vic', Calls.companies.search, { text: 'ac' })).items.map((c) => c.name)).toEqual(['Acorn']);
    expect((await crm.list('vic', Calls.companies.search, { text: 'acme', field: 'domain' })).items).toEqual([]);
    expect((await crm.list('vic', Calls.companies.search, { text: 'acme', field: 'domain', status: 'archived' })).items.map((c) => c.id)).toEqual([acme.id]);

    const clash = errorOf(await crm.call('alice', Calls.companies.create, { name: 'New Acme', domain: 'acme.io' }));
    expect(clash.details).toMatchObject({ existing: { id: acme.id, archived: true } });
    expect(clash.message).toMatch(/restore/);

    expect(errorOf(await crm.call('sam', Calls.companies.update, { companyId: acme.id, version: 2, changes: { name: 'X' } }))).toMatchObject({ code: 'VALIDATION', details: { reason: 'COMPANY_ARCHIVED' } });
    expect(errorOf(await crm.call('sam', Calls.companies.archive, { companyId: acme.id, version: 2 })).code).toBe('VALIDATION');
    const restored = await crm.ok('sam', Calls.companies.restore, { companyId: acme.id, version: 2 });
    expect(restored).toMatchObject({ archived: false, version: 3, domain: 'acme.io' });
    expect(errorOf(await crm.call('sam', Calls.companies.restore, { companyId: acme.id, version: 3 })).details).toMatchObject({ reason: 'COMPANY_NOT_ARCHIVED' });
    const audit = await auditOf(crm, `company:${acme.id}`);
    expect(audit.map((a) => a.data.changes)).toContainEqual([{ field: 'archived', from: false, to: true }]);
    expect(audit.map((a) => a.data.changes)).toContainEqual([{ field: 'archived', from: true, to: false }]);
  });

  it('lists companies A–Z page by page, and filters by owner, segment and region with one query per page', async () => {
    const names = ['delta', 'Alpha', 'Échelon', 'charlie', 'Bravo'];
    for (const [i, name] of names.entries()) {
      const owner = i % 2 === 0 ? 'sam' : 'alice';
      await crm.ok(owner, Calls.companies.create, { name, segment: i < 3 ? 'smb' : 'enterprise', region: i === 0 || i === 3 ? 'EMEA' : 'AMER' });
    }
    const first = await crm.list('vic', Calls.companies.list, { limit: 2 });
    expect(first.items.map((c) => c.name)).toEqual(['Alpha', 'Bravo']);
    const second = await crm.list('vic', Calls.companies.list, { limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.name)).toEqual(['charlie', 'delta']);
    const third = await crm.list('vic', Calls.companies.list, { limit: 2, cursor: second.nextCursor! });
    expect(third.items.map((c) => c.name)).toEqual(['Échelon']);
    expect(third.nextCursor).toBeNull();

    const mark = crm.sandbox.platform.invocations.length;
    expect((await crm.list('vic', Calls.companies.list, { ownerId: USERS.sam })).items.map((c) => c.name)).toEqual(['Bravo', 'delta', 'Échelon']);
    expect(crm.sandbox.platform.invocations[mark]!.cost.storageByOperation['/api/v1/entity/query']).toBe(1);
    expect((await crm.list('vic', Calls.companies.list, { segment: 'enterprise' })).items.map((c) => c.name)).toEqual(['Bravo', 'charlie']);
    expect((await crm.list('vic', Calls.companies.list, { region: 'EMEA' })).items.map((c) => c.name)).toEqual(['charlie', 'delta']);
    expect((await crm.list('vic', Calls.companies.list, { ownerId: USERS.sam, segment: 'smb', region: 'AMER' })).items.map((c) => c.name)).toEqual(['Échelon']);
  });

  it('fills a filtered page across index reads, continuing exactly where it stopped', async () => {
    for (let i = 0; i < 6; i += 1) await crm.ok('sam', Calls.companies.create, { name: `Firm ${i}`, segment: 'smb', region: i % 3 === 0 ? 'APAC' : 'EMEA' });
    // Segment index with region as a filter: Firm 0 and Firm 3 match. Forge counts `limit` in entries
    // read, so the first read of 2 entries yields one match and the page is filled by further reads.
    const mark = crm.sandbox.platform.invocations.length;
    const first = await crm.list('vic', Calls.companies.list, { segment: 'smb', region: 'APAC', limit: 2 });
    expect(first.items.map((c) => c.name)).toEqual(['Firm 0', 'Firm 3']);
    expect(crm.sandbox.platform.invocations[mark]!.cost.storageByOperation['/api/v1/entity/query']).toBe(3);
    expect(first.nextCursor).not.toBeNull();
    const rest = await crm.list('vic', Calls.companies.list, { segment: 'smb', region: 'APAC', limit: 2, cursor: first.nextCursor! });
    expect(rest).toEqual({ items: [], nextCursor: null });
  });

  it('searches by name prefix (case and accents folded) and by domain prefix however typed', async () => {
    await crm.ok('sam', Calls.companies.create, { name: 'Émile Industries', domain: 'emile.fr' });
    await crm.ok('sam', Calls.companies.create, { name: 'Emerald Bank', domain: 'emeraldbank.com' });
    await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    await crm.ok('sam', Calls.companies.create, { name: 'No Domain Ltd' });
    expect((await crm.list('vic', Calls.companies.search, { text: 'EM' })).items.map((c) => c.name)).toEqual(['Emerald Bank', 'Émile Industries']);
    expect((await crm.list('vic', Calls.companies.search, { text: 'émi' })).items.map((c) => c.name)).toEqual(['Émile Industries']);
    expect((await crm.list('vic', Calls.companies.search, { text: 'https://www.ac', field: 'domain' })).items.map((c) => c.domain)).toEqual(['acme.io']);
    expect((await crm.list('vic', Calls.companies.search, { text: 'em', field: 'domain' })).items.map((c) => c.domain)).toEqual(['emeraldbank.com', 'emile.fr']);
    // Companies without a domain are stored as 'none' in the index and never match a domain search.
    expect((await crm.list('vic', Calls.companies.search, { text: 'no', field: 'domain' })).items).toEqual([]);
    expect((await crm.list('vic', Calls.companies.search, { text: 'zz' })).items).toEqual([]);
  });

  it('shows companies to anyone who browses a CRM project and lets only "Edit CRM records" holders there change them', async () => {
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    // omar browses no project: nothing exists for him.
    expect(errorOf(await crm.call('omar', Calls.companies.get, { companyId: company.id })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.companies.list, {})).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.companies.search, { text: 'a' })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.companies.update, { companyId: company.id, version: 1, changes: { name: 'Mine' } })).code).toBe('NOT_FOUND');
    expect(errorOf(await crm.call('omar', Calls.companies.create, { name: 'Omar Co' })).code).toBe('FORBIDDEN');
    // vic browses SALES only: reads work, writes are FORBIDDEN.
    expect((await crm.list('vic', Calls.companies.list, {})).items).toHaveLength(1);
    const before = storedState(crm);
    expect(errorOf(await crm.call('vic', Calls.companies.create, { name: 'Vic Co' })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.companies.update, { companyId: company.id, version: 1, changes: { name: 'Mine' } })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('vic', Calls.companies.archive, { companyId: company.id, version: 1 })).code).toBe('FORBIDDEN');
    expect(storedState(crm)).toBe(before);
    // dana edits CRM records in DEL only, which does not use the CRM: nothing opens for her there.
    expect(errorOf(await crm.call('dana', Calls.companies.update, { companyId: company.id, version: 1, changes: { region: 'EMEA' } }, 'DEL')).code).toBe('NOT_FOUND');
    // Once DEL uses the CRM, companies are site-wide: she may change them from there.
    await crm.ok('dana', Calls.pipelines.enable, { projectKey: 'DEL' }, 'DEL');
    expect((await crm.ok('dana', Calls.companies.update, { companyId: company.id, version: 1, changes: { region: 'EMEA' } }, 'DEL')).version).toBe(2);
    // A company that does not exist is NOT_FOUND for everyone.
    expect(errorOf(await crm.call('alice', Calls.companies.get, { companyId: 'nope' })).code).toBe('NOT_FOUND');
  });

  it('answers VALIDATION with the fields at fault for malformed payloads, and stores nothing', async () => {
    const company = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const before = storedState(crm);
    const bad: Array<[keyof typeof Calls.companies, Record<string, unknown>, string]> = [
      ['create', {}, 'name'],
      ['create', { name: '   ' }, 'name'],
      ['create', { name: 'X', segment: 'huge' }, 'segment'],
      ['create', { name: 'X', lifecycle: 'lead' }, 'lifecycle'],
      ['create', { name: 'X', domain: 'not a domain' }, 'domain'],
      ['create', { name: 'X', domain: 'localhost' }, 'domain'],
      ['create', { name: 'X', ownerId: 'u', admin: true }, ''],
      ['create', { name: 'x'.repeat(300) }, 'name'],
      ['update', { companyId: company.id, version: 0, changes: {} }, 'version'],
      ['update', { companyId: company.id, version: 1, changes: { arrMinor: 5 } }, 'changes'],
      ['update', { companyId: company.id, version: 1, changes: { domain: 'http://' } }, 'domain'],
      ['update', { companyId: company.id, version: 1, changes: { name: '' } }, 'changes.name'],
      ['archive', { companyId: company.id }, 'version'],
      ['list', { limit: 500 }, 'limit'],
      ['list', { cursor: 'forged' }, 'cursor'],
      ['search', { text: '' }, 'text'],
      ['search', { text: 'a', field: 'industry' }, 'field'],
    ];
    for (const [call, payload, path] of bad) {
      const error = errorOf(await crm.call('sam', Calls.companies[call], payload));
      expect({ call, payload, code: error.code }).toEqual({ call, payload, code: 'VALIDATION' });
      expect(error.fields?.length).toBeGreaterThan(0);
      expect(error.fields?.some((f) => f.path === path)).toBe(true);
    }
    expect(storedState(crm)).toBe(before);
  });
});

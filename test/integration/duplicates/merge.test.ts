import { QUERY_SETTLE_MS } from '../../../src/ports/storage';
import { Calls } from '../../../src/contracts/calls';
import { errorOf, READY_FIELDS, startCrm, USERS, type Crm } from '../crm/crm-harness';
import { importFile } from '../imports/import-harness';

let crm: Crm;
beforeEach(async () => {
  crm = await startCrm();
  await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
});
afterEach(async () => crm.close());

const timeline = async (recordType: 'contact' | 'company', recordId: string) => (await crm.list('sam', Calls.timeline.list, { recordType, recordId, limit: 100 })).items;
const changesOf = (items: Awaited<ReturnType<typeof timeline>>) => items.flatMap((i) => ('changes' in i ? i.changes : []));

describe('duplicates: merge', () => {
  it('merges two contacts: the survivor keeps every activity, deal, contract, issue link, touch, email and external id of both, and both timelines say so', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
    const ana = await crm.ok('sam', Calls.contacts.create, { name: 'Ana Lopez', email: 'ana@acme.io', companyId: acme.id });
    // The other record arrived by import (an external id) with the earlier first touch.
    await importFile(crm, 'sam', { kind: 'contacts', text: 'Record ID,First Name,Last Name,Email,Phone Number,Company Domain Name,Original Source\n77,Ana,López,ana.lopez@acme.io,+34 600 000,acme.io,Organic Search\n' });
    const found = await crm.list('sam', Calls.duplicates.find, { kind: 'contacts' });
    if (found.kind !== 'contacts') throw new Error('Asked for contacts');
    const pair = found.pairs.find((p) => [p.a.id, p.b.id].includes(ana.id));
    expect(pair?.reasons).toEqual(['similar-name']);
    const other = pair!.a.id === ana.id ? pair!.b : pair!.a;
    expect(other.companyId).toBe(acme.id);

    await crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: ana.id, kind: 'note', subject: 'Met Ana at the fair' });
    await crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: other.id, kind: 'call', subject: 'Called about pricing' });
    await crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: other.id, kind: 'task', subject: 'Send the proposal', dueAt: Date.UTC(2030, 0, 1) });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout', ...READY_FIELDS, companyId: acme.id, contactIds: [other.id, ana.id] });
    const issueKey = crm.sandbox.jira.createIssue(USERS.sam, { projectKey: 'SALES', issueType: 'Task', summary: 'Rollout' }).key;
    await crm.ok('sam', Calls.handoff.link, { issueKey, dealId: deal.id });

    // Naming them on a deal moved both into the funnel (issue 16): the merge is reviewed as they are now.
    const [anaNow, otherNow] = await Promise.all([crm.ok('sam', Calls.contacts.get, { contactId: ana.id }), crm.ok('sam', Calls.contacts.get, { contactId: other.id })]);
    const merged = await crm.ok('sam', Calls.duplicates.merge, { kind: 'contacts', survivor: { id: ana.id, version: anaNow.version }, other: { id: other.id, version: otherNow.version }, picks: { phone: 'other' } });
    expect(merged).toMatchObject({ survivorId: ana.id, moveQueued: true });
    // The move runs once storage queries show every write up to the merge (the notes were just made).
    await crm.sandbox.host.settle();
    crm.later(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();

    const survivor = await crm.ok('sam', Calls.contacts.get, { contactId: ana.id });
    expect(survivor).toMatchObject({ name: 'Ana Lopez', email: 'ana@acme.io', phone: '+34 600 000', companyId: acme.id });
    expect(survivor.attribution?.channel).toBe('Organic Search');
    const gone = await crm.ok('sam', Calls.contacts.get, { contactId: other.id });
    expect(gone).toMatchObject({ archived: true, email: null });

    const items = await timeline('contact', ana.id);
    expect(items.filter((i) => !('changes' in i)).map((i) => ('subject' in i ? i.subject : '')).sort()).toEqual(['Called about pricing', 'Met Ana at the fair', 'Send the proposal']);
    expect(changesOf(items).find((c) => c.field === 'mergedFrom')?.to).toContain(other.id);
    expect(changesOf(await timeline('contact', other.id)).find((c) => c.field === 'mergedInto')?.to).toContain(ana.id);
    expect((await crm.ok('sam', Calls.tasks.mine, { state: 'open' })).items.map((t) => t.recordId)).toEqual([ana.id]);

    const dealNow = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
    expect(dealNow.contactIds).toEqual([ana.id]);
    expect(dealNow).toMatchObject({ contractStart: READY_FIELDS.contractStart, contractEnd: READY_FIELDS.contractEnd });
    expect(await crm.ok('sam', Calls.handoff.forIssue, { issueKey })).toMatchObject({ linked: true, visible: true, deal: { id: deal.id } });

    // The claims moved: the other email names the survivor, and the file's external id updates it.
    const again = errorOf(await crm.call('sam', Calls.contacts.create, { name: 'Ana again', email: 'ana.lopez@acme.io' }));
    expect(again.code).toBe('CONFLICT');
    expect(JSON.stringify(again.details)).toContain(ana.id);
    const { job } = await importFile(crm, 'sam', { kind: 'contacts', mode: 'update', matchBy: 'externalId', text: 'Record ID,First Name,Last Name,Job Title\n77,Ana,Lopez,Head of Ops\n' });
    expect(job.counts).toMatchObject({ rows: 1, imported: 0, updated: 1, rejected: 0 });
    expect((await crm.ok('sam', Calls.contacts.get, { contactId: ana.id })).title).toBe('Head of Ops');
  });

  it('merges two companies: deals and contacts of both end at the survivor, and the domain of the other names it', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme Inc.', domain: 'acme.io' });
    const acme2 = await crm.ok('sam', Calls.companies.create, { name: 'ACME', domain: 'acme.com', industry: 'Software' });
    const bo = await crm.ok('sam', Calls.contacts.create, { name: 'Bo', companyId: acme2.id });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Second deal', companyId: acme2.id });
    await crm.ok('sam', Calls.activities.create, { recordType: 'company', recordId: acme2.id, kind: 'meeting', subject: 'QBR' });
    const found = await crm.list('sam', Calls.duplicates.find, { kind: 'companies' });
    expect(found.pairs.map((p) => [p.a.name, p.b.name].sort())).toEqual([['ACME', 'Acme Inc.']]);
    expect(found.pairs[0]!.reasons.sort()).toEqual(['same-domain', 'same-name']);

    await crm.ok('sam', Calls.duplicates.merge, { kind: 'companies', survivor: { id: acme.id, version: acme.version }, other: { id: acme2.id, version: acme2.version } });
    crm.later(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();
    expect(await crm.ok('sam', Calls.companies.get, { companyId: acme.id })).toMatchObject({ name: 'Acme Inc.', domain: 'acme.io', industry: 'Software' });
    expect((await crm.ok('sam', Calls.contacts.get, { contactId: bo.id })).companyId).toBe(acme.id);
    expect((await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).companyId).toBe(acme.id);
    expect((await timeline('company', acme.id)).some((i) => 'subject' in i && i.subject === 'QBR')).toBe(true);
    expect(errorOf(await crm.call('sam', Calls.companies.create, { name: 'Acme again', domain: 'acme.com' })).code).toBe('CONFLICT');
    expect((await crm.list('sam', Calls.duplicates.find, { kind: 'companies' })).pairs).toEqual([]);
  });

  it('refuses a merge racing an edit of either record with CONFLICT, and changes nothing', async () => {
    const a = await crm.ok('sam', Calls.contacts.create, { name: 'Jon Smith', email: 'jon@x.io' });
    const b = await crm.ok('sam', Calls.contacts.create, { name: 'John Smith', email: 'jon+crm@x.io' });
    const pair = (await crm.list('sam', Calls.duplicates.find, { kind: 'contacts' })).pairs[0]!;
    expect(pair.reasons).toEqual(['same-email']);
    await crm.ok('alice', Calls.contacts.update, { contactId: b.id, version: b.version, changes: { title: 'CTO' } });
    const answer = errorOf(await crm.call('sam', Calls.duplicates.merge, { kind: 'contacts', survivor: { id: a.id, version: a.version }, other: { id: b.id, version: b.version } }));
    expect(answer.code).toBe('CONFLICT');
    expect((answer.details as { current: { id: string; title: string } }).current).toMatchObject({ id: b.id, title: 'CTO' });
    expect(await crm.ok('sam', Calls.contacts.get, { contactId: a.id })).toEqual(a);
    expect((await crm.ok('sam', Calls.contacts.get, { contactId: b.id })).archived).toBe(false);
    expect(errorOf(await crm.call('vic', Calls.duplicates.merge, { kind: 'contacts', survivor: { id: a.id, version: a.version }, other: { id: b.id, version: 2 } })).code).toBe('FORBIDDEN');
    expect(errorOf(await crm.call('sam', Calls.duplicates.merge, { kind: 'contacts', survivor: { id: a.id, version: a.version }, other: { id: a.id, version: a.version } })).code).toBe('VALIDATION');
  });

  it('finishes the move of a merge made before the license lapsed; while read-only no new merge is made', async () => {
    const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme Inc.', domain: 'acme.io' });
    const acme2 = await crm.ok('sam', Calls.companies.create, { name: 'ACME', domain: 'acme.com' });
    const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Second deal', companyId: acme2.id });
    await crm.ok('sam', Calls.duplicates.merge, { kind: 'companies', survivor: { id: acme.id, version: acme.version }, other: { id: acme2.id, version: acme2.version } });
    crm.sandbox.platform.licensing.set({ kind: 'evaluation-expired', trialEndDate: '2026-11-01' });

    crm.later(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();
    expect(crm.sandbox.host.backgroundErrors).toEqual([]);
    expect((await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).companyId).toBe(acme.id);

    const refused = errorOf(await crm.call('sam', Calls.duplicates.merge, { kind: 'companies', survivor: { id: acme.id, version: 1 }, other: { id: deal.id, version: 1 } }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'LICENSE_INACTIVE' } });
  });
});

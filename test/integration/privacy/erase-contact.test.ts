import { QUERY_SETTLE_MS } from '../../../src/ports/storage';
import { Calls } from '../../../src/contracts/calls';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, handoffTemplate, READY_FIELDS, startCrm, USERS, type Crm } from '../crm/crm-harness';
import { importFile } from '../imports/import-harness';

/**
 * PRODUCT §5: export everything held about a contact, and erase it. Zoë arrives by import (a second
 * row with her email is rejected, so the import's report holds her too), is named on a deal, in
 * notes on the deal, the company and herself, and in the description of the deal's delivery issue.
 */
let crm: Crm;
let clock: ReturnType<typeof pinAppClock>;
beforeEach(async () => {
  crm = await startCrm();
  clock = pinAppClock(crm.clock);
  crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
  crm.sandbox.jira.grant(USERS.alice, 'DEL', ['BROWSE_PROJECTS', 'CREATE_ISSUES']);
});
afterEach(async () => {
  clock.restore();
  await crm.close();
});

const NEEDLES = [/zo[eë]/i, /fairweather/i, /zoe@acme\.io/i, /7700 900123/];

async function zoeEverywhere() {
  const stages = (await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' })).stages;
  await crm.ok('alice', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate({ includeContactEmails: true }) });
  const acme = await crm.ok('sam', Calls.companies.create, { name: 'Acme', domain: 'acme.io' });
  const bob = await crm.ok('sam', Calls.contacts.create, { name: 'Bob Stone', email: 'bob@acme.io', companyId: acme.id });
  const { job } = await importFile(crm, 'sam', {
    kind: 'contacts',
    text: 'First Name,Last Name,Email,Phone Number,Company Domain Name,Job Title\nZoë,Fairweather,zoe@acme.io,+44 7700 900123,acme.io,CFO\nZoe,F.,ZOE@acme.io,,acme.io,\n',
  });
  expect(job.counts).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
  const zoe = (await crm.list('sam', Calls.contacts.search, { field: 'email', text: 'zoe@' })).items[0]!;
  await crm.ok('sam', Calls.contacts.update, { contactId: zoe.id, version: zoe.version, changes: { title: 'Chief Financial Officer' } });
  await crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: zoe.id, kind: 'note', subject: 'Zoë prefers mornings' });
  await crm.ok('sam', Calls.activities.create, { recordType: 'company', recordId: acme.id, kind: 'meeting', subject: 'Lunch with Zoë Fairweather and Bob' });
  const deal = await crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout', stageId: stages[3]!.id, ...READY_FIELDS, stakeholders: 'Zoë Fairweather (CFO), Bob Stone', companyId: acme.id, contactIds: [zoe.id, bob.id] });
  await crm.ok('sam', Calls.activities.create, { recordType: 'deal', recordId: deal.id, kind: 'call', subject: 'Called Zoë about pricing', body: 'Reach her at zoe@acme.io or +44 7700 900123' });
  await crm.ok('sam', Calls.deals.win, { dealId: deal.id, version: deal.version });
  await crm.sandbox.host.settle();
  const issueKey = (await crm.ok('sam', Calls.deals.get, { dealId: deal.id })).handoff!.issueKey!;
  return { acme, bob, zoe, deal, issueKey };
}

/**
 * Every value in storage, and every issue's summary, description and properties, as text. (Jira's
 * own change history of a description is Jira's record, not Relay's: it is left to Atlassian's
 * tools for personal data, as the report says.)
 */
function everything(): { storage: string; issues: string } {
  const jira = crm.sandbox.jira.exportState() as { issues?: Record<string, { summary: string; description: unknown; properties: unknown }> };
  return { storage: JSON.stringify(crm.sandbox.kvs.exportState()), issues: JSON.stringify(Object.values(jira.issues ?? {}).map((i) => [i.summary, i.description, i.properties])) };
}

describe('privacy: a contact', () => {
  it('exports everything Relay holds about them, for Jira administrators only', async () => {
    const { zoe, deal, issueKey } = await zoeEverywhere();
    expect(errorOf(await crm.call('sam', Calls.privacy.exportContact, { contactId: zoe.id })).code).toBe('FORBIDDEN');
    // The export reads her timeline with a storage query: what was just written shows a moment later.
    crm.later();
    const data = await crm.ok('alice', Calls.privacy.exportContact, { contactId: zoe.id });
    expect(data.contact).toMatchObject({ name: 'Zoë Fairweather', email: 'zoe@acme.io', phone: '+44 7700 900123', title: 'Chief Financial Officer' });
    expect(data.timeline.some((e) => e.subject === 'Zoë prefers mornings')).toBe(true);
    expect(data.timeline.some((e) => JSON.stringify(e).includes('Chief Financial Officer'))).toBe(true);
    expect(data.deals.map((d) => d.id)).toEqual([deal.id]);
    expect(data.issues.map((i) => i.issueKey)).toEqual([issueKey]);
    expect(JSON.stringify(data.issues[0]!.description)).toContain('zoe@acme.io');
  });

  it('erases them: afterwards no stored value, activity, issue property or Relay-written issue text holds their name, email or phone', async () => {
    const { acme, bob, zoe, deal, issueKey } = await zoeEverywhere();
    const before = everything();
    for (const needle of NEEDLES) expect(before.storage).toMatch(needle);
    expect(before.issues).toMatch(/zoe@acme\.io/);

    expect(await crm.ok('alice', Calls.privacy.eraseContact, { contactId: zoe.id })).toEqual({ contactId: zoe.id, queued: true });
    // Nothing before erasure is left to chance: the job waits until storage queries show every write
    // made up to the request (the notes above were made in the same instant).
    await crm.sandbox.host.settle();
    crm.later(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();

    const after = everything();
    for (const needle of NEEDLES) {
      expect(after.storage).not.toMatch(needle);
      expect(after.issues).not.toMatch(needle);
    }
    // What was not theirs stays: Bob, the deal, its contract, the delivery issue and its link.
    expect(errorOf(await crm.call('sam', Calls.contacts.get, { contactId: zoe.id })).code).toBe('NOT_FOUND');
    const dealNow = await crm.ok('sam', Calls.deals.get, { dealId: deal.id });
    expect(dealNow).toMatchObject({ contactIds: [bob.id], stakeholders: '[erased] (CFO), Bob Stone', contractEnd: READY_FIELDS.contractEnd, outcome: 'won' });
    expect(dealNow.handoff?.issueKey).toBe(issueKey);
    expect(after.issues).toContain('Bob Stone');
    // An anonymised entry on the deal and the company says a contact was erased, and by whom, not who.
    for (const [recordType, recordId] of [['deal', deal.id], ['company', acme.id]] as const) {
      const items = (await crm.list('sam', Calls.timeline.list, { recordType, recordId, limit: 100 })).items;
      const entry = items.find((i) => 'changes' in i && i.changes.some((c) => c.field === 'erasedContact'));
      expect(entry).toMatchObject({ actorId: USERS.alice });
    }
    // Her email is free again (the claim went with her).
    await crm.ok('sam', Calls.contacts.create, { name: 'Someone new', email: 'zoe@acme.io' });
  });

  it('finishes an erasure accepted before the license lapsed; while read-only a new request is refused and the export still answers', async () => {
    await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
    const gone = await crm.ok('sam', Calls.contacts.create, { name: 'Zoë Fairweather', email: 'zoe@acme.io' });
    const kept = await crm.ok('sam', Calls.contacts.create, { name: 'Bob Stone', email: 'bob@acme.io' });
    expect(await crm.ok('alice', Calls.privacy.eraseContact, { contactId: gone.id })).toEqual({ contactId: gone.id, queued: true });
    crm.sandbox.platform.licensing.set({ kind: 'inactive', subscriptionEndDate: '2026-11-01' });

    const refused = errorOf(await crm.call('alice', Calls.privacy.eraseContact, { contactId: kept.id }));
    expect(refused).toMatchObject({ code: 'FORBIDDEN', details: { reason: 'LICENSE_INACTIVE' } });
    expect((await crm.ok('alice', Calls.privacy.exportContact, { contactId: kept.id })).contact).toMatchObject({ email: 'bob@acme.io' });

    await crm.sandbox.host.settle();
    crm.later(QUERY_SETTLE_MS);
    await crm.sandbox.host.settle();
    expect(crm.sandbox.host.backgroundErrors).toEqual([]);
    expect(errorOf(await crm.call('sam', Calls.contacts.get, { contactId: gone.id })).code).toBe('NOT_FOUND');
    expect(JSON.stringify(crm.sandbox.kvs.exportState())).not.toMatch(/zoe@acme\.io/);
    expect((await crm.ok('sam', Calls.contacts.get, { contactId: kept.id })).email).toBe('bob@acme.io');
  });
});

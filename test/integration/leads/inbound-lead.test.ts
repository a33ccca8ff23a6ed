import { RESERVATION_MS } from '../../../src/adapters/kvs/claims';
import { REPLAY_PENDING_TTL_MINUTES } from '../../../src/adapters/kvs/lead-intake-store';
import { Calls } from '../../../src/contracts/calls';
import { USERS } from '../crm/crm-harness';
import { ROUND_ROBIN, startLeadSite, type LeadSite } from './lead-harness';

/**
 * The inbound-lead web trigger over real HTTP, as a form provider calls it: signed leads are stored,
 * scored and routed; the same person twice is one contact with two touches; every bad request is
 * refused with its own status and code and leaves storage exactly as it was; a replay is refused.
 */
const ANA = {
  email: 'Ana.Silva@Northwind.io',
  name: 'Ana Silva',
  company: 'Northwind',
  title: 'VP Marketing',
  phone: '+44 20 7946 0000',
  source: 'webinar',
  campaign: 'spring-launch',
  utm_source: 'linkedin',
  utm_medium: 'paid-social',
  utm_campaign: 'spring',
  form_type: 'demo-request',
  segment: 'enterprise',
  region: 'EMEA',
  consent: { status: 'granted', basis: 'consent', date: '2026-03-02' },
};

describe('the inbound-lead web trigger over HTTP', () => {
  let site: LeadSite;

  beforeEach(async () => {
    site = await startLeadSite();
  });

  afterEach(async () => {
    await site.close();
  });

  const findByEmail = async (email: string) => (await site.crm.list('vic', Calls.contacts.search, { text: email, field: 'email' })).items;

  it('stores a valid lead as a scored, routed MQL with its company, timeline and the owner’s task', async () => {
    const answer = await site.send(ANA);
    expect([answer.status, answer.code]).toEqual([201, 'CREATED']);

    const [contact, ...others] = await findByEmail('ana.silva@northwind.io');
    expect(others).toEqual([]);
    expect(contact).toMatchObject({ name: 'Ana Silva', email: 'ana.silva@northwind.io', title: 'VP Marketing', lifecycleStage: 'mql', ownerId: ROUND_ROBIN[0] });
    expect(contact!.attribution).toMatchObject({ channel: 'webinar', campaign: 'spring-launch', utm: { source: 'linkedin', medium: 'paid-social', campaign: 'spring', term: null, content: null } });
    expect(contact!.consent).toEqual({ status: 'granted', basis: 'consent', date: '2026-03-02' });
    // Enterprise 30 + "vp" 20 + EMEA 10 + webinar 10 + demo request 40 = 110, capped at 100.
    expect(contact!.leadScore).toBe(100);
    expect(contact!.lead!.score!.reasons.map((r) => [r.factor, r.matched, r.points])).toEqual([
      ['segment', 'enterprise', 30],
      ['title', 'vp', 20],
      ['region', 'EMEA', 10],
      ['source', 'webinar', 10],
      ['formType', 'demo-request', 40],
    ]);
    expect(contact!.lead).toMatchObject({ touchCount: 1, routedBy: 'round-robin', segment: 'enterprise', region: 'EMEA' });
    expect(contact!.lead!.sla).toMatchObject({ state: 'open', hours: 4, respondedAt: null });
    expect(contact!.lead!.sla!.dueAt).toBeGreaterThan(contact!.createdAt);

    const company = await site.crm.ok('vic', Calls.companies.get, { companyId: contact!.companyId! });
    expect(company).toMatchObject({ name: 'Northwind', domain: 'northwind.io', segment: 'enterprise', region: 'EMEA', ownerId: ROUND_ROBIN[0] });

    const timeline = await site.crm.ok('vic', Calls.timeline.list, { recordType: 'contact', recordId: contact!.id });
    const changes = timeline.items.flatMap((e) => (e.kind === 'change' ? e.changes : []));
    expect(changes).toEqual(expect.arrayContaining([
      { field: 'touch', from: null, to: 'webinar · spring-launch · demo-request' },
      { field: 'lifecycleStage', from: 'lead', to: 'mql' },
      { field: 'leadScore', from: 0, to: 100 },
      { field: 'ownerId', from: null, to: ROUND_ROBIN[0] },
    ]));

    const tasks = await site.crm.ok('sam', Calls.tasks.mine, {});
    expect(tasks.items.map((t) => [t.recordId, t.subject, t.task?.dueAt])).toEqual([[contact!.id, 'Respond to new lead: Ana Silva', contact!.lead!.sla!.dueAt]]);
  });

  it('keeps one contact for the same person twice: the first touch stays, the second is added with its time', async () => {
    expect((await site.send(ANA)).status).toBe(201);
    const again = await site.send({ email: ' ANA.SILVA@northwind.IO ', source: 'newsletter', form_type: 'newsletter', title: 'CMO' });
    expect([again.status, again.code]).toEqual([200, 'UPDATED']);

    const found = await findByEmail('ana.silva@northwind.io');
    expect(found).toHaveLength(1);
    const contact = found[0]!;
    expect(contact.attribution).toMatchObject({ channel: 'webinar', campaign: 'spring-launch' });
    expect(contact.title).toBe('VP Marketing');
    expect(contact.ownerId).toBe(ROUND_ROBIN[0]);
    expect(contact.lead!.touchCount).toBe(2);
    expect(contact.lead!.touches.map((t) => [t.source, t.formType])).toEqual([
      ['webinar', 'demo-request'],
      ['newsletter', 'newsletter'],
    ]);
    expect(contact.lead!.touches[1]!.at).toBeGreaterThanOrEqual(contact.lead!.touches[0]!.at);
    // The strongest touch still counts: a newsletter does not cool a demo request.
    expect(contact.leadScore).toBe(100);
    const tasks = await site.crm.ok('sam', Calls.tasks.mine, {});
    expect(tasks.items).toHaveLength(1);
  });

  it('matches the company by the e-mail’s domain, and gives free-mail leads none', async () => {
    expect((await site.send({ email: 'bo@northwind.io', name: 'Bo' })).status).toBe(201);
    expect((await site.send({ email: 'cy@northwind.io', name: 'Cy' })).status).toBe(201);
    expect((await site.send({ email: 'dee@gmail.com', name: 'Dee', company: 'Somewhere' })).status).toBe(201);
    const [bo] = await findByEmail('bo@northwind.io');
    const [cy] = await findByEmail('cy@northwind.io');
    const [dee] = await findByEmail('dee@gmail.com');
    expect(bo!.companyId).not.toBeNull();
    expect(cy!.companyId).toBe(bo!.companyId);
    expect(dee!.companyId).toBeNull();
    const companies = await site.crm.ok('vic', Calls.companies.search, { text: 'gmail', field: 'domain' });
    expect(companies.items).toEqual([]);
  });

  describe('refuses each bad request with its own status and code, and stores nothing', () => {
    const tooLong = 'x'.repeat(300);
    const cases: Array<[string, Parameters<LeadSite['send']>, number, string]> = [
      ['a GET', [ANA, { method: 'GET' }], 405, 'METHOD_NOT_ALLOWED'],
      ['a body over 64 KB', [{ ...ANA, name: 'a'.repeat(70_000) }], 413, 'BODY_TOO_LARGE'],
      ['no signature', [ANA, { signature: null }], 401, 'SIGNATURE_MISSING'],
      ['an empty signature', [ANA, { signature: '' }], 401, 'SIGNATURE_MISSING'],
      ['no usable timestamp', [ANA, { timestamp: 'yesterday' }], 400, 'TIMESTAMP_INVALID'],
      ['a timestamp 6 minutes old', [ANA, { timestamp: Math.floor(Date.now() / 1000) - 360 }], 401, 'TIMESTAMP_OUTSIDE_WINDOW'],
      ['a timestamp 6 minutes ahead', [ANA, { timestamp: Math.floor(Date.now() / 1000) + 360 }], 401, 'TIMESTAMP_OUTSIDE_WINDOW'],
      ['a signature made with another secret', [ANA, { secret: 'rls_not-the-secret-at-all-0000000000000' }], 401, 'SIGNATURE_INVALID'],
      ['a signature of another body', [ANA, { signature: `v1=${'ab'.repeat(32)}` }], 401, 'SIGNATURE_INVALID'],
      ['a signature without its scheme', [ANA, { signature: 'deadbeef' }], 401, 'SIGNATURE_INVALID'],
      ['malformed JSON', [null, { raw: '{"email": "ana@northwind.io",' }], 400, 'MALFORMED_JSON'],
      ['no e-mail', [{ name: 'Ana' }], 422, 'INVALID_EMAIL'],
      ['a bad e-mail', [{ ...ANA, email: 'ana at northwind' }], 422, 'INVALID_EMAIL'],
      ['a name too long', [{ ...ANA, name: tooLong }], 422, 'INVALID_NAME'],
      ['consent without a status', [{ ...ANA, consent: { basis: 'consent' } }], 422, 'INVALID_CONSENT'],
      ['a UTM value too long', [{ ...ANA, utm_campaign: tooLong }], 422, 'INVALID_ATTRIBUTION'],
      ['an unknown segment', [{ ...ANA, segment: 'galactic' }], 422, 'INVALID_FIELD'],
      ['a JSON array', [[ANA]], 422, 'INVALID_FIELD'],
      ['a field Relay does not know', [{ ...ANA, favourite_colour: 'teal' }], 422, 'UNKNOWN_FIELD'],
    ];
    it.each(cases)('%s', async (_label, args, status, code) => {
      const before = site.storage();
      const answer = await site.send(...args);
      expect([answer.status, answer.code]).toEqual([status, code]);
      expect(site.storage()).toBe(before);
    });
  });

  it('refuses a replayed request, and stores nothing for it', async () => {
    const first = await site.send(ANA);
    expect(first.status).toBe(201);
    const before = site.storage();
    const replay = await site.send(ANA, { timestamp: first.timestamp, signature: first.signature });
    expect([replay.status, replay.code]).toEqual([409, 'REPLAYED']);
    expect(site.storage()).toBe(before);
    // The same lead signed afresh (another timestamp, so another signature) is a second touch, not a replay.
    expect((await site.send(ANA, { timestamp: Number(first.timestamp) - 1 })).status).toBe(200);
  });

  it('stores a request sent again after storage refused it, even when storage also refused to give its signature back: never answered as a replay', async () => {
    // Storage over its quota for reads and transactions: the lead is refused, and so is the release of its signature.
    const refused = site.crm.sandbox.platform.faults.add({ target: 'kvs', match: /batch\/get|transaction/, status: 429 });
    const first = await site.send(ANA);
    expect([first.status, first.code]).toEqual([503, 'BUSY']);
    refused.remove();
    expect(site.storage()).toContain('replay-pending');
    const same = { timestamp: first.timestamp, signature: first.signature };
    // Sent again at once: a copy may still be in flight, so the sender is told to retry, not that it was accepted.
    const again = await site.send(ANA, same);
    expect([again.status, again.code]).toEqual([503, 'BUSY']);
    // Once no invocation holding it can still be running, the hold has lapsed and the same request is stored.
    site.crm.clock.advance(REPLAY_PENDING_TTL_MINUTES * 60_000 + 1000);
    const retried = await site.send(ANA, same);
    expect([retried.status, retried.code]).toEqual([201, 'CREATED']);
    expect(await findByEmail('ana.silva@northwind.io')).toEqual([expect.objectContaining({ name: 'Ana Silva', lifecycleStage: 'mql' })]);
    const replay = await site.send(ANA, same);
    expect([replay.status, replay.code]).toEqual([409, 'REPLAYED']);
  });

  it('stores a lead whose e-mail an earlier refused lead left reserved, once that reservation has lapsed', async () => {
    // Storage refuses the lead's transaction and the give-back of what it reserved (over its quota).
    const refused = site.crm.sandbox.platform.faults.add({ target: 'kvs', match: /transaction/, status: 429 });
    const first = await site.send(ANA);
    expect([first.status, first.code]).toEqual([503, 'BUSY']);
    refused.remove();
    expect(site.storage()).toContain('claim-reserved');
    // The form tool sends the lead again, signed afresh, after no invocation holding the reservation can be running.
    const now = Date.now();
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now + RESERVATION_MS + 60_000);
    try {
      const again = await site.send(ANA);
      expect([again.status, again.code]).toEqual([201, 'CREATED']);
    } finally {
      clock.mockRestore();
    }
    const [contact, ...others] = await findByEmail('ana.silva@northwind.io');
    expect(others).toEqual([]);
    const company = await site.crm.ok('vic', Calls.companies.get, { companyId: contact!.companyId! });
    expect(company).toMatchObject({ name: 'Northwind', domain: 'northwind.io' });
  });

  it('refuses a lead for an archived contact, storing nothing', async () => {
    const first = await site.send(ANA);
    expect(first.status).toBe(201);
    const [contact] = await findByEmail('ana.silva@northwind.io');
    await site.crm.ok('sam', Calls.contacts.archive, { contactId: contact!.id, version: contact!.version });
    const before = site.storage();
    const answer = await site.send(ANA, { timestamp: Number(first.timestamp) - 1 });
    expect([answer.status, answer.code]).toEqual([409, 'CONTACT_ARCHIVED']);
    expect(site.storage()).toBe(before);
  });

  it('routes 20 concurrent leads round robin: every owner gets the same share, no turn taken twice', async () => {
    const owners = [USERS.sam, USERS.alice, USERS.vic, USERS.dana];
    const settings = await site.crm.ok('alice', Calls.leads.settings, {});
    await site.crm.ok('alice', Calls.leads.saveSettings, { version: settings.version, routing: { mode: 'round-robin', owners, rules: [], fallbackOwnerId: USERS.sam } });
    // Storage answers in a few milliseconds, as the real service does, so the 20 requests overlap.
    const slow = site.crm.sandbox.platform.faults.add({ target: 'kvs', delayMs: 5 });
    const first = site.crm.sandbox.platform.invocations.length;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => site.send({ email: `lead${i}@rush${i}.example`, name: `Lead ${i}`, source: 'event' })));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    // They did race: more transactions were tried than leads stored (the losers read again and retried).
    const tried = site.crm.sandbox.platform.invocations.slice(first).filter((i) => i.kind === 'webtrigger').reduce((n, i) => n + (i.cost.storageByOperation['/api/v1/transaction'] ?? 0), 0);
    expect(tried).toBeGreaterThan(20);
    slow.remove();

    const contacts = (await Promise.all(Array.from({ length: 20 }, (_, i) => findByEmail(`lead${i}@rush${i}.example`)))).map((found) => found[0]!);
    const perOwner = Object.fromEntries(owners.map((owner) => [owner, contacts.filter((c) => c.ownerId === owner).length]));
    expect(perOwner).toEqual(Object.fromEntries(owners.map((owner) => [owner, 5])));
    // Turns were handed out in order: sorted by arrival, owners cycle through the list.
    const byArrival = [...contacts].sort((a, b) => a.createdAt - b.createdAt || a.updatedAt - b.updatedAt);
    expect(new Set(byArrival.map((c) => c.lead!.routedBy))).toEqual(new Set(['round-robin']));
    const next = await site.send({ email: 'after@rush.example', name: 'After' });
    expect(next.status).toBe(201);
    const [after] = await findByEmail('after@rush.example');
    // 20 turns were used (0–19), so the 21st lead takes turn 20: the first owner again.
    expect(after!.ownerId).toBe(owners[0]);
  });
});

describe('an inbound-lead endpoint that is not set up', () => {
  it('answers 503 NOT_CONFIGURED without a secret, and without an owner once the secret is set', async () => {
    const { startCrm } = await import('../crm/crm-harness');
    const { startShellServer } = await import('../../../sandbox/shell/server');
    const { sign } = await import('./lead-harness');
    const crm = await startCrm();
    const shell = await startShellServer({ sandbox: crm.sandbox, port: 0 });
    try {
      crm.sandbox.jira.setSiteAdmin(USERS.alice, true);
      await crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
      const url = crm.sandbox.host.webTriggerUrl('relay-inbound-lead');
      const post = async (secret: string) => {
        const body = JSON.stringify({ email: 'ana@northwind.io' });
        const timestamp = String(Math.floor(Date.now() / 1000));
        const response = await fetch(url, { method: 'POST', headers: { 'x-relay-timestamp': timestamp, 'x-relay-signature': `v1=${sign(secret, timestamp, body)}` }, body });
        return [response.status, ((await response.json()) as { code: string }).code];
      };
      expect(await post('rls_anything-at-all-000000000000000000000')).toEqual([503, 'NOT_CONFIGURED']);
      const { secret } = await crm.ok('alice', Calls.leads.rotateSecret, { version: 0 });
      expect(await post(secret)).toEqual([503, 'NOT_CONFIGURED']);
      expect((await crm.list('vic', Calls.contacts.search, { text: 'ana', field: 'email' })).items).toEqual([]);
    } finally {
      await shell.close();
      await crm.close();
    }
  });
});

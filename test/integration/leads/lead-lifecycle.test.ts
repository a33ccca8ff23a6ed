import { Calls } from '../../../src/contracts/calls';
import { pinAppClock } from '../../support/app-clock';
import { errorOf, USERS } from '../crm/crm-harness';
import { startLeadSite, type LeadSite } from './lead-harness';

/**
 * A lead's life after it arrives, on the real handlers: the signing secret's rotation and grace
 * period, the settings only Jira admins change, routing by rules, the response SLA met by the owner's
 * first activity or breached by the hourly scan, the Leads tab's views, the funnel from lead to
 * opportunity, and a deal carrying its lead's source and campaign.
 */
const HOUR = 3_600_000;
// Tuesday 3 March 2026, 10:00 UTC.
const TUESDAY_10 = Date.UTC(2026, 2, 3, 10);

describe('a lead after it arrives', () => {
  let site: LeadSite;
  let clock: ReturnType<typeof pinAppClock>;

  beforeEach(async () => {
    site = await startLeadSite();
    site.crm.clock.set(TUESDAY_10);
    clock = pinAppClock(site.crm.clock);
    jest.spyOn(console, 'info').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    clock.restore();
    await site.close();
  });

  const lead = (n: number, extra: Record<string, unknown> = {}) => site.send({ email: `person${n}@company${n}.example`, name: `Person ${n}`, ...extra });
  const contactOf = async (n: number) => (await site.crm.list('vic', Calls.contacts.search, { text: `person${n}@`, field: 'email' })).items[0]!;

  describe('the signing secret', () => {
    it('keeps the replaced secret working for 24 hours after a rotation, then only the new one', async () => {
      const old = site.secret;
      const state = await site.crm.ok('alice', Calls.leads.secret, {});
      const rotated = await site.crm.ok('alice', Calls.leads.rotateSecret, { version: state.version });
      expect(rotated.secret).not.toBe(old);
      expect(rotated.state.previous).toMatchObject({ fingerprint: state.fingerprint, expiresAt: TUESDAY_10 + 24 * HOUR });
      expect((await site.send({ email: 'a@b.example' }, { secret: old })).status).toBe(201);
      clock.advance(24 * HOUR + 1_000);
      expect((await site.send({ email: 'c@d.example' }, { secret: old })).code).toBe('SIGNATURE_INVALID');
      expect((await site.send({ email: 'e@f.example' }, { secret: rotated.secret })).status).toBe(201);
      expect((await site.crm.ok('alice', Calls.leads.secret, {})).previous).toBeNull();
    });

    it('shows the secret once: its state never carries it, and a stale rotation is a conflict', async () => {
      const state = await site.crm.ok('alice', Calls.leads.secret, {});
      expect(JSON.stringify(state)).not.toContain(site.secret);
      expect(state).toMatchObject({ configured: true, createdBy: USERS.alice, graceHours: 24, url: site.url });
      expect(state.fingerprint).toMatch(/^[0-9a-f]{8}$/);
      await site.crm.ok('alice', Calls.leads.rotateSecret, { version: state.version });
      expect(errorOf(await site.crm.call('alice', Calls.leads.rotateSecret, { version: state.version })).code).toBe('CONFLICT');
    });

    it('accepts a secret the admin brings from their form tool, and refuses short ones', async () => {
      const state = await site.crm.ok('alice', Calls.leads.secret, {});
      const mine = 'form-tool-generated-secret-0123456789abcdef';
      expect(errorOf(await site.crm.call('alice', Calls.leads.rotateSecret, { version: state.version, secret: 'short' })).code).toBe('VALIDATION');
      await site.crm.ok('alice', Calls.leads.rotateSecret, { version: state.version, secret: mine });
      expect((await site.send({ email: 'g@h.example' }, { secret: mine })).status).toBe(201);
    });

    it('is for Jira admins only', async () => {
      expect(errorOf(await site.crm.call('sam', Calls.leads.secret, {})).code).toBe('FORBIDDEN');
      expect(errorOf(await site.crm.call('sam', Calls.leads.rotateSecret, { version: 1 })).code).toBe('FORBIDDEN');
    });
  });

  describe('the lead settings', () => {
    it('are read by anyone who sees the CRM, changed by Jira admins only, at the version read', async () => {
      const read = await site.crm.ok('vic', Calls.leads.settings, {});
      expect(read.canEdit).toBe(false);
      expect(errorOf(await site.crm.call('omar', Calls.leads.settings, {})).code).toBe('NOT_FOUND');
      expect(errorOf(await site.crm.call('sam', Calls.leads.saveSettings, { version: read.version, sla: read.sla })).code).toBe('FORBIDDEN');
      const saved = await site.crm.ok('alice', Calls.leads.saveSettings, { version: read.version, sla: { ...read.sla, hours: 8 } });
      expect(saved).toMatchObject({ version: read.version + 1, sla: { hours: 8 }, routing: read.routing, scoring: read.scoring });
      const stale = errorOf(await site.crm.call('alice', Calls.leads.saveSettings, { version: read.version, sla: read.sla }));
      expect(stale.code).toBe('CONFLICT');
      expect((stale.details?.current as { version: number }).version).toBe(read.version + 1);
    });

    it('refuse owners Jira does not know, naming each', async () => {
      const read = await site.crm.ok('alice', Calls.leads.settings, {});
      const error = errorOf(await site.crm.call('alice', Calls.leads.saveSettings, { version: read.version, routing: { mode: 'round-robin', owners: [USERS.sam, 'nobody-123'], rules: [], fallbackOwnerId: 'ghost' } }));
      expect(error.code).toBe('VALIDATION');
      expect(error.fields).toEqual([
        { path: 'routing.owners.1', message: 'Not an active person in Jira' },
        { path: 'routing.fallbackOwnerId', message: 'Not an active person in Jira' },
      ]);
    });

    it('route by region and segment rules, with the fallback for the rest', async () => {
      const read = await site.crm.ok('alice', Calls.leads.settings, {});
      await site.crm.ok('alice', Calls.leads.saveSettings, {
        version: read.version,
        routing: { mode: 'rules', owners: [], rules: [{ region: 'EMEA', segment: null, ownerId: USERS.alice }, { region: null, segment: 'smb', ownerId: USERS.vic }], fallbackOwnerId: USERS.dana },
      });
      await lead(1, { region: 'emea', segment: 'smb' });
      await lead(2, { region: 'APAC', segment: 'smb' });
      await lead(3, { region: 'APAC' });
      expect([(await contactOf(1)).ownerId, (await contactOf(2)).ownerId, (await contactOf(3)).ownerId]).toEqual([USERS.alice, USERS.vic, USERS.dana]);
      expect((await contactOf(3)).lead!.routedBy).toBe('fallback');
    });
  });

  describe('the response SLA', () => {
    beforeEach(async () => {
      const read = await site.crm.ok('alice', Calls.leads.settings, {});
      await site.crm.ok('alice', Calls.leads.saveSettings, { version: read.version, sla: { hours: 4, businessHours: { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 } } });
    });

    it('is met by the owner’s first logged activity, in business hours, and closes their task', async () => {
      await lead(1);
      const arrived = await contactOf(1);
      expect(arrived.lead!.sla).toMatchObject({ state: 'open', dueAt: TUESDAY_10 + 4 * HOUR });
      clock.advance(HOUR);
      // Someone else's note is not the owner's answer.
      await site.crm.ok('alice', Calls.activities.create, { recordType: 'contact', recordId: arrived.id, kind: 'note', subject: 'Saw this one' });
      expect((await contactOf(1)).lead!.sla!.state).toBe('open');
      // Reading the list waited for the storage index (seconds): the answer is timed from the clock as it is now.
      clock.advance(TUESDAY_10 + 1.5 * HOUR - site.crm.clock.now());
      await site.crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: arrived.id, kind: 'call', subject: 'Intro call' });
      const answered = await contactOf(1);
      expect(answered.lead!.sla).toMatchObject({ state: 'met', respondedAt: TUESDAY_10 + 1.5 * HOUR, responseHours: 1.5 });
      expect((await site.crm.list('sam', Calls.tasks.mine, {})).items).toEqual([]);
      const timeline = await site.crm.ok('vic', Calls.timeline.list, { recordType: 'contact', recordId: arrived.id });
      expect(timeline.items.flatMap((e) => (e.kind === 'change' ? e.changes : []))).toEqual(expect.arrayContaining([{ field: 'leadSla', from: 'open', to: 'met' }]));
    });

    it('is breached by the hourly scan once due, and the Leads tab lists new, unworked and breached leads', async () => {
      await lead(1);
      clock.advance(HOUR);
      await lead(2);
      clock.advance(3.5 * HOUR); // 14:30: lead 1 due at 14:00, lead 2 at 15:00.
      const scan = (await site.crm.sandbox.host.runScheduled('relay-hourly-sla-scan')) as { leadsBreached: number };
      expect(scan.leadsBreached).toBe(1);
      expect((await contactOf(1)).lead!.sla).toMatchObject({ state: 'breached', breachedAt: TUESDAY_10 + 4.5 * HOUR });
      const view = async (v: 'new' | 'unworked' | 'breached', user: 'sam' | 'alice' = 'sam', mine = false) =>
        (await site.crm.list(user, Calls.leads.list, { view: v, mine })).items.map((c) => c.name);
      expect(await view('new')).toEqual(['Person 2', 'Person 1']);
      expect(await view('unworked')).toEqual(['Person 2']);
      expect(await view('breached')).toEqual(['Person 1']);
      // Round robin: lead 1 is Sam's, lead 2 Alice's.
      expect(await view('new', 'sam', true)).toEqual(['Person 1']);
      expect(await view('unworked', 'alice', true)).toEqual(['Person 2']);
      // A late answer is recorded, and the lead leaves the breached list.
      await site.crm.ok('sam', Calls.activities.create, { recordType: 'contact', recordId: (await contactOf(1)).id, kind: 'email', subject: 'Sorry for the wait' });
      expect((await contactOf(1)).lead!.sla).toMatchObject({ state: 'breached', responseHours: 4.5 });
      expect(await view('breached')).toEqual([]);
    });

    it('counts no time out of hours: a lead on Friday evening is due on Monday', async () => {
      site.crm.clock.set(Date.UTC(2026, 2, 6, 18));
      clock.advance(0);
      await lead(1);
      expect((await contactOf(1)).lead!.sla!.dueAt).toBe(Date.UTC(2026, 2, 9, 13));
    });
  });

  describe('the funnel and the deal', () => {
    it('counts 50 leads, 10 SQLs and 2 opportunities as 20 % and 20 %, per segment and source', async () => {
      for (let n = 0; n < 50; n += 1) {
        expect((await lead(n, { segment: n % 2 ? 'smb' : 'enterprise', source: n < 30 ? 'webinar' : 'referral' })).status).toBe(201);
      }
      const contacts = await Promise.all(Array.from({ length: 10 }, (_, n) => contactOf(n)));
      for (const contact of contacts) {
        await site.crm.ok('sam', Calls.contacts.update, { contactId: contact.id, version: contact.version, changes: { lifecycleStage: 'sql' } });
      }
      await site.crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
      await site.crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Deal 0', contactIds: [contacts[0]!.id] });
      await site.crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Deal 1', contactIds: [contacts[1]!.id] });

      const funnel = await site.crm.ok('vic', Calls.leads.funnel, { kind: 'quarter', count: 2 });
      const quarter = funnel.periods.at(-1)!;
      expect(quarter.key).toBe('FY2026-Q1');
      expect(quarter.counts).toEqual({ lead: 50, mql: 10, sql: 10, opportunity: 2 });
      expect(quarter.conversion.leadToSql).toBeCloseTo(0.2, 10);
      expect(quarter.conversion.sqlToOpportunity).toBeCloseTo(0.2, 10);
      expect(funnel.periods[0]!.counts).toEqual({ lead: 0, mql: 0, sql: 0, opportunity: 0 });
      // Contacts 0–9: enterprise are the even ones; all ten came from the webinar.
      expect(quarter.bySegment.enterprise!.counts).toEqual({ lead: 25, mql: 5, sql: 5, opportunity: 1 });
      expect(quarter.bySource.webinar!.counts).toEqual({ lead: 30, mql: 10, sql: 10, opportunity: 2 });
      expect(quarter.bySource.referral!.conversion.leadToSql).toBe(0);
      expect(funnel).toMatchObject({ segments: ['enterprise', 'smb'], sources: ['referral', 'webinar'] });
      const smb = await site.crm.ok('vic', Calls.leads.funnel, { kind: 'month', count: 1, segment: 'smb' });
      expect(smb.periods[0]!.counts).toEqual({ lead: 25, mql: 5, sql: 5, opportunity: 1 });
      expect(funnel.glossary.leadConversion).toContain('next-stage count / previous-stage count');
    });

    it('gives a deal created from a lead its source, campaign and UTM, and makes the contact an opportunity', async () => {
      await lead(1, { source: 'webinar', campaign: 'spring-launch', utm_source: 'linkedin', utm_medium: 'paid-social' });
      const contact = await contactOf(1);
      await site.crm.ok('alice', Calls.pipelines.enable, { projectKey: 'SALES' });
      const deal = await site.crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'From the webinar', contactIds: [contact.id], companyId: contact.companyId! });
      expect(deal.source).toBe('webinar');
      expect(deal.attribution).toEqual({ channel: 'webinar', campaign: 'spring-launch', utm: { source: 'linkedin', medium: 'paid-social', campaign: null, term: null, content: null } });
      expect((await contactOf(1)).lifecycleStage).toBe('opportunity');
      // A seller who names the source keeps it; no campaign is implied.
      const named = await site.crm.ok('sam', Calls.deals.create, { projectKey: 'SALES', name: 'Partner deal', contactIds: [contact.id], source: 'partner' });
      expect([named.source, named.attribution]).toEqual(['partner', null]);
      // Win rate and pipeline cut by source read the lead's channel.
      const list = await site.crm.ok('sam', Calls.deals.list, { projectKey: 'SALES', source: 'webinar' });
      expect(list.items.map((d) => d.name)).toEqual(['From the webinar']);
    });
  });
});

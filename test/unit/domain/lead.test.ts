import { aContact } from '../../builders/contact';
import { breach, companyDomainOf, nameFromEmail, openSla, respond, trackFunnel } from '../../../src/domain/lead';

describe('a contact in the funnel', () => {
  it('marks every stage up to its lifecycle as reached once, counting a skipped stage as passed', () => {
    const lead = trackFunnel(aContact({ lifecycleStage: 'lead' }), 100);
    expect(lead.reached).toEqual(['lead']);
    const sql = trackFunnel({ ...lead.contact, lifecycleStage: 'sql' }, 200);
    expect(sql.reached).toEqual(['mql', 'sql']);
    expect(sql.contact.funnel!.reached).toEqual({ lead: 100, mql: 200, sql: 200 });
    // Back to lead and forward again: nothing is counted twice.
    const back = trackFunnel({ ...sql.contact, lifecycleStage: 'lead' }, 300);
    expect(trackFunnel({ ...back.contact, lifecycleStage: 'sql' }, 400).reached).toEqual([]);
  });

  it('keeps contacts outside the funnel out of it, and fixes the cell when they enter', () => {
    expect(trackFunnel(aContact({ lifecycleStage: 'other' }), 1).reached).toEqual([]);
    const entered = trackFunnel(aContact({ attribution: { channel: 'webinar', campaign: null, utm: { source: null, medium: null, campaign: null, term: null, content: null }, capturedAt: 1 } }), 1);
    expect(entered.contact.funnel).toMatchObject({ segment: 'none', source: 'webinar' });
  });
});

describe('the response SLA', () => {
  const sla = openSla(1_000, 5_000, 4);

  it('is met by an answer before it is due, and late (breached, answered) after', () => {
    expect(respond(sla, 4_000, 0.8)).toMatchObject({ state: 'met', respondedAt: 4_000, responseHours: 0.8, breachedAt: null });
    expect(respond(sla, 6_000, 5)).toMatchObject({ state: 'breached', respondedAt: 6_000, breachedAt: 5_000 });
    expect(respond(breach(sla, 5_500), 7_000, 6)).toMatchObject({ state: 'breached', respondedAt: 7_000, breachedAt: 5_500 });
  });

  it('breaches once, and only when due', () => {
    expect(breach(sla, 4_999)).toBe(sla);
    const breached = breach(sla, 5_000);
    expect(breached).toMatchObject({ state: 'breached', breachedAt: 5_000 });
    expect(breach(breached, 9_000)).toBe(breached);
  });
});

describe('lead facts', () => {
  it('takes the company domain from the e-mail, except for free-mail providers', () => {
    expect(companyDomainOf('ana@northwind.io')).toBe('northwind.io');
    expect(companyDomainOf('ana@gmail.com')).toBeNull();
    expect(companyDomainOf('ana@proton.me')).toBeNull();
  });

  it('names a person the form did not name after their e-mail', () => {
    expect(nameFromEmail('ana.silva+webinar@northwind.io')).toBe('Ana Silva');
  });
});

import { companyDuplicates, companyKey, contactDuplicates, mailboxKey, mergedContact, mergedLead, personKey, similarNames } from '../../../src/domain/dedupe';
import { EMPTY_LEAD, MAX_TOUCHES, type LeadInfo, type Touch } from '../../../src/domain/lead';
import { aCompany } from '../../builders/company';
import { aContact } from '../../builders/contact';

describe('likely duplicates', () => {
  it('reads one mailbox through +tags and Gmail dots, and nowhere else', () => {
    expect(mailboxKey('ana+crm@acme.io')).toBe('ana@acme.io');
    expect(mailboxKey('a.n.a@googlemail.com')).toBe(mailboxKey('ana@gmail.com'));
    expect(mailboxKey('a.na@acme.io')).not.toBe(mailboxKey('ana@acme.io'));
  });

  it('folds names: word order, accents, case, punctuation; company legal suffixes', () => {
    expect(personKey('López, Ana')).toBe(personKey('ana lopez'));
    expect(companyKey('The ACME Co., Inc.')).toBe('acme');
    expect(companyKey('Inc.')).toBe('inc');
  });

  it('calls names similar within a typo or two, never short ones', () => {
    expect(similarNames('john smith', 'jon smith')).toBe(true);
    expect(similarNames('globex', 'globex')).toBe(true);
    expect(similarNames('ana', 'ane')).toBe(false);
    expect(similarNames('initech', 'umbrella')).toBe(false);
  });

  it('pairs contacts by mailbox anywhere, and by similar name only at the same company', () => {
    const a = aContact({ id: 'a', name: 'Jon Smith', email: 'jon@x.io', companyId: 'c1' });
    const b = aContact({ id: 'b', name: 'John Smith', email: 'jon+news@x.io', companyId: 'c1' });
    const c = aContact({ id: 'c', name: 'John Smith', email: 'john@y.io', companyId: 'c2' });
    const archived = aContact({ id: 'd', name: 'Jon Smith', email: 'jon+old@x.io', companyId: 'c1', archived: true });
    expect(contactDuplicates([a, b, c, archived]).map((p) => [p.a.id, p.b.id, p.reasons])).toEqual([['a', 'b', ['same-email', 'similar-name']]]);
  });

  it('pairs companies by similar name, noting a shared domain stem', () => {
    const pairs = companyDuplicates([aCompany({ id: '1', name: 'Acme Inc.', domain: 'acme.io' }), aCompany({ id: '2', name: 'ACME', domain: 'acme.co.uk' }), aCompany({ id: '3', name: 'Initech', domain: 'initech.com' })]);
    expect(pairs.map((p) => [p.a.id, p.b.id, p.reasons.sort()])).toEqual([['1', '2', ['same-domain', 'same-name']]]);
  });

  it('merges contacts as chosen, filling blanks from the other and keeping the earlier first touch', () => {
    const touch = (channel: string, capturedAt: number) => ({ channel, campaign: null, utm: { source: null, medium: null, campaign: null, term: null, content: null }, capturedAt });
    const survivor = aContact({ id: 's', name: 'Ana', phone: null, title: 'Buyer', attribution: touch('Paid', 200), createdAt: 500 });
    const other = aContact({ id: 'o', name: 'Ana López', phone: '+34', title: 'CFO', attribution: touch('Organic', 100), createdAt: 300 });
    const merged = mergedContact(survivor, other, { name: 'other' });
    expect(merged).toMatchObject({ id: 's', name: 'Ana López', phone: '+34', title: 'Buyer', createdAt: 300 });
    expect(merged.attribution?.channel).toBe('Organic');
  });

  it('keeps the inbound-lead touches of both contacts in time order, counting every one, and the survivor\'s own routing', () => {
    const touch = (at: number, source: string): Touch => ({ at, source, campaign: null, utm: { source: null, medium: null, campaign: null, term: null, content: null }, formType: null });
    const survivor: LeadInfo = { ...EMPTY_LEAD, touches: [touch(200, 'webinar'), touch(400, 'pricing')], touchCount: 2, routedBy: 'rule', taskId: 'task-s' };
    const other: LeadInfo = { ...EMPTY_LEAD, touches: [touch(100, 'ads'), touch(300, 'newsletter')], touchCount: 7, routedBy: 'round-robin', taskId: 'task-o' };
    const merged = mergedLead(survivor, other);
    expect(merged?.touches.map((t) => t.source)).toEqual(['ads', 'webinar', 'newsletter', 'pricing']);
    expect(merged).toMatchObject({ touchCount: 9, routedBy: 'rule', taskId: 'task-s' });
    expect(mergedLead(null, other)).toBe(other);
    expect(mergedLead(survivor, null)).toBe(survivor);
    const many = (from: number): LeadInfo => ({ ...EMPTY_LEAD, touches: Array.from({ length: MAX_TOUCHES }, (_, i) => touch(from + i * 2, `s${from + i * 2}`)), touchCount: MAX_TOUCHES });
    const capped = mergedLead(many(0), many(1));
    expect(capped?.touches).toHaveLength(MAX_TOUCHES);
    expect(capped?.touches.at(-1)?.at).toBe(2 * MAX_TOUCHES - 1);
    expect(capped?.touchCount).toBe(2 * MAX_TOUCHES);
  });
});

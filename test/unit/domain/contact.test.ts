import { fieldChanges } from '../../../src/domain/audit';
import {
  archiveContact, checkConsent, checkLeadScore, clampLeadScore, CONTACT_AUDITED_FIELDS, contactAuditView, ContactError, contactEmail, firstTouch,
  newContact, restoreContact, updateContact,
} from '../../../src/domain/contact';
import { aContact } from '../../builders/contact';
import { T0 } from '../../builders/deal';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof ContactError) return `${error.code}${error.field ? `@${error.field}` : ''}`;
    throw error;
  }
  return undefined;
}

describe('contact rules', () => {
  it('starts a contact as a lead with a normalised email, unknown consent and score 0', () => {
    const contact = newContact({ name: ' Ana  Lopez ', email: 'ANA@Example.com ', ownerId: 'u1' }, 'p1', T0);
    expect(contact).toEqual({
      id: 'p1', name: 'Ana Lopez', email: 'ana@example.com', phone: null, title: null, companyId: null, lifecycleStage: 'lead', attribution: null,
      consent: { status: 'unknown', basis: null, date: null }, ownerId: 'u1', leadScore: 0, lead: null, funnel: null, archived: false, createdAt: T0, updatedAt: T0, version: 0,
    });
    expect(contactEmail('  ')).toBeNull();
    expect(codeOf(() => contactEmail('ana@'))).toBe('EMAIL_INVALID@email');
  });

  it('stamps the first touch with its time and fills missing UTM fields with null', () => {
    const contact = newContact({ name: 'Ana', ownerId: 'u1', attribution: { channel: ' webinar ', utm: { source: 'linkedin', term: '' } } }, 'p1', T0);
    expect(contact.attribution).toEqual({ channel: 'webinar', campaign: null, utm: { source: 'linkedin', medium: null, campaign: null, term: null, content: null }, capturedAt: T0 });
    expect(codeOf(() => newContact({ name: 'Ana', ownerId: 'u1', attribution: { channel: ' ' } }, 'p1', T0))).toBe('ATTRIBUTION_INVALID@attribution.channel');
  });

  it('never overwrites the first touch once set', () => {
    const touched = aContact({ attribution: { channel: 'webinar', campaign: 'Q4', utm: { source: null, medium: null, campaign: null, term: null, content: null }, capturedAt: T0 } });
    expect(firstTouch(touched.attribution, { channel: 'ads' }, T0 + 9)).toBe(touched.attribution);
    expect(firstTouch(null, { channel: 'ads' }, T0 + 9)).toMatchObject({ channel: 'ads', capturedAt: T0 + 9 });
    expect(codeOf(() => updateContact(touched, { attribution: { channel: 'ads' } }, T0 + 1))).toBe('ATTRIBUTION_LOCKED@attribution');
    expect(codeOf(() => updateContact(touched, { attribution: null }, T0 + 1))).toBe('ATTRIBUTION_LOCKED@attribution');
    // Sending back what is stored is not a change: the original capture time stays.
    expect(updateContact(touched, { attribution: { channel: 'webinar', campaign: 'Q4' } }, T0 + 1).attribution).toEqual(touched.attribution);
    expect(updateContact(aContact(), { attribution: { channel: 'ads' } }, T0 + 1).attribution).toMatchObject({ channel: 'ads', capturedAt: T0 + 1 });
  });

  it('requires a date for every consent answer and a basis for granted consent', () => {
    expect(checkConsent({ status: 'granted', basis: 'consent', date: '2026-11-02' })).toEqual({ status: 'granted', basis: 'consent', date: '2026-11-02' });
    expect(checkConsent({ status: 'withdrawn', basis: null, date: '2026-11-02' }).status).toBe('withdrawn');
    expect(codeOf(() => checkConsent({ status: 'granted', basis: null, date: '2026-11-02' }))).toBe('CONSENT_INVALID@consent.basis');
    expect(codeOf(() => checkConsent({ status: 'denied', basis: null, date: null }))).toBe('CONSENT_INVALID@consent.date');
    expect(codeOf(() => checkConsent({ status: 'unknown', basis: null, date: '2026-11-02' }))).toBe('CONSENT_INVALID@consent.date');
    expect(codeOf(() => checkConsent({ status: 'granted', basis: 'contract', date: '2026-02-30' }))).toBe('CONSENT_INVALID@consent.date');
  });

  it('keeps lead scores whole numbers from 0 to 100', () => {
    expect(checkLeadScore(0)).toBe(0);
    expect(checkLeadScore(100)).toBe(100);
    for (const bad of [-1, 101, 50.5, Number.NaN]) expect(codeOf(() => checkLeadScore(bad))).toBe('LEAD_SCORE_INVALID@leadScore');
    expect([clampLeadScore(-20), clampLeadScore(140), clampLeadScore(42.6), clampLeadScore(Number.POSITIVE_INFINITY)]).toEqual([0, 100, 43, 0]);
  });

  it('keeps an archived contact read-only until it is restored', () => {
    const archived = archiveContact(aContact(), T0 + 1);
    expect(archived.archived).toBe(true);
    expect(codeOf(() => updateContact(archived, { title: 'CEO' }, T0 + 2))).toBe('CONTACT_ARCHIVED');
    expect(codeOf(() => archiveContact(archived, T0 + 2))).toBe('CONTACT_ARCHIVED');
    expect(restoreContact(archived, T0 + 3)).toMatchObject({ archived: false, updatedAt: T0 + 3 });
    expect(codeOf(() => restoreContact(aContact(), T0))).toBe('CONTACT_NOT_ARCHIVED');
  });

  it('audits nested values as plain fields, so equal consent is no change and a new one reads field by field', () => {
    const contact = aContact();
    const same = updateContact(contact, { consent: { status: 'unknown', basis: null, date: null }, name: 'Ana Lopez' }, T0 + 1);
    expect(fieldChanges(contactAuditView(contact), contactAuditView(same), CONTACT_AUDITED_FIELDS)).toEqual([]);
    const granted = updateContact(contact, { consent: { status: 'granted', basis: 'consent', date: '2026-11-02' }, email: 'Ana.Lopez@Example.com' }, T0 + 1);
    expect(fieldChanges(contactAuditView(contact), contactAuditView(granted), CONTACT_AUDITED_FIELDS)).toEqual([
      { field: 'email', from: 'ana@example.com', to: 'ana.lopez@example.com' },
      { field: 'consent.status', from: 'unknown', to: 'granted' },
      { field: 'consent.basis', from: null, to: 'consent' },
      { field: 'consent.date', from: null, to: '2026-11-02' },
    ]);
  });
});

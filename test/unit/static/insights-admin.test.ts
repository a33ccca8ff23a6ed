import { addRate, checkDraft, draftOf, inputOf, mapFieldErrors, removeRate, sameDraft, setOverride, updateRate } from '../../../static/src/admin/site-draft';
import type { SiteRecord } from '../../../static/src/admin/site-draft';
import { GLOSSARY, GLOSSARY_KEYS, glossaryWith } from '../../../src/domain/glossary';
import { hasMessage } from '../../../static/src/lib/i18n';

function aRecord(extra: Partial<SiteRecord> = {}): SiteRecord {
  return { reportingCurrency: 'EUR', rates: { USD: '0.9', GBP: '1.17' }, fiscalYearStartMonth: 2, glossary: glossaryWith({ stale: 'Ours' }), glossaryOverrides: { stale: 'Ours' }, version: 4, canEdit: true, unconverted: null, ...extra };
}

describe('the site settings draft', () => {
  it('starts from the stored settings: rates by currency, every definition with the override or empty', () => {
    const draft = draftOf(aRecord());
    expect(draft.rates.map((r) => [r.currency, r.rate])).toEqual([['GBP', '1.17'], ['USD', '0.9']]);
    expect(draft.overrides.stale).toBe('Ours');
    expect(draft.overrides.winRate).toBe('');
    expect(Object.keys(draft.overrides)).toEqual(Object.keys(GLOSSARY));
  });

  it('sends what the admin typed at the version read, leaving empty definitions to Relay', () => {
    let draft = draftOf(aRecord());
    draft = updateRate(addRate(draft, 'row'), 2, { currency: 'jpy', rate: '0.0061' });
    draft = setOverride(setOverride(draft, 'winRate', '  Won over closed.  '), 'stale', '   ');
    const checked = checkDraft(draft, 4);
    expect(checked.fields).toEqual({});
    expect(checked.input).toEqual({
      version: 4, reportingCurrency: 'EUR', rates: { GBP: '1.17', USD: '0.9', JPY: '0.0061' }, fiscalYearStartMonth: 2, glossaryOverrides: { winRate: 'Won over closed.' },
    });
    expect(sameDraft(draft, draftOf(aRecord()))).toBe(false);
    expect(sameDraft(removeRate(draftOf(aRecord()), 0), draftOf(aRecord()))).toBe(false);
    expect(sameDraft(setOverride(draftOf(aRecord()), 'winRate', '  '), draftOf(aRecord()))).toBe(true);
  });

  it('refuses a rate beside its row: missing, duplicate or reporting currency, and rates that are not positive decimals', () => {
    let draft = draftOf(aRecord());
    draft = addRate(addRate(addRate(addRate(draft, 'a'), 'b'), 'c'), 'd');
    draft = updateRate(draft, 2, { currency: '', rate: '1' });
    draft = updateRate(draft, 3, { currency: 'USD', rate: '1' });
    draft = updateRate(draft, 4, { currency: 'EUR', rate: '1' });
    draft = updateRate(draft, 5, { currency: 'CHF', rate: '0' });
    draft = updateRate(draft, 1, { rate: '1,2' });
    const checked = checkDraft(draft, 4);
    expect(checked.input).toBeNull();
    expect(checked.fields).toMatchObject({
      'rates.2.currency': 'Enter a currency code.',
      'rates.3.currency': 'This currency already has a rate.',
      'rates.4.currency': 'The reporting currency needs no rate.',
      'rates.5.rate': 'A rate above 0, e.g. 0.92.',
      'rates.1.rate': 'Not a rate: type a decimal number, e.g. 1.0825.',
    });
  });

  it('refuses an unknown reporting currency and a definition over 500 characters with the shared schema’s words', () => {
    const draft = setOverride({ ...draftOf(aRecord({ rates: {} })), reportingCurrency: 'EURO' }, 'velocity', 'x'.repeat(501));
    const checked = checkDraft(draft, 4);
    expect(checked.input).toBeNull();
    expect(checked.fields.reportingCurrency).toBe('An ISO 4217 currency code, e.g. EUR');
    expect(checked.fields['glossary.velocity']).toMatch(/500/);
  });

  it('puts the server’s field errors beside the row that holds the currency', () => {
    const draft = draftOf(aRecord());
    expect(mapFieldErrors([{ path: 'rates.USD', message: 'Must be more than 0' }, { path: 'glossaryOverrides.stale', message: 'Too long' }, { path: 'version', message: 'Old' }], draft)).toEqual({
      'rates.1.rate': 'Must be more than 0',
      'glossary.stale': 'Too long',
      version: 'Old',
    });
    expect(inputOf(draft, 4).rates).toEqual({ GBP: '1.17', USD: '0.9' });
  });
});

describe('the glossary as the admin page lists it', () => {
  it('names every definition Relay has, so no term shows as a raw key', () => {
    const missing = GLOSSARY_KEYS.filter((key) => !hasMessage(`insights.glossary.${key}`));
    expect(missing).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { messages as uiKitMessages, chooseMessages, t as uiKitT, tCount } from '../../../src/frontend/i18n';
import { ApiError } from '../../../static/src/lib/api-error';
import { errorMessage } from '../../../static/src/lib/components';
import { numberForInput } from '../../../static/src/lib/field-messages';
import { amountFromText } from '../../../static/src/project-page/records/forms';
import { listText, loadMessages, messageLocale, messageLocaleOf, t, tn } from '../../../static/src/lib/i18n';

/**
 * Issue 18 item 4: English and German ship complete. Every en-US key has a de-DE translation (and
 * German has no key English lacks), with the same `{placeholders}` and the plural forms German's
 * Intl.PluralRules needs. Failures name the keys, so whoever adds English strings (or merges a
 * branch that did) gets the list to translate.
 */
const ROOT = path.resolve(__dirname, '../../..');
const EN_DIR = path.join(ROOT, 'static/src/i18n/en-US');
const DE_DIR = path.join(ROOT, 'static/src/i18n/de-DE');

type Table = Record<string, string>;
const read = (file: string): Table => JSON.parse(readFileSync(file, 'utf8')) as Table;
const areas = readdirSync(EN_DIR).filter((f) => f.endsWith('.json')).sort();

const placeholders = (text: string): string[] => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();

/** Per key, the placeholder lists that differ between the two tables ("key: en {a,b} ≠ de {a}"). */
function placeholderMismatches(en: Table, de: Table): string[] {
  return Object.keys(en)
    .filter((key) => key in de && placeholders(en[key] ?? '').join(',') !== placeholders(de[key] ?? '').join(','))
    .map((key) => `${key}: en {${placeholders(en[key] ?? '').join(',')}} ≠ de {${placeholders(de[key] ?? '').join(',')}}`);
}

/** Plural bases (`x` of `x.one`/`x.other`) whose German forms are missing a category de-DE's rules pick for whole counts. */
function missingPluralForms(en: Table, de: Table): string[] {
  const rules = new Intl.PluralRules('de-DE');
  const needed = [...new Set(Array.from({ length: 200 }, (_, n) => rules.select(n)))].sort();
  const bases = new Set(Object.keys(en).filter((k) => k.endsWith('.other') && `${k.slice(0, -'.other'.length)}.one` in en).map((k) => k.slice(0, -'.other'.length)));
  return [...bases].flatMap((base) => needed.filter((form) => !(`${base}.${form}` in de)).map((form) => `${base}.${form}`));
}

/**
 * German messages that are word for word the English one are allowed only where German uses the
 * same words (the brand, CRM terms Jira's German keeps, e.g. Deal, Lead, MQL, SQL) or where there are no words at all (pure
 * placeholders and symbols); anything else is an untranslated string a German user would read in English.
 */
const SAME_IN_GERMAN = new Set(['Relay', 'Pipeline', 'Commit', 'Deal', 'Deal: {name}', 'Deals', 'Deals in {project}', 'Lead', 'Leads', 'Lead → SQL', 'Segment', 'Region', 'Name', 'Domain', 'Details', 'GRR', 'NRR', 'Import / Export', 'Import', 'Export', 'In {currency}']);
const hasWords = (text: string): boolean => /\p{L}{2,}/u.test(text.replace(/\{\w+\}/g, '').replace(/\b(CRM|FY|ARR|MQL|SQL)\b/g, ''));

function untranslated(en: Table, de: Table): string[] {
  return Object.keys(en).filter((key) => key in de && de[key] === en[key] && hasWords(en[key] ?? '') && !SAME_IN_GERMAN.has(en[key] ?? ''));
}

describe('the Custom UI translation tables', () => {
  it('has a de-DE file for every en-US area and no other', () => {
    expect(readdirSync(DE_DIR).filter((f) => f.endsWith('.json')).sort()).toEqual(areas);
  });

  it.each(areas)('%s: every en-US key is in de-DE and de-DE has no extra keys', (area) => {
    const en = read(path.join(EN_DIR, area));
    const de = read(path.join(DE_DIR, area));
    expect({ missingInGerman: Object.keys(en).filter((k) => !(k in de)), notInEnglish: Object.keys(de).filter((k) => !(k in en)) }).toEqual({ missingInGerman: [], notInEnglish: [] });
  });

  it.each(areas)('%s: the same placeholders in both languages', (area) => {
    expect(placeholderMismatches(read(path.join(EN_DIR, area)), read(path.join(DE_DIR, area)))).toEqual([]);
  });

  it.each(areas)('%s: every plural message has the forms German needs', (area) => {
    expect(missingPluralForms(read(path.join(EN_DIR, area)), read(path.join(DE_DIR, area)))).toEqual([]);
  });

  it.each(areas)('%s: no German message is left in English', (area) => {
    expect(untranslated(read(path.join(EN_DIR, area)), read(path.join(DE_DIR, area)))).toEqual([]);
  });

  it('no key is defined in two areas (a later area would silently win)', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const area of areas) {
      for (const key of Object.keys(read(path.join(EN_DIR, area)))) {
        if (seen.has(key)) twice.push(`${key} (${seen.get(key)}, ${area})`);
        else seen.set(key, area);
      }
    }
    expect(twice).toEqual([]);
  });
});

describe('the UI Kit translation tables', () => {
  const en = uiKitMessages['en-US'];
  const de = uiKitMessages['de-DE'];
  afterEach(() => chooseMessages('en-US'));

  it('has the same keys, placeholders and plural forms in de-DE as in en-US, all translated', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(placeholderMismatches(en, de)).toEqual([]);
    expect(missingPluralForms(en, de)).toEqual([]);
    expect(untranslated(en, de)).toEqual([]);
  });

  it('speaks German to a German Jira user and English to everyone else', () => {
    chooseMessages('de-DE');
    expect(uiKitT('glance.none')).toBe('Kein Deal verknüpft');
    expect(tCount({ one: 'link.matches.one', other: 'link.matches.other' }, 1)).toBe('1 offener Deal passt');
    expect(tCount({ one: 'link.matches.one', other: 'link.matches.other' }, 3)).toBe('3 offene Deals passen');
    chooseMessages('fr-FR');
    expect(uiKitT('glance.none')).toBe('No deal linked');
  });
});

describe('choosing the Custom UI language', () => {
  afterEach(async () => {
    await loadMessages('en-US');
  });

  it('maps every German variant to de-DE and every other language to en-US', () => {
    expect(['de-DE', 'de-AT', 'de_CH', 'de', 'DE-de'].map(messageLocaleOf)).toEqual(['de-DE', 'de-DE', 'de-DE', 'de-DE', 'de-DE']);
    expect(['en-US', 'en-GB', 'fr-FR', 'da-DK', 'dsb-DE', '', undefined].map(messageLocaleOf)).toEqual(['en-US', 'en-US', 'en-US', 'en-US', 'en-US', 'en-US', 'en-US']);
  });

  it('loads the German table for a German user: strings, plurals and lists in German', async () => {
    expect(await loadMessages('de-AT')).toBe('de-DE');
    expect(messageLocale()).toBe('de-DE');
    expect(t('common.save')).toBe('Speichern');
    expect(t('board.move.done', { name: 'Acme', stage: 'Angebot' })).toBe('Acme nach Angebot verschoben');
    expect(tn('records.value.contacts', 1)).toBe('1 Kontakt');
    expect(tn('records.value.contacts', 2)).toBe('2 Kontakte');
    expect(listText(['Alice', 'Dana', 'Sam'])).toBe('Alice, Dana und Sam');
  });

  it('goes back to English for an English user', async () => {
    await loadMessages('de-DE');
    expect(await loadMessages('en-GB')).toBe('en-US');
    expect(t('common.save')).toBe('Save');
    expect(listText(['Alice', 'Dana', 'Sam'])).toBe('Alice, Dana, and Sam');
  });
});

describe('server errors a German user reads', () => {
  afterEach(async () => {
    await loadMessages('en-US');
  });

  it('words coded refusals in German and never shows the back end’s English sentence', async () => {
    const stageGone = new ApiError('VALIDATION', 'That stage was removed from the pipeline. Reload the board and try again.', 'deals/move', [], { reason: 'STAGE_UNKNOWN' });
    const uncoded = new ApiError('VALIDATION', 'The card’s neighbours changed; reload the board and move it again.', 'deals/move');
    const conflict = new ApiError('CONFLICT', 'This issue is linked to a deal already; unlink it first.', 'issue/link');
    expect([stageGone, uncoded, conflict].map(errorMessage)).toEqual([stageGone.message, uncoded.message, conflict.message]);
    await loadMessages('de-DE');
    expect([stageGone, uncoded, conflict].map(errorMessage)).toEqual([
      'Diese Phase wurde aus der Pipeline entfernt. Laden Sie das Board neu und versuchen Sie es erneut.',
      'Einige Werte sind ungültig.',
      'Jemand anderes hat dies inzwischen geändert. Laden Sie neu und versuchen Sie es erneut.',
    ]);
  });
});

describe('amounts a German user types', () => {
  afterEach(async () => {
    await loadMessages('en-US');
  });

  it('reads "12.500,50" as 12500.50 and "1.234" as 1234 in German, and "1.234" as 1.234 in English', async () => {
    expect([amountFromText('12,500.50', 'EUR'), amountFromText('1.234', 'EUR'), amountFromText('12.500,50', 'EUR')]).toEqual([
      { ok: true, amountMinor: 1_250_050 },
      // 1.234 in English: three decimals, more than EUR has (not 1234).
      { ok: false, message: t('records.error.amountPrecision', { currency: 'EUR', digits: 2 }) },
      { ok: false, message: t('records.error.amount', { example: '12,000.50' }) },
    ]);
    await loadMessages('de-DE');
    expect([amountFromText('12.500,50', 'EUR'), amountFromText('12500,50', 'EUR'), amountFromText('1.234', 'EUR'), amountFromText('12000.50', 'EUR'), amountFromText('12000', 'EUR')]).toEqual([
      { ok: true, amountMinor: 1_250_050 },
      { ok: true, amountMinor: 1_250_050 },
      { ok: true, amountMinor: 123_400 },
      { ok: true, amountMinor: 1_200_050 },
      { ok: true, amountMinor: 1_200_000 },
    ]);
    // What an input shows of a stored amount or rate is what the user would type: a decimal comma.
    expect([numberForInput('12500.50'), numberForInput('1.0825'), numberForInput('250000')]).toEqual(['12500,50', '1,0825', '250000']);
    // Not a German number (a comma among the thousands): refused in German, with a German example.
    expect(amountFromText('12,000.50', 'EUR')).toEqual({ ok: false, message: 'Kein Betrag: Geben Sie Ziffern ein, z. B. 12.000,50.' });
  });
});

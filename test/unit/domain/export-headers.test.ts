import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMPANY_COLUMNS, CONTACT_COLUMNS, DEAL_COLUMNS, headerKeyOf, headerLine } from '../../../src/domain/export-columns';
import { suggestMapping, type ImportKind } from '../../../src/domain/import-fields';

/**
 * CSV headers come from the translation resources (locales/*.json, `csv.header.*`) in the exporting
 * user's language, and the import recognises Relay's own headers in every language shipped: a
 * column of a German export maps to the same field as the same column of an English one.
 */
const ROOT = path.resolve(__dirname, '../../..');
type Tree = { [key: string]: string | Tree };
const table = (locale: string): Tree => JSON.parse(readFileSync(path.join(ROOT, 'locales', `${locale}.json`), 'utf8')) as Tree;
const lookup = (tree: Tree, key: string): string | undefined => {
  const value = key.split('.').reduce<string | Tree | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), tree);
  return typeof value === 'string' ? value : undefined;
};
const LOCALES = ['en-US', 'de-DE'];
const TABLES: Array<[ImportKind, ReadonlyArray<{ key: string; header: Parameters<typeof headerKeyOf>[0] }>]> = [
  ['deals', DEAL_COLUMNS],
  ['companies', COMPANY_COLUMNS],
  ['contacts', CONTACT_COLUMNS],
];
const headersIn = (locale: string, columns: ReadonlyArray<{ header: Parameters<typeof headerKeyOf>[0] }>) => columns.map((c) => lookup(table(locale), headerKeyOf(c.header)) ?? `MISSING ${headerKeyOf(c.header)}`);

describe('CSV export headers', () => {
  it.each(LOCALES)('every export column has its header in %s', (locale) => {
    const missing = TABLES.flatMap(([, columns]) => columns.map((c) => headerKeyOf(c.header)).filter((key) => lookup(table(locale), key) === undefined));
    expect(missing).toEqual([]);
  });

  it('writes the header row with the translation function it is given', () => {
    const german = (key: string) => lookup(table('de-DE'), key) ?? key;
    expect(headerLine(DEAL_COLUMNS.slice(0, 5), german)).toBe('Externe ID,Name,Unternehmensname,Phase,Betrag\r\n');
  });

  it.each(TABLES)('%s: each column of a German export maps to the field its English header maps to', (kind, columns) => {
    const english = suggestMapping(kind, headersIn('en-US', columns));
    expect(english.filter((t) => t !== null).length).toBeGreaterThan(4);
    expect(suggestMapping(kind, headersIn('de-DE', columns))).toEqual(english);
  });

  it('German headers map within a file of mixed other columns, as English ones do', () => {
    expect(suggestMapping('contacts', ['E-Mail', 'Lebenszyklusphase', 'Unternehmensname', 'Einwilligung', 'Notes'])).toEqual(['email', 'lifecycleStage', 'companyName', 'consentStatus', null]);
    expect(suggestMapping('deals', ['Betrag', 'Währung', 'Phase', 'Abschlussdatum'])).toEqual(['amount', 'currency', 'stage', 'closeDate']);
  });
});

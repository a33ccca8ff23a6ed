import { readFileSync } from 'node:fs';
import path from 'node:path';
import { carriedFields, fillTemplate, handoffDescription, ISSUE_WORDS, type DealFacts, type IssueWords } from '../../../src/domain/delivery-issue';
import type { Deal } from '../../../src/domain/deal';

/** The issue text's words as shipped (locales/*.json, the resources Forge deploys with the functions). */
const wordsOf = (locale: string): IssueWords => (JSON.parse(readFileSync(path.resolve(__dirname, `../../../locales/${locale}.json`), 'utf8')) as { issueText: IssueWords }).issueText;
const en = wordsOf('en-US');
const de = wordsOf('de-DE');

const facts = (overrides: Partial<DealFacts> = {}): DealFacts => ({
  deal: { name: 'Platform rollout', closeDate: '2026-12-15' } as Deal,
  companyName: 'Acme',
  contacts: [],
  dealUrl: 'https://site.example/deal/1',
  amountText: '48,000.00 EUR',
  ...overrides,
});

describe('the delivery issue a deal becomes', () => {
  it('fills the known placeholders and leaves unknown ones as typed, built-in object names included', () => {
    expect(fillTemplate('Deliver {{deal.name}} for {{ company.name }} ({{deal.amount}}, {{deal.closeDate}})', facts(), en)).toBe('Deliver Platform rollout for Acme (48,000.00 EUR, 2026-12-15)');
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'deal', 'deal.constructor']) {
      expect(fillTemplate(`{{${name}}}`, facts(), en)).toBe(`{{${name}}}`);
    }
    expect(fillTemplate('{{company.name}}', facts({ companyName: null }), en)).toBe('no company');
    expect(fillTemplate('{{company.name}}', facts({ companyName: null }), de)).toBe('keine Firma');
  });

  it('lists every deal field the issue carries: summary placeholders, description sections, property', () => {
    const carried = carriedFields({ summaryTemplate: 'Deliver {{deal.name}} {{deal.name}} {{constructor}}', includeContactEmails: false });
    expect(carried.filter((c) => c.part === 'summary').map((c) => c.field)).toEqual(['dealName']);
    expect(carried.filter((c) => c.part === 'description').map((c) => c.field)).toEqual(['dealLink', 'companyName', 'amount', 'contract', 'scope', 'notSold', 'successCriteria', 'stakeholders', 'contactNames']);
    expect(carried.filter((c) => c.part === 'property').map((c) => c.field)).toEqual(['dealId', 'companyId', 'companyName', 'handoffState']);
    expect(carriedFields({ summaryTemplate: 'x', includeContactEmails: true }).filter((c) => c.field === 'contactEmails')).toEqual([{ field: 'contactEmails', part: 'description' }]);
  });

  it('ships every word of the issue text in English and German', () => {
    for (const words of [en, de]) for (const word of ISSUE_WORDS) expect(words[word]?.trim()).toBeTruthy();
    expect(en.intro).toContain('{deal}');
    expect(de.intro).toContain('{deal}');
  });

  it('writes the description in the template’s language, the deal’s name linked inside the sentence', () => {
    const deal = { name: 'Plattform', recurring: false, scope: 'SSO', contractStart: null, contractEnd: null } as unknown as Deal;
    const doc = handoffDescription(facts({ deal, contacts: [{ name: 'Ana', title: null, email: null }] }), de) as { content: Array<{ type: string; content: Array<{ text: string; marks?: unknown[] }> }> };
    expect(doc.content[0]!.content.map((n) => n.text)).toEqual(['Übergabe vom Vertrieb für ', 'Plattform', '.']);
    expect(doc.content[0]!.content[1]!.marks).toEqual([{ type: 'link', attrs: { href: 'https://site.example/deal/1' } }]);
    const headings = doc.content.filter((n) => n.type === 'heading').map((n) => n.content[0]!.text);
    expect(headings).toEqual(['Leistungsumfang', 'Nicht verkauft', 'Erfolgskriterien', 'Beteiligte', 'Kontakte']);
    expect(doc.content[1]!.content.map((n) => n.text)).toEqual(['Firma: ', 'Acme']);
  });
});

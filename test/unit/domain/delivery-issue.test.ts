import { carriedFields, fillTemplate, type DealFacts } from '../../../src/domain/delivery-issue';
import type { Deal } from '../../../src/domain/deal';

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
    expect(fillTemplate('Deliver {{deal.name}} for {{ company.name }} ({{deal.amount}}, {{deal.closeDate}})', facts())).toBe('Deliver Platform rollout for Acme (48,000.00 EUR, 2026-12-15)');
    for (const name of ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'deal', 'deal.constructor']) {
      expect(fillTemplate(`{{${name}}}`, facts())).toBe(`{{${name}}}`);
    }
    expect(fillTemplate('{{company.name}}', facts({ companyName: null }))).toBe('no company');
  });

  it('lists every deal field the issue carries: summary placeholders, description sections, property', () => {
    const carried = carriedFields({ summaryTemplate: 'Deliver {{deal.name}} {{deal.name}} {{constructor}}', includeContactEmails: false });
    expect(carried.filter((c) => c.part === 'summary').map((c) => c.field)).toEqual(['dealName']);
    expect(carried.filter((c) => c.part === 'description').map((c) => c.field)).toEqual(['dealLink', 'companyName', 'amount', 'contract', 'scope', 'notSold', 'successCriteria', 'stakeholders', 'contactNames']);
    expect(carried.filter((c) => c.part === 'property').map((c) => c.field)).toEqual(['dealId', 'companyId', 'companyName', 'handoffState']);
    expect(carriedFields({ summaryTemplate: 'x', includeContactEmails: true }).filter((c) => c.field === 'contactEmails')).toEqual([{ field: 'contactEmails', part: 'description' }]);
  });
});

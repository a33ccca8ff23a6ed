import { archiveCompany, CompanyError, companyDomain, domainPrefix, newCompany, restoreCompany, updateCompany } from '../../../src/domain/company';
import { aCompany } from '../../builders/company';
import { T0 } from '../../builders/deal';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CompanyError) return `${error.code}${error.field ? `@${error.field}` : ''}`;
    throw error;
  }
  return undefined;
}

describe('company rules', () => {
  it('starts a company as a prospect with its domain normalised and derived values not yet known', () => {
    const company = newCompany({ name: '  Acme \t Corp ', domain: 'https://www.ACME.io/about', ownerId: 'u1', industry: '  ' }, 'c1', T0);
    expect(company).toEqual({
      id: 'c1', name: 'Acme Corp', domain: 'acme.io', industry: null, segment: null, region: null, ownerId: 'u1', lifecycle: 'prospect',
      arrByCurrency: {}, arrMinor: 0, health: 'unknown', healthDetail: null, renewalDate: null, archived: false, createdAt: T0, updatedAt: T0, version: 0,
    });
  });

  it('treats a blank domain as none and refuses text that is not a domain', () => {
    expect(companyDomain('   ')).toBeNull();
    expect(companyDomain(null)).toBeNull();
    expect(codeOf(() => companyDomain('acme'))).toBe('DOMAIN_INVALID@domain');
    expect(codeOf(() => newCompany({ name: ' ', ownerId: 'u1' }, 'c1', T0))).toBe('NAME_REQUIRED@name');
  });

  it('applies only the fields an edit names, and clears those set to null', () => {
    const company = aCompany({ industry: 'Retail', region: 'EMEA' });
    const next = updateCompany(company, { industry: null, segment: 'enterprise', domain: 'ACME.com' }, T0 + 1);
    expect(next).toEqual({ ...company, industry: null, segment: 'enterprise', domain: 'acme.com', updatedAt: T0 + 1 });
    expect(updateCompany(company, {}, T0 + 1)).toEqual({ ...company, updatedAt: T0 + 1 });
  });

  it('keeps an archived company read-only until it is restored', () => {
    const archived = archiveCompany(aCompany(), T0 + 5);
    expect(archived).toMatchObject({ archived: true, updatedAt: T0 + 5, domain: 'acme.io' });
    expect(codeOf(() => updateCompany(archived, { name: 'New' }, T0 + 6))).toBe('COMPANY_ARCHIVED');
    expect(codeOf(() => archiveCompany(archived, T0 + 6))).toBe('COMPANY_ARCHIVED');
    expect(restoreCompany(archived, T0 + 7)).toMatchObject({ archived: false, updatedAt: T0 + 7 });
    expect(codeOf(() => restoreCompany(aCompany(), T0))).toBe('COMPANY_NOT_ARCHIVED');
  });

  it('turns what a user types into a domain search prefix', () => {
    expect(domainPrefix('https://www.Ac')).toBe('ac');
    expect(domainPrefix(' ACME.io/pricing ')).toBe('acme.io');
    expect(domainPrefix('acm')).toBe('acm');
    expect(domainPrefix('www.')).toBe('');
  });
});

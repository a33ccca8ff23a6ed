import { normaliseDomain, normaliseEmail, searchableName } from '../../../src/domain/normalise';

describe('normalising emails and domains', () => {
  it('makes differently typed addresses of one person equal', () => {
    expect(normaliseEmail('  Ana.Lopez@Example.COM ')).toBe('ana.lopez@example.com');
    expect(normaliseEmail('ana+crm@example.com')).toBe('ana+crm@example.com');
  });

  it('rejects text that is not an address', () => {
    for (const bad of ['', 'ana', 'ana@', '@example.com', 'ana@example', 'ana..b@example.com', 'a b@example.com', `${'x'.repeat(65)}@example.com`]) {
      expect(normaliseEmail(bad)).toBeUndefined();
    }
  });

  it('reduces URLs, hosts and addresses to one company domain', () => {
    expect(normaliseDomain('https://www.Acme.io/pricing?x=1')).toBe('acme.io');
    expect(normaliseDomain('ACME.io.')).toBe('acme.io');
    expect(normaliseDomain('sales@eu.acme.io')).toBe('eu.acme.io');
    expect(normaliseDomain('acme.io:8443')).toBe('acme.io');
    expect(normaliseDomain('bücher.de')).toBe('xn--bcher-kva.de');
  });

  it('rejects what is not a domain', () => {
    for (const bad of ['', 'localhost', '10.0.0.1', 'acme', 'ac me.io', '-acme.io']) expect(normaliseDomain(bad)).toBeUndefined();
  });

  it('gives names one sortable, searchable form', () => {
    expect(searchableName('  Émile   Zola ')).toBe('emile zola');
  });
});

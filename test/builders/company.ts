import type { Company } from '../../src/domain/company';
import { T0 } from './deal';

/** An active prospect with a domain and nothing else filled in. */
export function aCompany(overrides: Partial<Company> = {}): Company {
  return {
    id: 'company-1',
    name: 'Acme Corp',
    domain: 'acme.io',
    industry: null,
    segment: null,
    region: null,
    ownerId: 'owner-1',
    lifecycle: 'prospect',
    arrByCurrency: {},
    arrMinor: 0,
    health: 'unknown',
    healthDetail: null,
    renewalDate: null,
    archived: false,
    createdAt: T0,
    updatedAt: T0,
    version: 1,
    ...overrides,
  };
}

/** The payload of a companies/create call, unique per `n` (name and domain). */
export function companyInput(n: number | string, overrides: Record<string, unknown> = {}): { name: string; domain: string } & Record<string, unknown> {
  return { name: `Company ${n}`, domain: `company-${n}.example`, ...overrides };
}

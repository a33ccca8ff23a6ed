import type { HealthReason } from './health';
import type { CurrencyAmounts } from './money';
import { normaliseDomain, optionalText, requiredName, searchableName, uniqueValue } from './normalise';
import type { IsoDate } from './periods';

/**
 * A company (account) and the rules of its life: one record for the whole site, its domain in the
 * one normalised form uniqueness compares, archive and restore. Pure: time and ids come in as
 * inputs, nothing is read or written here.
 *
 * ARR, health and the renewal date are derived (src/domain/arr.ts, health.ts): Relay writes them
 * from the company's contracts, ARR movements and linked work; nobody types them. A company Relay
 * has not scored is in the 'unknown' health tier, so the by-health index holds every company.
 */
export const COMPANY_LIFECYCLES = ['prospect', 'customer', 'churned'] as const;
export type CompanyLifecycle = (typeof COMPANY_LIFECYCLES)[number];

/** Segments as stored (manifest: smb | mid-market | enterprise); the UI shows the labels. */
export const SEGMENTS = ['smb', 'mid-market', 'enterprise'] as const;
export type Segment = (typeof SEGMENTS)[number];
export const SEGMENT_LABELS: Record<Segment, string> = { smb: 'SMB', 'mid-market': 'Mid-market', enterprise: 'Enterprise' };

export const HEALTH_TIERS = ['good', 'average', 'poor', 'unknown'] as const;
export type Health = (typeof HEALTH_TIERS)[number];

export interface Company extends CompanyFields {
  id: string;
  /** Derived: the ARR of its contracts in effect, per currency (Relay never converts what it stores). */
  arrByCurrency: CurrencyAmounts;
  /** Derived: the same ARR in the reporting currency when it was computed (orders the by-health index). */
  arrMinor: number;
  /** Derived; 'unknown' until Relay scores it. */
  health: Health;
  /** Derived: the score and its reasons, most costly first. */
  healthDetail: { score: number; reasons: HealthReason[]; computedAt: number } | null;
  /** Derived: the next contract end whose renewal is not decided yet. */
  renewalDate: IsoDate | null;
  archived: boolean;
  createdAt: number;
  updatedAt: number;
  version: number;
}

export type CompanyErrorCode = 'NAME_REQUIRED' | 'DOMAIN_INVALID' | 'COMPANY_ARCHIVED' | 'COMPANY_NOT_ARCHIVED';

export class CompanyError extends Error {
  constructor(
    readonly code: CompanyErrorCode,
    message: string,
    /** The input field at fault, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CompanyError';
  }
}

/** What a user may set on a company; ARR, health and the bookkeeping are not among them. */
export interface CompanyFields {
  name: string;
  /** Normalised (see normaliseDomain) on a company; null when unknown. Unique across the site when set. */
  domain: string | null;
  industry: string | null;
  segment: Segment | null;
  region: string | null;
  ownerId: string;
  lifecycle: CompanyLifecycle;
}
export type CompanyPatch = Partial<CompanyFields>;

const nameOf = (name: string) => requiredName(name, () => new CompanyError('NAME_REQUIRED', 'A company needs a name', 'name'));

/** The domain as stored: any typed form ("https://www.Acme.io/", "ACME.io.") becomes "acme.io". */
export function companyDomain(text: string | null): string | null {
  return uniqueValue(text, normaliseDomain, (typed) => new CompanyError('DOMAIN_INVALID', `"${typed}" is not a web domain (e.g. acme.io)`, 'domain'));
}

/**
 * The prefix a domain search compares with stored domains: what the user typed, lower-cased,
 * without scheme, "www." and path, so "https://www.ac" finds "acme.io". Unlike `companyDomain` it
 * accepts partial input ("acm").
 */
export function domainPrefix(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^www\d*\./, '')
    .replace(/[/?#:].*$/, '');
}

/** The searchable form of a name prefix (same folding as stored names). */
export function namePrefix(text: string): string {
  return searchableName(text);
}

/** A new company at version 0 (the store sets version 1 when it writes). Errors: NAME_REQUIRED, DOMAIN_INVALID. */
export function newCompany(fields: Partial<CompanyFields> & { name: string; ownerId: string }, id: string, now: number): Company {
  return {
    id,
    name: nameOf(fields.name),
    domain: companyDomain(fields.domain ?? null),
    industry: optionalText(fields.industry),
    segment: fields.segment ?? null,
    region: optionalText(fields.region),
    ownerId: fields.ownerId,
    lifecycle: fields.lifecycle ?? 'prospect',
    arrByCurrency: {},
    arrMinor: 0,
    health: 'unknown',
    healthDetail: null,
    renewalDate: null,
    archived: false,
    createdAt: now,
    updatedAt: now,
    version: 0,
  };
}

/** Applies an edit; an archived company is read-only until restored. Errors: COMPANY_ARCHIVED, NAME_REQUIRED, DOMAIN_INVALID. */
export function updateCompany(company: Company, patch: CompanyPatch, now: number): Company {
  if (company.archived) throw new CompanyError('COMPANY_ARCHIVED', 'An archived company cannot be edited; restore it first');
  const next: Company = { ...company, updatedAt: now };
  if (patch.name !== undefined) next.name = nameOf(patch.name);
  if (patch.domain !== undefined) next.domain = companyDomain(patch.domain);
  if (patch.industry !== undefined) next.industry = optionalText(patch.industry);
  if (patch.segment !== undefined) next.segment = patch.segment;
  if (patch.region !== undefined) next.region = optionalText(patch.region);
  if (patch.ownerId !== undefined) next.ownerId = patch.ownerId;
  if (patch.lifecycle !== undefined) next.lifecycle = patch.lifecycle;
  return next;
}

/**
 * Archives a company: it leaves the active lists and searches, keeps its history, and keeps its
 * domain claim, so a restore can never collide with a company created meanwhile.
 */
export function archiveCompany(company: Company, now: number): Company {
  if (company.archived) throw new CompanyError('COMPANY_ARCHIVED', 'This company is archived already');
  return { ...company, archived: true, updatedAt: now };
}

export function restoreCompany(company: Company, now: number): Company {
  if (!company.archived) throw new CompanyError('COMPANY_NOT_ARCHIVED', 'This company is not archived');
  return { ...company, archived: false, updatedAt: now };
}

/** Company fields the audit trail follows. */
export const COMPANY_AUDITED_FIELDS = ['name', 'domain', 'industry', 'segment', 'region', 'ownerId', 'lifecycle', 'archived'] as const;

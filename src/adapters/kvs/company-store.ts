import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { HealthDetailSchema } from '../../contracts/renewal';
import type { Company } from '../../domain/company';
import { COMPANY_LIFECYCLES, HEALTH_TIERS, SEGMENTS } from '../../domain/company';
import { searchableName } from '../../domain/normalise';
import { changeClaim } from './claims';
import type { ActivityEntity } from '../../ports/customers';
import { readMany } from './batch-read';
import { Entities } from './keys';
import { fillPage, type IndexQuery } from './paging';
import type { CompanyQuery, CompanySearch, CompanyWrite } from '../../ports/customers';

/**
 * Companies in the `company` entity, shaped like deals: the whole domain record in `data` (the
 * source of truth, parsed on the way out), the attributes as projections for the indexes. Indexed
 * attributes never hold null or '' (README): an unknown domain, segment or region is 'none'.
 */
const NONE = 'none';

const CompanyData = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  segment: z.enum(SEGMENTS).nullable(),
  region: z.string().nullable(),
  ownerId: z.string(),
  lifecycle: z.enum(COMPANY_LIFECYCLES),
  // Companies stored before renewals carry no derived ARR per currency, score or renewal date yet.
  arrByCurrency: z.record(z.string(), z.number()).default({}),
  arrMinor: z.number(),
  health: z.enum(HEALTH_TIERS),
  healthDetail: HealthDetailSchema.nullable().default(null),
  renewalDate: z.string().nullable().default(null),
  archived: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

export interface CompanyEntity {
  id: string;
  status: 'active' | 'archived';
  name: string;
  nameLower: string;
  domain: string;
  industry: string;
  segment: string;
  region: string;
  ownerId: string;
  lifecycle: string;
  arrMinor: number;
  health: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  schemaVersion: number;
  data: Company;
}

export function toCompanyEntity(company: Company): CompanyEntity {
  return {
    id: company.id,
    status: company.archived ? 'archived' : 'active',
    name: company.name,
    nameLower: searchableName(company.name),
    domain: company.domain ?? NONE,
    industry: company.industry ?? NONE,
    segment: company.segment ?? NONE,
    region: company.region ?? NONE,
    ownerId: company.ownerId,
    lifecycle: company.lifecycle,
    arrMinor: company.arrMinor,
    health: company.health,
    createdAt: company.createdAt,
    updatedAt: company.updatedAt,
    version: company.version,
    schemaVersion: 1,
    data: company,
  };
}

/** The entity record: the value whole in `data` (the other attributes are its index projections). */
const StoredCompany = z.object({ data: CompanyData });

export function fromCompanyEntity(value: unknown): Company {
  return StoredCompany.parse(value).data;
}

const companyEntity = () => kvs.entity<CompanyEntity>(Entities.company);

export async function readCompany(id: string): Promise<Company | undefined> {
  const value = await companyEntity().get(id);
  return value === undefined ? undefined : fromCompanyEntity(value);
}


/**
 * Writes a company, its domain claim and its audit entry in one transaction. The company is
 * conditioned on the version read (or on not existing yet), the claim on being free: a concurrent
 * write of the same company, or another company taking the same domain, cancels all of it.
 */
export async function commitCompany(write: CompanyWrite): Promise<void> {
  const { before, after, activity, now } = write;
  // A new record has a fresh random id: it needs no condition (and Forge documents none for "absent").
  const tx = kvs
    .transact()
    .set(after.id, toCompanyEntity(after), { entityName: Entities.company, ...(before ? { conditions: new Filter<CompanyEntity>().and('version', FilterConditions.equalTo(before.version)) } : {}) });
  changeClaim(tx, 'domain', after.id, before?.domain ?? null, after.domain, now);
  if (activity) tx.set(activity.id, activity, { entityName: Entities.activity });
  await tx.execute();
}


/**
 * Companies A–Z on the index that serves the first filter given (owner, segment, region, else all
 * by name); further filters narrow the same query.
 */
export async function queryCompanies(q: CompanyQuery): Promise<{ companies: Company[]; nextCursor: string | null }> {
  const filters: NonNullable<IndexQuery<CompanyEntity>['filters']> = [];
  let index = 'by-name';
  let partition: unknown[] = [q.status];
  if (q.ownerId) {
    index = 'by-owner';
    partition = [q.ownerId, q.status];
    if (q.segment) filters.push(['segment', FilterConditions.equalTo(q.segment)]);
    if (q.region) filters.push(['region', FilterConditions.equalTo(q.region)]);
  } else if (q.segment) {
    index = 'by-segment';
    partition = [q.segment, q.status];
    if (q.region) filters.push(['region', FilterConditions.equalTo(q.region)]);
  } else if (q.region) {
    index = 'by-region';
    partition = [q.region, q.status];
  }
  const page = await fillPage<CompanyEntity>({ entityName: Entities.company, index, partition, filters }, q.limit, q.cursor);
  return { companies: page.values.map(fromCompanyEntity), nextCursor: page.nextCursor };
}


/** Name prefix: a range on by-name (status partition). Domain prefix: a range on by-domain, status filtered. */
export async function searchCompanies(s: CompanySearch): Promise<{ companies: Company[]; nextCursor: string | null }> {
  const query: IndexQuery<CompanyEntity> =
    s.field === 'name'
      ? { entityName: Entities.company, index: 'by-name', partition: [s.status], where: WhereConditions.beginsWith(s.prefix) }
      : { entityName: Entities.company, index: 'by-domain', where: WhereConditions.beginsWith(s.prefix), filters: [['status', FilterConditions.equalTo(s.status)]] };
  const page = await fillPage(query, s.limit, s.cursor);
  // 'none' (no domain) is a stored placeholder, never a match.
  const companies = page.values.map(fromCompanyEntity).filter((c) => s.field === 'name' || c.domain !== null);
  return { companies, nextCursor: page.nextCursor };
}

/** Several companies by id, 25 per request (missing ones are left out). */
export async function readCompanies(ids: readonly string[]): Promise<Company[]> {
  return readMany(Entities.company, ids, fromCompanyEntity);
}

/**
 * The step another record's transaction adds to write a company's derived fields (ARR, lifecycle,
 * renewal date) with it, conditioned on the company's version as read: a person's edit meanwhile
 * cancels the whole transaction, which is then decided again on fresh reads.
 */
export function companyStep(before: Company, after: Company, activity: ActivityEntity | null): Array<(tx: ReturnType<typeof kvs.transact>) => ReturnType<typeof kvs.transact>> {
  const steps: Array<(tx: ReturnType<typeof kvs.transact>) => ReturnType<typeof kvs.transact>> = [
    (tx) => tx.set(after.id, toCompanyEntity(after), { entityName: Entities.company, conditions: new Filter<CompanyEntity>().and('version', FilterConditions.equalTo(before.version)) }),
  ];
  if (activity) steps.push((tx) => tx.set(activity.id, activity, { entityName: Entities.activity }));
  return steps;
}

/**
 * One page of active companies by their searchable name, from `fromName` up (the daily run's health
 * phase), each with the name the index sorts by. Names almost never tie, so a checkpoint "name
 * reached + ids done at it" always moves on; ARR did not (thousands of customers on one plan share it).
 */
export async function activeCompaniesByName(fromName: string, limit: number, cursor?: string): Promise<{ items: Array<{ company: Company; nameLower: string }>; nextCursor: string | null }> {
  let query = kvs.entity<CompanyEntity>(Entities.company).query().index('by-name', { partition: ['active'] }).where(WhereConditions.greaterThanEqualTo(fromName)).sort(Sort.ASC).limit(limit);
  if (cursor) query = query.cursor(cursor);
  const result = await query.getMany();
  return { items: result.results.map((r) => ({ company: fromCompanyEntity(r.value), nameLower: r.value.nameLower })), nextCursor: result.nextCursor ?? null };
}

/** Active companies without a domain (the by-domain index at 'none'), one page (the data-quality tab). */
export async function activeCompaniesWithoutDomain(limit: number): Promise<{ companies: Company[]; nextCursor: string | null }> {
  const page = await fillPage<CompanyEntity>({ entityName: Entities.company, index: 'by-domain', where: WhereConditions.equalTo('none'), filters: [['status', FilterConditions.equalTo('active')]] }, limit, undefined);
  return { companies: page.values.map(fromCompanyEntity), nextCursor: page.nextCursor };
}

/** Active companies whose searchable name is exactly `folded` (one query of at most `limit`: the import's match by name). */
export async function activeCompaniesNamed(folded: string, limit: number): Promise<Company[]> {
  const page = await fillPage<CompanyEntity>({ entityName: Entities.company, index: 'by-name', partition: ['active'], where: WhereConditions.equalTo(folded), filters: [['status', FilterConditions.equalTo('active')]] }, limit, undefined, 1);
  return page.values.map(fromCompanyEntity);
}

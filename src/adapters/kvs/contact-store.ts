import { Filter, FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { FunnelTrackRecord, LeadInfoRecord } from '../../contracts/contact';
import type { Contact } from '../../domain/contact';
import { CONSENT_BASES, CONSENT_STATUSES, LIFECYCLE_STAGES } from '../../domain/contact';
import { searchableName } from '../../domain/normalise';
import { changeClaim } from './claims';
import { writeFunnelShard } from './funnel-store';
import type { CompanyEntity } from './company-store';
import { readMany } from './batch-read';
import { Entities } from './keys';
import { fillPage, InvalidCursorError, type IndexQuery } from './paging';
import type { ContactQuery, ContactSearch, ContactWrite } from '../../ports/customers';
import type { LeadQuery } from '../../ports/leads';

/**
 * Contacts in the `contact` entity: the whole record in `data`, projections as attributes, indexed
 * attributes never null or '' ('none'). The lead-response SLA projects to `leadSlaState` (none, open,
 * met, breached — past due and still unworked —, late — worked after the breach) and `leadSlaDueAt`.
 */
const NONE = 'none';

const nullableText = z.string().nullable();
const ContactData = z.object({
  id: z.string(),
  name: z.string(),
  email: nullableText,
  phone: nullableText,
  title: nullableText,
  companyId: nullableText,
  lifecycleStage: z.enum(LIFECYCLE_STAGES),
  attribution: z
    .object({
      channel: z.string(),
      campaign: nullableText,
      utm: z.object({ source: nullableText, medium: nullableText, campaign: nullableText, term: nullableText, content: nullableText }),
      capturedAt: z.number(),
    })
    .nullable(),
  consent: z.object({ status: z.enum(CONSENT_STATUSES), basis: z.enum(CONSENT_BASES).nullable(), date: nullableText }),
  ownerId: z.string(),
  leadScore: z.number(),
  // Contacts stored before inbound leads existed carry neither.
  lead: LeadInfoRecord.nullable().default(null),
  funnel: FunnelTrackRecord.nullable().default(null),
  archived: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
  version: z.number(),
});

export interface ContactEntity {
  id: string;
  status: 'active' | 'archived';
  name: string;
  nameLower: string;
  email: string;
  companyId: string;
  ownerId: string;
  lifecycleStage: string;
  source: string;
  leadScore: number;
  leadSlaState: string;
  leadSlaDueAt: number;
  createdAt: number;
  updatedAt: number;
  version: number;
  schemaVersion: number;
  data: Contact;
}

/** The SLA as the by-lead-sla index partitions it: 'breached' only while the owner has not answered. */
export function leadSlaProjection(contact: Contact): string {
  const sla = contact.lead?.sla;
  if (!sla) return NONE;
  if (sla.state === 'breached') return sla.respondedAt === null ? 'breached' : 'late';
  return sla.state;
}

export function toContactEntity(contact: Contact): ContactEntity {
  return {
    id: contact.id,
    status: contact.archived ? 'archived' : 'active',
    name: contact.name,
    nameLower: searchableName(contact.name),
    email: contact.email ?? NONE,
    companyId: contact.companyId ?? NONE,
    ownerId: contact.ownerId,
    lifecycleStage: contact.lifecycleStage,
    source: contact.attribution?.channel ?? NONE,
    leadScore: contact.leadScore,
    leadSlaState: leadSlaProjection(contact),
    leadSlaDueAt: contact.lead?.sla?.dueAt ?? 0,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    version: contact.version,
    schemaVersion: 1,
    data: contact,
  };
}

const StoredContact = z.object({ data: ContactData });

export function fromContactEntity(value: unknown): Contact {
  return StoredContact.parse(value).data;
}

const contactEntity = () => kvs.entity<ContactEntity>(Entities.contact);

export async function readContact(id: string): Promise<Contact | undefined> {
  const value = await contactEntity().get(id);
  return value === undefined ? undefined : fromContactEntity(value);
}


/**
 * Writes a contact, its email claim and its audit entry in one transaction, conditioned on the
 * version read, on the email being free and, when the contact newly points at a company, on that
 * company still being active (so an archive racing this write cannot leave a dangling link).
 */
export async function commitContact(write: ContactWrite): Promise<void> {
  const { before, after, activity, checkCompanyId, funnel, now } = write;
  // A new record has a fresh random id: it needs no condition (and Forge documents none for "absent").
  const tx = kvs
    .transact()
    .set(after.id, toContactEntity(after), { entityName: Entities.contact, ...(before ? { conditions: new Filter<ContactEntity>().and('version', FilterConditions.equalTo(before.version)) } : {}) });
  changeClaim(tx, 'email', after.id, before?.email ?? null, after.email, now);
  if (checkCompanyId) tx.check(checkCompanyId, { entityName: Entities.company, conditions: new Filter<CompanyEntity>().and('status', FilterConditions.equalTo('active')) });
  if (activity) tx.set(activity.id, activity, { entityName: Entities.activity });
  if (funnel) writeFunnelShard(tx, funnel.read, funnel.cells, now);
  await tx.execute();
}


/** Contacts A–Z (by-name), or one company's contacts A–Z (by-company, status filtered). */
export async function queryContacts(q: ContactQuery): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  const query: IndexQuery<ContactEntity> = q.companyId
    ? { entityName: Entities.contact, index: 'by-company', partition: [q.companyId], filters: [['status', FilterConditions.equalTo(q.status)]] }
    : { entityName: Entities.contact, index: 'by-name', partition: [q.status] };
  const page = await fillPage(query, q.limit, q.cursor);
  return { contacts: page.values.map(fromContactEntity), nextCursor: page.nextCursor };
}


/** Name prefix: a range on by-name. Email prefix: a range on by-email, status filtered. */
export async function searchContacts(s: ContactSearch): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  const query: IndexQuery<ContactEntity> =
    s.field === 'name'
      ? { entityName: Entities.contact, index: 'by-name', partition: [s.status], where: WhereConditions.beginsWith(s.prefix) }
      : { entityName: Entities.contact, index: 'by-email', where: WhereConditions.beginsWith(s.prefix), filters: [['status', FilterConditions.equalTo(s.status)]] };
  const page = await fillPage(query, s.limit, s.cursor);
  // 'none' (no email) is a stored placeholder, never a match.
  const contacts = page.values.map(fromContactEntity).filter((c) => s.field === 'name' || c.email !== null);
  return { contacts, nextCursor: page.nextCursor };
}

/** Several contacts by id, 25 per request (missing ones are left out). */
export async function readContacts(ids: string[]): Promise<Contact[]> {
  return readMany(Entities.contact, ids, fromContactEntity);
}


/**
 * The Leads tab. Unworked and breached leads are one partition each of by-lead-sla, soonest due
 * first; new leads are the 'lead' and 'mql' partitions of by-stage since a date, newest first, read
 * side by side (the cursor carries both positions, so a page may hold up to twice `limit`).
 */
export async function queryLeads(q: LeadQuery): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  const owner: Array<['ownerId', ReturnType<typeof FilterConditions.equalTo>]> = q.ownerId ? [['ownerId', FilterConditions.equalTo(q.ownerId)]] : [];
  if (q.view !== 'new') {
    const query: IndexQuery<ContactEntity> = { entityName: Entities.contact, index: 'by-lead-sla', partition: [q.view === 'unworked' ? 'open' : 'breached'], filters: [...owner, ['status', FilterConditions.equalTo('active')]] };
    const page = await fillPage(query, q.limit, q.cursor);
    return { contacts: page.values.map(fromContactEntity), nextCursor: page.nextCursor };
  }
  const positions = decodePositions(q.cursor);
  const contacts: Contact[] = [];
  const next: Record<string, string | null> = {};
  for (const stage of ['lead', 'mql'] as const) {
    if (positions[stage] === null) {
      next[stage] = null;
      continue;
    }
    const query: IndexQuery<ContactEntity> = {
      entityName: Entities.contact,
      index: 'by-stage',
      partition: [stage],
      where: WhereConditions.greaterThanEqualTo(q.since),
      sort: Sort.DESC,
      filters: [...owner, ['status', FilterConditions.equalTo('active')]],
    };
    const page = await fillPage(query, q.limit, positions[stage]);
    contacts.push(...page.values.map(fromContactEntity));
    next[stage] = page.nextCursor;
  }
  contacts.sort((a, b) => b.createdAt - a.createdAt);
  const more = next.lead !== null || next.mql !== null;
  return { contacts, nextCursor: more ? Buffer.from(JSON.stringify(next)).toString('base64url') : null };
}

/** Both partitions' positions: undefined = from the start, null = that partition is done. */
function decodePositions(cursor: string | undefined): Record<'lead' | 'mql', string | null | undefined> {
  if (!cursor) return { lead: undefined, mql: undefined };
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    const pick = (v: unknown) => (typeof v === 'string' ? v : null);
    if (!parsed || typeof parsed !== 'object' || !('lead' in parsed) || !('mql' in parsed)) throw new InvalidCursorError();
    return { lead: pick(parsed.lead), mql: pick(parsed.mql) };
  } catch {
    throw new InvalidCursorError();
  }
}

/** Leads whose response SLA is open and due by `dueBy` (the hourly scan), soonest first. */
export async function queryDueLeads(dueBy: number, limit: number, cursor?: string): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  const page = await fillPage<ContactEntity>({ entityName: Entities.contact, index: 'by-lead-sla', partition: ['open'], where: WhereConditions.lessThanEqualTo(dueBy) }, limit, cursor);
  return { contacts: page.values.map(fromContactEntity), nextCursor: page.nextCursor };
}

/** Active contacts without a company (the by-company index's 'none' partition), one page (the data-quality tab). */
export async function activeContactsWithoutCompany(limit: number): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  const page = await fillPage<ContactEntity>({ entityName: Entities.contact, index: 'by-company', partition: ['none'], filters: [['status', FilterConditions.equalTo('active')]] }, limit, undefined);
  return { contacts: page.values.map(fromContactEntity), nextCursor: page.nextCursor };
}

import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import type { Contact } from '../../domain/contact';
import { CONSENT_BASES, CONSENT_STATUSES, LIFECYCLE_STAGES } from '../../domain/contact';
import { searchableName } from '../../domain/normalise';
import { changeClaim } from './claims';
import type { CompanyEntity } from './company-store';
import type { ActivityEntity } from './activity-store';
import { readMany } from './batch-read';
import { Entities } from './keys';
import { fillPage, type IndexQuery } from './paging';

/**
 * Contacts in the `contact` entity: the whole record in `data`, projections as attributes, indexed
 * attributes never null or '' ('none'). Lead SLA attributes stay 'none' / 0 until hand-offs land.
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
    leadSlaState: NONE,
    leadSlaDueAt: 0,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
    version: contact.version,
    schemaVersion: 1,
    data: contact,
  };
}

export function fromContactEntity(value: unknown): Contact {
  return ContactData.parse((value as { data?: unknown }).data);
}

const contactEntity = () => kvs.entity<ContactEntity>(Entities.contact);

export async function readContact(id: string): Promise<Contact | undefined> {
  const value = await contactEntity().get(id);
  return value === undefined ? undefined : fromContactEntity(value);
}

export interface ContactWrite {
  before: Contact | null;
  after: Contact;
  activity: ActivityEntity | null;
  /** A company the contact newly points at: the transaction checks it is still there and active. */
  checkCompanyId: string | null;
  now: number;
}

/**
 * Writes a contact, its email claim and its audit entry in one transaction, conditioned on the
 * version read, on the email being free and, when the contact newly points at a company, on that
 * company still being active (so an archive racing this write cannot leave a dangling link).
 */
export async function commitContact(write: ContactWrite): Promise<void> {
  const { before, after, activity, checkCompanyId, now } = write;
  // A new record has a fresh random id: it needs no condition (and Forge documents none for "absent").
  const tx = kvs
    .transact()
    .set(after.id, toContactEntity(after), { entityName: Entities.contact, ...(before ? { conditions: new Filter<ContactEntity>().and('version', FilterConditions.equalTo(before.version)) } : {}) });
  changeClaim(tx, 'email', after.id, before?.email ?? null, after.email, now);
  if (checkCompanyId) tx.check(checkCompanyId, { entityName: Entities.company, conditions: new Filter<CompanyEntity>().and('status', FilterConditions.equalTo('active')) });
  if (activity) tx.set(activity.id, activity, { entityName: Entities.activity });
  await tx.execute();
}

export interface ContactQuery {
  status: 'active' | 'archived';
  companyId?: string;
  limit: number;
  cursor?: string;
}

/** Contacts A–Z (by-name), or one company's contacts A–Z (by-company, status filtered). */
export async function queryContacts(q: ContactQuery): Promise<{ contacts: Contact[]; nextCursor: string | null }> {
  const query: IndexQuery<ContactEntity> = q.companyId
    ? { entityName: Entities.contact, index: 'by-company', partition: [q.companyId], filters: [['status', FilterConditions.equalTo(q.status)]] }
    : { entityName: Entities.contact, index: 'by-name', partition: [q.status] };
  const page = await fillPage(query, q.limit, q.cursor);
  return { contacts: page.values.map(fromContactEntity), nextCursor: page.nextCursor };
}

export interface ContactSearch {
  field: 'name' | 'email';
  prefix: string;
  status: 'active' | 'archived';
  limit: number;
  cursor?: string;
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

import type { Activity, TaskState, TimelineEntry } from '../domain/activity';
import type { Company } from '../domain/company';
import type { Contact } from '../domain/contact';
import type { Deal } from '../domain/deal';
import type { FieldChange } from '../domain/audit';
import type { FunnelCells } from '../domain/lead-funnel';
import type { LeadQuery, VersionedShard } from './leads';
import type { TxStep } from './storage';
/** The customer record: companies, contacts and their timeline, the claims that keep emails and domains unique, merges and erasure. */

export interface ActivityEntity {
  id: string;
  recordKey: string;
  kind: string;
  projectId: string;
  actorId: string;
  ownerId: string;
  at: number;
  taskState: string;
  dueAt: number;
  version: number;
  schemaVersion: number;
  data: Record<string, unknown>;
}

export interface EntryPage<T> {
  entries: T[];
  nextCursor: string | null;
}

/**
 * Uniqueness claims (emails of contacts, domains of companies): a record of the `guard` entity per
 * value, keyed by a digest of the normalised value (keys allow only [a-zA-Z0-9:._\s#-]).
 *
 * Taking a value is two steps, because Forge documents no transaction condition for "this key does
 * not exist yet" (see README "Storage conditions"):
 * 1. reserve: a create-only write (`keyPolicy: 'FAIL_IF_EXISTS'`) of a claim marked reserved for the
 *    record, before its transaction; of two records reserving one value, one gets it;
 * 2. hold: the record's own transaction turns the reservation into a claim, conditioned on it still
 *    being this record's reservation (a condition on an existing record, the documented form).
 * A reservation whose record never committed (the invocation died between the steps) is taken over
 * by the next record after `RESERVATION_MS`, with a conditioned overwrite, so the key never goes
 * absent in between. Giving a value up deletes the claim on condition that this record holds it.
 *
 * Archiving keeps the claim: a mature CRM keeps archived records' emails and domains unique, so
 * restoring a record never collides with one created meanwhile. Only erasing a record (PRODUCT §5)
 * releases it.
 */
export type ClaimKind = 'email' | 'domain';

export interface CompanyWrite {
  before: Company | null;
  after: Company;
  activity: ActivityEntity | null;
  now: number;
}

export interface CompanyQuery {
  status: 'active' | 'archived';
  ownerId?: string;
  segment?: string;
  region?: string;
  limit: number;
  cursor?: string;
}

export interface CompanySearch {
  field: 'name' | 'domain';
  /** Already folded: searchable name or domain prefix. */
  prefix: string;
  status: 'active' | 'archived';
  limit: number;
  cursor?: string;
}

export interface ContactWrite {
  before: Contact | null;
  after: Contact;
  activity: ActivityEntity | null;
  /** A company the contact newly points at: the transaction checks it is still there and active. */
  checkCompanyId: string | null;
  /** The funnel shard this write counts the contact's newly reached stages in, as read and as it becomes. */
  funnel?: { read: VersionedShard; cells: FunnelCells } | null;
  now: number;
}

export interface ContactQuery {
  status: 'active' | 'archived';
  companyId?: string;
  limit: number;
  cursor?: string;
}

export interface ContactSearch {
  field: 'name' | 'email';
  prefix: string;
  status: 'active' | 'archived';
  limit: number;
  cursor?: string;
}

/**
 * A record's id in the CRM it was imported from (HubSpot "Record ID", Salesforce "Id", Pipedrive
 * "Deal - ID"): a guard record per value, like the email and domain claims, so the same external id
 * names one Relay record and a second import of the file updates it instead of creating another.
 * Taken like a claim, in two steps (see claims.ts: no transaction condition may rest on an absent
 * key): reserved with a create-only write before the importing batch's transaction, then held by
 * that transaction, conditioned on the reservation being this record's. Record ids of an import are
 * fixed by the job and the line, so a run that died between the steps finds its own reservation.
 * Given up when the record is erased or merged away.
 */
export type ExternalRecordType = 'company' | 'contact' | 'deal';

export interface MergeWrite<T> {
  survivorBefore: T;
  survivorAfter: T;
  otherBefore: T;
  otherAfter: T;
  /** The claim values (email or domain) the other record held: they now name the survivor. */
  claims: Array<{ kind: ClaimKind; value: string }>;
  externalIds: { type: ExternalRecordType; other: string[]; survivor: string[] };
  entries: ActivityEntity[];
  now: number;
}

/**
 * Timeline entries (audit changes and user-written activities) and tasks, by record and by owner.
 * Implemented by adapters/kvs/activity-store.ts.
 */
export interface ActivitiesPort {
  /** The audit entry a record write stores in the same transaction (see saveDeal). */
  changeActivity(id: string, recordKey: string, projectId: string, actorId: string, at: number, changes: FieldChange[]): ActivityEntity;
  /** Deletes an activity if it is still at `expectedVersion` (a condition failure otherwise). */
  deleteActivity(id: string, expectedVersion: number): Promise<void>;
  /** A stored entry, validated: a change entry or a user-written activity. */
  fromEntity(value: unknown): TimelineEntry;
  /** One page of a person's tasks in one state (by-owner-task): open ones soonest due first, done ones latest due first. */
  queryTasks(ownerId: string, state: TaskState, limit: number, cursor?: string): Promise<EntryPage<Activity>>;
  /** One page of a record's timeline, newest first: one query on by-record, or on by-record-kind for one kind. */
  queryTimeline(recordKey: string, kind: string | undefined, limit: number, cursor?: string): Promise<EntryPage<TimelineEntry>>;
  readActivity(id: string): Promise<TimelineEntry | undefined>;
  /** An audit or activity entry written in another write's transaction (a new entry: no condition). */
  activityStep(entry: ActivityEntity): TxStep;
  toEntity(activity: Activity): ActivityEntity;
  /** Writes an activity conditioned on the version read; a new one (0) has a fresh random id and no
   * condition (Forge documents none for a key that does not exist yet). A failed condition rejects
   * with the transaction's condition failure (see isConditionFailure); the caller re-reads. */
  writeActivity(activity: Activity, expectedVersion: number): Promise<void>;
}

/**
 * Companies: read by id, paged by the indexes screens and jobs use, and written with their audit entry and claims in one transaction.
 * Implemented by adapters/kvs/company-store.ts.
 */
export interface CompaniesPort {
  /** One page of active companies by their searchable name, from `fromName` up (the daily run's health
   * phase), each with the name the index sorts by. Names almost never tie, so a checkpoint "name
   * reached + ids done at it" always moves on; ARR did not (thousands of customers on one plan share it). */
  activeCompaniesByName(fromName: string, limit: number, cursor?: string): Promise<{ items: Array<{ company: Company; nameLower: string; }>; nextCursor: string | null; }>;
  /** Active companies whose searchable name is exactly `folded` (one query of at most `limit`: the import's match by name). */
  activeCompaniesNamed(folded: string, limit: number): Promise<Company[]>;
  /** Active companies without a domain (the by-domain index at 'none'), one page (the data-quality tab). */
  activeCompaniesWithoutDomain(limit: number): Promise<{ companies: Company[]; nextCursor: string | null; }>;
  /** Writes a company, its domain claim and its audit entry in one transaction. The company is
   * conditioned on the version read (or on not existing yet), the claim on being free: a concurrent
   * write of the same company, or another company taking the same domain, cancels all of it. */
  commitCompany(write: CompanyWrite): Promise<void>;
  /** The step another record's transaction adds to write a company's derived fields (ARR, lifecycle,
   * renewal date) with it, conditioned on the company's version as read: a person's edit meanwhile
   * cancels the whole transaction, which is then decided again on fresh reads. */
  companyStep(before: Company, after: Company, activity: ActivityEntity | null): TxStep[];
  /** Companies A–Z on the index that serves the first filter given (owner, segment, region, else all
   * by name); further filters narrow the same query. */
  queryCompanies(q: CompanyQuery): Promise<{ companies: Company[]; nextCursor: string | null; }>;
  /** Several companies by id, 25 per request (missing ones are left out). */
  readCompanies(ids: readonly string[]): Promise<Company[]>;
  readCompany(id: string): Promise<Company | undefined>;
  /** Name prefix: a range on by-name (status partition). Domain prefix: a range on by-domain, status filtered. */
  searchCompanies(s: CompanySearch): Promise<{ companies: Company[]; nextCursor: string | null; }>;
}

/**
 * Contacts and leads: read by id, paged by status, company and due response, and written with their audit entry and claims in one transaction.
 * Implemented by adapters/kvs/contact-store.ts.
 */
export interface ContactsPort {
  /** Active contacts without a company (the by-company index's 'none' partition), one page (the data-quality tab). */
  activeContactsWithoutCompany(limit: number): Promise<{ contacts: Contact[]; nextCursor: string | null; }>;
  /** Writes a contact, its email claim and its audit entry in one transaction, conditioned on the
   * version read, on the email being free and, when the contact newly points at a company, on that
   * company still being active (so an archive racing this write cannot leave a dangling link). */
  commitContact(write: ContactWrite): Promise<void>;
  /** Contacts A–Z (by-name), or one company's contacts A–Z (by-company, status filtered). */
  queryContacts(q: ContactQuery): Promise<{ contacts: Contact[]; nextCursor: string | null; }>;
  /** Leads whose response SLA is open and due by `dueBy` (the hourly scan), soonest first. */
  queryDueLeads(dueBy: number, limit: number, cursor?: string): Promise<{ contacts: Contact[]; nextCursor: string | null; }>;
  /** The Leads tab. Unworked and breached leads are one partition each of by-lead-sla, soonest due
   * first; new leads are the 'lead' and 'mql' partitions of by-stage since a date, newest first, read
   * side by side (the cursor carries both positions, so a page may hold up to twice `limit`). */
  queryLeads(q: LeadQuery): Promise<{ contacts: Contact[]; nextCursor: string | null; }>;
  readContact(id: string): Promise<Contact | undefined>;
  /** Several contacts by id, 25 per request (missing ones are left out). */
  readContacts(ids: string[]): Promise<Contact[]>;
  /** Name prefix: a range on by-name. Email prefix: a range on by-email, status filtered. */
  searchContacts(s: ContactSearch): Promise<{ contacts: Contact[]; nextCursor: string | null; }>;
}

/**
 * Site-wide unique claims (an email, a domain): reserved before a write, released when it fails.
 * Implemented by adapters/kvs/claims.ts.
 */
export interface ClaimsPort {
  /** Who holds a value, if anyone (one strongly consistent get); a reservation counts as held. */
  claimHolder(kind: ClaimKind, value: string): Promise<string | undefined>;
  /** Gives back a reservation the record's transaction did not commit (best effort: it expires anyway). */
  releaseReservation(kind: ClaimKind, value: string, holderId: string): Promise<void>;
  /** Reserves a value for `holderId`. Answers undefined when reserved (or already this record's), else
   * the id of the record that holds or is taking it. */
  reserveClaim(kind: ClaimKind, value: string, holderId: string, now: number): Promise<string | undefined>;
}

/**
 * The external ids an import matched records by.
 * Implemented by adapters/kvs/external-ids.ts.
 */
export interface ExternalIdsPort {
  /** Which record holds an external id, if any (one strongly consistent get). */
  externalIdHolder(recordType: ExternalRecordType, value: string): Promise<string | undefined>;
  /** The external ids a record holds, as written beside it. */
  externalIdsOf(recordId: string): Promise<string[]>;
}

/**
 * What a duplicate merge moves (contacts, deals, activities) and the merge's own transaction.
 * Implemented by adapters/kvs/merge-store.ts.
 */
export interface MergesPort {
  commitCompanyMerge(write: MergeWrite<Company>): Promise<void>;
  commitContactMerge(write: MergeWrite<Contact>): Promise<void>;
  /** A page of a company's contacts, active and archived (by-company). */
  companyContacts(companyId: string, cursor?: string): Promise<{ contacts: Contact[]; nextCursor: string | null; }>;
  /** A page of a company's deals, every project (by-company). */
  companyDeals(companyId: string, cursor?: string): Promise<{ deals: Deal[]; nextCursor: string | null; }>;
  /** Up to `limit` user-written activities of a record, of any kind (by-record-kind, one query per kind). */
  movableActivities(recordKey: string, limit: number): Promise<Activity[]>;
  /** Moves an activity to another record of the same type, if it is still at the version read. */
  moveActivity(activity: Activity, toId: string, now: number): Promise<void>;
}

/**
 * What erasing a contact deletes or rewrites, and the anonymised erasure record.
 * Implemented by adapters/kvs/erasure-store.ts.
 */
export interface ErasuresPort {
  /** Adds a timeline entry (a new id: nothing to condition on). */
  addEntry(entry: ActivityEntity): Promise<void>;
  /** Deletes the contact at the version read, in one transaction with its e-mail claim and the external
   * ids it holds (each only while the contact still holds it) and the list of those ids. */
  deleteContactAndHoldings(contact: { id: string; version: number; email: string | null; }, externalIds: readonly string[]): Promise<void>;
  /** Deletes timeline entries, 25 to a transaction. */
  deleteEntries(entries: readonly ActivityEntity[]): Promise<void>;
  /** The anonymised record of one erasure: who erased how much, and when; never whom. */
  recordErasure(id: string, record: { at: number; by: string; } & Record<string, number | string>): Promise<void>;
  /** Replaces a timeline entry with its cleaned copy, at the version read (its version moves on by one). */
  rewriteEntry(entry: ActivityEntity, clean: ActivityEntity): Promise<void>;
  /** Every stored timeline entry of a record (activities and audit entries), oldest first, as stored. */
  timelineEntities(recordKey: string): Promise<ActivityEntity[]>;
}

import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { Company } from '../../domain/company';
import type { Contact } from '../../domain/contact';
import type { Deal } from '../../domain/deal';
import type { ImportJob, PendingReject } from '../../domain/import-job';
import { unitsOf } from '../../domain/import-job';
import type { Pipeline } from '../../domain/pipeline';
import type { PipelineTotals } from '../../domain/totals';
import { applyChange } from '../../domain/totals';
import type { ActivityEntity } from './activity-store';
import { changeClaim, type Transaction } from './claims';
import { type CompanyEntity, toCompanyEntity } from './company-store';
import { toContactEntity, type ContactEntity } from './contact-store';
import { toEntity as toDealEntity, type DealEntity, type VersionedTotals } from './deal-store';
import { takeExternalId, writeExternalIdsOf, type ExternalRecordType } from './external-ids';
import { jobWrite, reportWrite } from './import-job-store';
import { Entities, Keys } from './keys';

/**
 * One batch of an import, written with the job's checkpoint in ONE transaction: the records the
 * batch creates or updates, their claims (email, domain, external id) and audit entries, the
 * project's totals when deals change, a full part of rejected rows, and the job's new cursor and
 * counts. Either all of it is stored or none, so a job killed at any point resumes exactly after
 * the last batch it committed: no row is imported twice, none is skipped.
 */
export interface RecordWrite<T> {
  before: T | null;
  after: T;
  /** An external id the record takes in this batch. */
  externalId: string | null;
  activity: ActivityEntity | null;
}

export interface ImportBatch {
  companies: RecordWrite<Company>[];
  contacts: RecordWrite<Contact>[];
  deals: RecordWrite<Deal>[];
  /** Existing companies the batch's contacts newly point at: the transaction checks they are still active. */
  checkCompanies: string[];
}

export const emptyBatch = (): ImportBatch => ({ companies: [], contacts: [], deals: [], checkCompanies: [] });

/** Forge's limit is 25 operations per transaction; one is the job's own checkpoint, one a report part. */
export const BATCH_MAX_OPS = 23;

/** The operations a record write adds (record, claim changes, external id and its list, audit entry). */
export function writeOps(write: RecordWrite<Company | Contact | Deal>, claim: string | null, claimBefore: string | null): number {
  let ops = 1;
  if (claim !== claimBefore) ops += (claim ? 1 : 0) + (claimBefore ? 1 : 0);
  if (write.externalId) ops += 2;
  if (write.activity) ops += 1;
  return ops;
}

export interface CommitInput {
  batch: ImportBatch;
  pipeline: Pipeline | null;
  totals: VersionedTotals | null;
  /** The job as read (its version is the condition) and as it is after this batch. */
  job: ImportJob;
  next: ImportJob;
  /** A full part of rejected rows to store with this batch, and its index. */
  report: { index: number; rows: PendingReject[] } | null;
  now: number;
}

const versionIs = <T extends { version: number }>(version: number) => new Filter<T>().and('version', FilterConditions.equalTo(version));

function external(tx: Transaction, type: ExternalRecordType, write: RecordWrite<{ id: string }>, now: number): Transaction {
  if (!write.externalId) return tx;
  takeExternalId(tx, type, write.externalId, write.after.id, now);
  return writeExternalIdsOf(tx, write.after.id, [write.externalId]);
}

/** Commits a batch; answers the write units it cost (estimated from what it wrote) and the new totals. */
export async function commitImportBatch(input: CommitInput): Promise<{ units: number; totals: PipelineTotals | null }> {
  const { batch, pipeline, totals, job, next, report, now } = input;
  let units = 0;
  const tx = kvs.transact();
  const count = (value: unknown) => (units += unitsOf(value));
  for (const write of batch.companies) {
    const entity = toCompanyEntity(write.after);
    tx.set(write.after.id, entity, { entityName: Entities.company, ...(write.before ? { conditions: versionIs<CompanyEntity>(write.before.version) } : {}) });
    changeClaim(tx, 'domain', write.after.id, write.before?.domain ?? null, write.after.domain, now);
    external(tx, 'company', write, now);
    if (write.activity) tx.set(write.activity.id, write.activity, { entityName: Entities.activity });
    count(entity);
  }
  for (const write of batch.contacts) {
    const entity = toContactEntity(write.after);
    tx.set(write.after.id, entity, { entityName: Entities.contact, ...(write.before ? { conditions: versionIs<ContactEntity>(write.before.version) } : {}) });
    changeClaim(tx, 'email', write.after.id, write.before?.email ?? null, write.after.email, now);
    external(tx, 'contact', write, now);
    if (write.activity) tx.set(write.activity.id, write.activity, { entityName: Entities.activity });
    count(entity);
  }
  for (const companyId of batch.checkCompanies) {
    tx.check(companyId, { entityName: Entities.company, conditions: new Filter<CompanyEntity>().and('status', FilterConditions.equalTo('active')) });
  }
  let nextTotals: PipelineTotals | null = null;
  if (batch.deals.length > 0) {
    if (!pipeline || !totals) throw new Error('A batch of deals needs the pipeline and the totals it was planned on');
    nextTotals = totals.totals;
    for (const write of batch.deals) {
      nextTotals = applyChange(nextTotals, write.before, write.after, pipeline);
      const entity = toDealEntity(write.after, pipeline);
      tx.set(write.after.id, entity, { entityName: Entities.deal, ...(write.before ? { conditions: versionIs<DealEntity>(write.before.version) } : {}) });
      external(tx, 'deal', write, now);
      if (write.activity) tx.set(write.activity.id, write.activity, { entityName: Entities.activity });
      count(entity);
    }
    const projectId = batch.deals[0]!.after.projectId;
    const guard = { kind: 'rollup', holderId: projectId, version: totals.version + 1, updatedAt: now, schemaVersion: 1, data: nextTotals };
    tx.set(Keys.totals(projectId), guard, {
      entityName: Entities.guard,
      conditions: new Filter<{ version: number }>().and('version', totals.version === 0 ? FilterConditions.notExists() : FilterConditions.equalTo(totals.version)),
    });
    count(guard);
  }
  // Claims, external ids and audit entries are small: a unit each.
  units += batch.companies.length + batch.contacts.length + batch.deals.length;
  units += [...batch.companies, ...batch.contacts, ...batch.deals].reduce((sum, w) => sum + (w.activity ? 1 : 0) + (w.externalId ? 2 : 0), 0);
  if (report) {
    reportWrite(next.id, report.index, report.rows)(tx);
    count(report.rows);
  }
  jobWrite(next, job.version)(tx);
  count(next);
  await tx.execute();
  return { units, totals: nextTotals };
}

import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { Company } from '../../domain/company';
import type { Contact } from '../../domain/contact';
import type { Deal } from '../../domain/deal';
import { unitsOf } from '../../domain/import-job';
import { applyChange, shardOf } from '../../domain/totals';
import { changeClaim, releaseReservation, reserveClaim } from './claims';
import type { Transaction } from '../../ports/storage';
import { type ClaimKind } from '../../ports/customers';
import { type CompanyEntity, toCompanyEntity } from './company-store';
import { toContactEntity, type ContactEntity } from './contact-store';
import { toEntity as toDealEntity } from './deal-entity';
import { type DealEntity } from '../../ports/deals';
import { releaseExternalIdReservation, reserveExternalId, takeExternalId, writeExternalIdsOf } from './external-ids';
import { type ExternalRecordType } from '../../ports/customers';
import { jobWrite, reportWrite } from './import-job-store';
import { Entities } from './keys';
import { shardWrite } from './totals-store';
import { TOTALS_SHARDS, type TotalsShard } from '../../ports/deals';
import { WriteRefused } from '../../ports/failures';
import type { CommitInput, ImportBatch, RecordWrite } from '../../ports/imports';



export const emptyBatch = (): ImportBatch => ({ companies: [], contacts: [], deals: [], checkCompanies: [] });


/** A deal's totals shard (the planner counts one operation per shard a batch touches). */
export const dealShard = (dealId: string): number => shardOf(dealId, TOTALS_SHARDS);

/** The operations a record write adds (record, claim changes, external id and its list, audit entry). */
export function writeOps(write: RecordWrite<Company | Contact | Deal>, claim: string | null, claimBefore: string | null): number {
  let ops = 1;
  if (claim !== claimBefore) ops += (claim ? 1 : 0) + (claimBefore ? 1 : 0);
  if (write.externalId) ops += 2;
  if (write.activity) ops += 1;
  return ops;
}


const versionIs = <T extends { version: number }>(version: number) => new Filter<T>().and('version', FilterConditions.equalTo(version));

function external(tx: Transaction, type: ExternalRecordType, write: RecordWrite<{ id: string }>, now: number): Transaction {
  if (!write.externalId) return tx;
  takeExternalId(tx, type, write.externalId, write.after.id, now);
  return writeExternalIdsOf(tx, write.after.id, [write.externalId]);
}

interface Reservation {
  take(): Promise<string | undefined>;
  release(): Promise<void>;
}

/** The claims and external ids the batch's records take, each reserved for its record. */
function reservationsOf(batch: ImportBatch, now: number): Reservation[] {
  const out: Reservation[] = [];
  const claim = (kind: ClaimKind, holderId: string, before: string | null, after: string | null) => {
    if (after !== null && after !== before) out.push({ take: () => reserveClaim(kind, after, holderId, now), release: () => releaseReservation(kind, after, holderId) });
  };
  const external = (type: ExternalRecordType, write: RecordWrite<{ id: string }>) => {
    const value = write.externalId;
    if (value) out.push({ take: () => reserveExternalId(type, value, write.after.id, now), release: () => releaseExternalIdReservation(type, value, write.after.id) });
  };
  for (const w of batch.companies) {
    claim('domain', w.after.id, w.before?.domain ?? null, w.after.domain);
    external('company', w);
  }
  for (const w of batch.contacts) {
    claim('email', w.after.id, w.before?.email ?? null, w.after.email);
    external('contact', w);
  }
  for (const w of batch.deals) external('deal', w);
  return out;
}

/**
 * Reserves every value the batch takes, all at once. A value someone else holds refuses the batch
 * (WriteRefused, a condition failure): the run plans it again and the row meets the holder.
 */
async function reserveAll(reservations: Reservation[]): Promise<void> {
  const holders = await Promise.all(reservations.map((r) => r.take()));
  if (holders.some((h) => h !== undefined)) {
    await Promise.all(reservations.map((r, i) => (holders[i] === undefined ? r.release() : undefined)));
    throw new WriteRefused('a claim another record holds');
  }
}

/** Commits a batch; answers the write units it cost (estimated from what it wrote). */
export async function commitImportBatch(input: CommitInput): Promise<{ units: number }> {
  const { batch, pipeline, shards, job, next, report, now } = input;
  let units = 0;
  const reservations = reservationsOf(batch, now);
  await reserveAll(reservations);
  units += reservations.length;
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
  if (batch.deals.length > 0) {
    if (!pipeline || !shards) throw new Error('A batch of deals needs the pipeline and the totals shards it was planned on');
    const touched = new Map<number, TotalsShard>();
    for (const write of batch.deals) {
      const index = dealShard(write.after.id);
      const shard = touched.get(index) ?? shards[index]!;
      touched.set(index, { ...shard, totals: applyChange(shard.totals, write.before, write.after, pipeline) });
      const entity = toDealEntity(write.after, pipeline);
      tx.set(write.after.id, entity, { entityName: Entities.deal, ...(write.before ? { conditions: versionIs<DealEntity>(write.before.version) } : {}) });
      external(tx, 'deal', write, now);
      if (write.activity) tx.set(write.activity.id, write.activity, { entityName: Entities.activity });
      count(entity);
    }
    const projectId = batch.deals[0]!.after.projectId;
    for (const shard of touched.values()) {
      // Conditioned on the shard's version as read: a deal saved meanwhile refuses the batch, which is planned again.
      shardWrite(projectId, shards[shard.index]!, shard.totals, now)(tx);
      count(shard.totals);
    }
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
  try {
    await tx.execute();
  } catch (error) {
    // Best effort (they expire anyway): a refused batch leaves no reservation naming a record it did not write.
    await Promise.all(reservations.map((r) => r.release()));
    throw error;
  }
  return { units };
}

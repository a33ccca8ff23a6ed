import { kvs, WhereConditions } from '@forge/kvs';
import { allPages } from './paging';
import { z } from 'zod';
import { Entities, Keys } from './keys';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import { readVersioned, writeVersioned, type VersionedRecordSpec } from './versioned-record';
import { type ReadRecord } from '../../ports/storage';

/**
 * The site's CRM-enabled projects, one guard record: companies and contacts are visible to people
 * who can browse one of them and editable by holders of "Edit CRM records" in one (PRODUCT.md §5),
 * which Jira answers for all of them in one bulk request. Enabling the CRM adds a project; the
 * record is versioned like the other whole records (a concurrent enable is tried again).
 */
const CrmProjects = z.object({ schemaVersion: z.literal(1), version: z.number().int(), projectIds: z.array(z.string()) });
type CrmProjects = z.infer<typeof CrmProjects>;

const spec: VersionedRecordSpec<CrmProjects> = { key: Keys.crmProjects(), kind: 'crm-projects', holderId: 'site', schema: CrmProjects };

/**
 * Installs from before this record existed enabled projects whose pipelines are plain key-value
 * keys (`pipeline:<projectId>`): they are listed once, by key prefix, when the record is missing.
 */
async function legacyProjectIds(): Promise<string[]> {
  const ids: string[] = [];
  for await (const page of allPages(() => kvs.query().where('key', WhereConditions.beginsWith(Keys.pipeline(''))).limit(100))) {
    ids.push(...page.map((r) => r.key.slice(Keys.pipeline('').length)));
  }
  return ids;
}

/** The record as stored, created from the older installs' pipelines the first time it is needed. */
async function readOrCreate(now: number): Promise<ReadRecord<CrmProjects>> {
  const read = await readVersioned(spec);
  if (read?.place === 'guard') return read;
  const first: CrmProjects = { schemaVersion: 1, version: 1, projectIds: [...new Set(await legacyProjectIds())].sort() };
  try {
    await createOnly(spec.key, { kind: spec.kind, holderId: spec.holderId, version: first.version, updatedAt: now, schemaVersion: 1, data: first }, Entities.guard);
    return { value: first, place: 'guard' };
  } catch (error) {
    if (!(error instanceof WriteRefused)) throw error;
    return (await readVersioned(spec))!;
  }
}

/** The ids of the site's CRM-enabled projects (one request once the record exists). */
export async function crmProjectIds(now: number): Promise<string[]> {
  return (await readOrCreate(now)).value.projectIds;
}

/** Adds a project to the list if it is not there yet (conditioned on the version read: a condition failure when another enable won the race). */
export async function listCrmProject(projectId: string, now: number): Promise<void> {
  const read = await readOrCreate(now);
  if (read.value.projectIds.includes(projectId)) return;
  const next: CrmProjects = { ...read.value, version: read.value.version + 1, projectIds: [...read.value.projectIds, projectId].sort() };
  await writeVersioned(spec, next, read, now);
}

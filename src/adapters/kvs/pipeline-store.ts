import type { Pipeline } from '../../domain/pipeline';
import { Keys } from './keys';
import type { TxStep } from '../../ports/storage';
import { moveToEntity, readVersioned, versionUnchanged, writeVersioned, type VersionedRecordSpec } from './versioned-record';
import { StoredPipeline } from '../../ports/deals';


const spec = (projectId: string): VersionedRecordSpec<StoredPipeline> => ({ key: Keys.pipeline(projectId), kind: 'pipeline', holderId: projectId, schema: StoredPipeline });

/**
 * A project's pipeline, one guard record per project, read on every deal write and board load (one
 * request). A pipeline an older version stored as a key-value key is moved into the entity when
 * first read, because every deal write is conditioned on the pipeline's version (so a stage cannot
 * be removed under a move into it).
 */
export async function readPipeline(projectId: string): Promise<(StoredPipeline & Pipeline) | undefined> {
  const read = await readVersioned(spec(projectId));
  if (!read) return undefined;
  if (read.place === 'legacy') await moveToEntity(spec(projectId), read, read.value.updatedAt);
  return read.value;
}

/** Creates the pipeline of a project that enables the CRM; false when it already exists (someone else enabled it first). */
export async function createPipeline(projectId: string, pipeline: Pipeline, actorId: string, now: number): Promise<boolean> {
  if (await readPipeline(projectId)) return false;
  const value: StoredPipeline = { schemaVersion: 1, version: 1, stages: pipeline.stages, targets: [], enabledAt: now, enabledBy: actorId, updatedAt: now };
  try {
    await writeVersioned(spec(projectId), value, undefined, now);
    return true;
  } catch (error) {
    if (await readPipeline(projectId)) return false;
    throw error;
  }
}

/**
 * Saves the pipeline if it is still at `stored.version` (a condition failure otherwise), together
 * with `also` (e.g. checks that no deal entered a stage being removed).
 */
export async function savePipeline(projectId: string, stored: StoredPipeline, next: StoredPipeline, now: number, also: TxStep[] = []): Promise<void> {
  await writeVersioned(spec(projectId), next, { value: stored, place: 'guard' }, now, also);
}

/** Holds a deal write to the pipeline it was decided on: a pipeline saved meanwhile cancels it (and it is decided again). */
export function pipelineUnchanged(projectId: string, version: number): TxStep {
  return versionUnchanged(Keys.pipeline(projectId), version);
}

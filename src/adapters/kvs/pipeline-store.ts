import { kvs } from '@forge/kvs';
import { z } from 'zod';
import { StageSchema, TargetSchema } from '../../contracts/pipeline';
import type { Pipeline } from '../../domain/pipeline';
import { Keys } from './keys';

const StoredPipeline = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int(),
  // Stored stages and targets are what the contract accepted when they were saved.
  stages: z.array(StageSchema),
  /** Sales targets per fiscal period (added after the first pipelines were stored: default none). */
  targets: z.array(TargetSchema).default([]),
  enabledAt: z.number(),
  enabledBy: z.string(),
  updatedAt: z.number(),
});
export type StoredPipeline = z.infer<typeof StoredPipeline>;

/** A project's pipeline, one key per project: read on every deal write and board load. */
export async function readPipeline(projectId: string): Promise<(StoredPipeline & Pipeline) | undefined> {
  const value = await kvs.get(Keys.pipeline(projectId));
  return value === undefined ? undefined : StoredPipeline.parse(value);
}

/** Creates the pipeline of a project that enables the CRM; false when it already exists (someone else enabled it first). */
export async function createPipeline(projectId: string, pipeline: Pipeline, actorId: string, now: number): Promise<boolean> {
  const value: StoredPipeline = { schemaVersion: 1, version: 1, stages: pipeline.stages, targets: [], enabledAt: now, enabledBy: actorId, updatedAt: now };
  try {
    await kvs.set(Keys.pipeline(projectId), value, { keyPolicy: 'FAIL_IF_EXISTS' });
    return true;
  } catch (error) {
    if ((await kvs.get(Keys.pipeline(projectId))) !== undefined) return false;
    throw error;
  }
}

export async function writePipeline(projectId: string, value: StoredPipeline): Promise<void> {
  await kvs.set(Keys.pipeline(projectId), value);
}

import { z } from 'zod';
import { PipelineRecord } from './pipeline';

/** What a CRM surface needs to know first: the project, what the user may do there, and its pipeline if enabled. */
export const ProjectContext = z.object({
  projectId: z.string(),
  projectKey: z.string(),
  projectName: z.string(),
  canEdit: z.boolean(),
  canAdmin: z.boolean(),
  pipeline: PipelineRecord.nullable(),
});
export type ProjectContext = z.infer<typeof ProjectContext>;

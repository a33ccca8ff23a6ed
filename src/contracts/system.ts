import { z } from 'zod';

export const StatusInput = z.object({}).strict();
export type StatusInput = z.infer<typeof StatusInput>;

/** What `system/status` reports: who is calling, from which surface, and since when Relay is installed. */
export const StatusResult = z.object({
  app: z.literal('relay'),
  contractVersion: z.number().int(),
  accountId: z.string(),
  moduleKey: z.string(),
  projectKey: z.string().nullable(),
  issueKey: z.string().nullable(),
  installedAt: z.number(),
});
export type StatusResult = z.infer<typeof StatusResult>;

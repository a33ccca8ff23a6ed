import { z } from 'zod';

/**
 * The Get started checklist (admin page `relay-get-started`, `useAsGetStarted`): each step as
 * detected on the site now, with the facts the page words itself and where the step is done.
 */
export const SetupStepId = z.enum(['crm-enabled', 'edit-permission', 'handoff-template', 'exchange-rates', 'inbound-leads', 'gadgets']);
export type SetupStepId = z.infer<typeof SetupStepId>;

/** Where a step is done: a module of Relay (opened with Forge's router) or a Jira page (a site-relative path). */
export const SetupLink = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('module'), moduleKey: z.string(), projectKey: z.string().optional() }),
  z.object({ kind: z.literal('jira'), path: z.string().startsWith('/') }),
]);
export type SetupLink = z.infer<typeof SetupLink>;

export const SetupStep = z.object({
  id: SetupStepId,
  /** Every step is detected on the site: done, or still to do. */
  state: z.enum(['done', 'todo']),
  /** Project keys the step is about (enabled projects; projects still missing something). */
  projectKeys: z.array(z.string()),
  /** Project key → the names of who holds "Edit CRM records" there (edit-permission only). */
  holders: z.record(z.string(), z.array(z.string())).optional(),
  /** Currencies deals use without a rate (exchange-rates only). */
  currencies: z.array(z.string()).optional(),
  /** Dashboards showing a Relay gadget (gadgets only). */
  dashboards: z.array(z.object({ id: z.string(), name: z.string() })).optional(),
  link: SetupLink.nullable(),
});
export type SetupStep = z.infer<typeof SetupStep>;

export const SetupInput = z.object({}).strict();
export const SetupResult = z.object({ steps: z.array(SetupStep), done: z.number().int(), total: z.number().int() });
export type SetupResult = z.infer<typeof SetupResult>;

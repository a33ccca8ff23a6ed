import { z } from 'zod';
import { PipelineRecord } from './pipeline';

/**
 * The site settings every CRM surface needs to name periods and add money: the fiscal calendar
 * (the board's period filters, the targets editor), the reporting currency with its rates (the
 * board's converted column totals) and the glossary. The same values the metrics job computes with.
 */
export const SiteMoneyAndCalendar = z.object({
  reportingCurrency: z.string(),
  rates: z.record(z.string(), z.string()),
  fiscalYearStartMonth: z.number().int().min(1).max(12),
  /** The glossary as the site words it, for the definitions the board shows beside its totals. */
  glossary: z.record(z.string(), z.string()),
});
export type SiteMoneyAndCalendar = z.infer<typeof SiteMoneyAndCalendar>;

/** What a CRM surface needs to know first: the project, what the user may do there, its pipeline if enabled, and the site's calendar and rates. */
export const ProjectContext = z.object({
  projectId: z.string(),
  projectKey: z.string(),
  projectName: z.string(),
  canEdit: z.boolean(),
  canAdmin: z.boolean(),
  /** "Edit CRM records" in at least one project: who may create and edit the site-wide companies and contacts. */
  canEditShared: z.boolean(),
  pipeline: PipelineRecord.nullable(),
  site: SiteMoneyAndCalendar,
});
export type ProjectContext = z.infer<typeof ProjectContext>;

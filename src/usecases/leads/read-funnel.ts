import { funnelStore, settingsStore } from '../../ports/registry';
import type { z } from 'zod';
import type { FunnelInput, FunnelResult } from '../../contracts/lead';
import { glossaryWith } from '../../domain/glossary';
import { monthsOf, parseCell, periodFunnel, recentPeriods } from '../../domain/lead-funnel';
import { isoDateOf } from '../../domain/periods';
import { requireSiteList } from '../companies/site-access';
import type { UseCaseContext } from '../context';

/**
 * The funnel for the last `count` months or fiscal quarters (the site's fiscal calendar), optionally
 * cut to one segment and/or source: lead, MQL, SQL and opportunity counts and the glossary's
 * conversions, with the same figures per segment and per source. Reads only the monthly rollups
 * (a year of quarters: four batch reads, at any number of leads). Leads are site-wide, like contacts.
 * Errors: NOT_FOUND (the user browses no project).
 */
export async function readFunnel(ctx: UseCaseContext, input: z.infer<typeof FunnelInput>): Promise<z.infer<typeof FunnelResult>> {
  await requireSiteList(ctx, 'contacts');
  const settings = await settingsStore.readSettings();
  const calendar = { startMonth: settings.fiscalYearStartMonth };
  const periods = recentPeriods(isoDateOf(ctx.clock.now()), input.kind, input.count, calendar);
  const months = await funnelStore.readFunnelMonths([...new Set(periods.flatMap(monthsOf))]);
  const segments = new Set<string>();
  const sources = new Set<string>();
  for (const cells of Object.values(months)) {
    for (const cell of Object.keys(cells)) {
      const { segment, source } = parseCell(cell);
      segments.add(segment);
      sources.add(source);
    }
  }
  const filter = { ...(input.segment ? { segment: input.segment } : {}), ...(input.source ? { source: input.source } : {}) };
  const glossary = glossaryWith(settingsStore.glossaryOverrides(settings));
  return {
    periods: periods.map((period) => periodFunnel(months, period, filter)),
    segments: [...segments].sort(),
    sources: [...sources].sort(),
    glossary: { leadConversion: glossary.leadConversion, leadResponseSla: glossary.leadResponseSla },
  };
}

import { DEFAULT_SETTINGS } from '../ports/site';
import { crmProjectStore, metricsStore, settingsStore } from '../ports/registry';
import type { StoredSettings } from '../ports/site';
import type { z } from 'zod';
import type { SaveSiteSettingsInput, SiteSettingsRecord } from '../contracts/metrics';
import { StaleVersionError } from '../domain/conflict';
import { glossaryWith } from '../domain/glossary';
import { convert } from '../domain/money';
import type { UseCaseContext } from './context';
import { AppError, forbidden } from './errors';
import { saveVersioned } from './versioned-save';

type Unconverted = NonNullable<z.infer<typeof SiteSettingsRecord>['unconverted']>;

/**
 * The currencies deals use without a rate, over every project with the CRM (from each project's
 * daily figures: one read per project), so the admin page names the rates that are missing and
 * what they leave out of the totals. Project keys come from Jira as the admin sees them.
 */
async function unconvertedAcrossProjects(ctx: UseCaseContext): Promise<Unconverted> {
  const out = new Map<string, Unconverted[number]>();
  for (const projectId of await crmProjectStore.crmProjectIds(ctx.clock.now())) {
    const metrics = await metricsStore.readMetrics(projectId);
    if (!metrics || metrics.unconverted.length === 0) continue;
    const key = (await ctx.access.projectById(projectId))?.key ?? projectId;
    for (const u of metrics.unconverted) {
      const entry = out.get(u.currency) ?? { currency: u.currency, deals: 0, openMinor: 0, projectKeys: [] };
      out.set(u.currency, { currency: u.currency, deals: entry.deals + u.deals, openMinor: entry.openMinor + u.openMinor, projectKeys: [...entry.projectKeys, key].sort() });
    }
  }
  return [...out.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

/** Site settings as the admin page shows them (anyone may read; only Jira admins may change, and see what is left unconverted). */
export async function siteSettings(ctx: UseCaseContext): Promise<z.infer<typeof SiteSettingsRecord>> {
  return siteSettingsView(ctx, await settingsStore.readSettings());
}

async function siteSettingsView(ctx: UseCaseContext, settings: StoredSettings): Promise<z.infer<typeof SiteSettingsRecord>> {
  const canEdit = await ctx.access.isSiteAdmin();
  return {
    reportingCurrency: settings.reportingCurrency,
    rates: settings.rates,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    glossary: glossaryWith(settingsStore.glossaryOverrides(settings)),
    glossaryOverrides: settings.glossary,
    version: settings.version,
    canEdit,
    unconverted: canEdit ? await unconvertedAcrossProjects(ctx) : null,
  };
}

/** Saves site settings at the version read. Errors: FORBIDDEN (Jira admins only), CONFLICT (with the current settings), VALIDATION. */
export async function saveSiteSettings(ctx: UseCaseContext, input: z.infer<typeof SaveSiteSettingsInput>) {
  if (!(await ctx.access.isSiteAdmin())) throw forbidden('Only Jira administrators can change Relay’s site settings.');
  if (Object.prototype.hasOwnProperty.call(input.rates, input.reportingCurrency)) throw new AppError('VALIDATION', 'The reporting currency needs no rate.', [{ path: `rates.${input.reportingCurrency}`, message: 'Remove this rate' }]);
  for (const [currency, rate] of Object.entries(input.rates)) {
    if (Number(rate) <= 0) throw new AppError('VALIDATION', 'Rates are positive.', [{ path: `rates.${currency}`, message: 'Must be more than 0' }]);
    convert({ amountMinor: 1, currency }, { reportingCurrency: input.reportingCurrency, rates: input.rates });
  }
  let read = await settingsStore.readStoredSettings();
  // The one versioned save (usecases/versioned-save.ts): settings saved meanwhile are CONFLICT with them.
  await saveVersioned({
    run: async () => {
      const current = read?.value ?? DEFAULT_SETTINGS;
      if (current.version !== input.version) throw new StaleVersionError('settings', await siteSettingsView(ctx, current));
      await settingsStore.saveSettings(
        {
          schemaVersion: 1,
          version: current.version + 1,
          reportingCurrency: input.reportingCurrency,
          rates: input.rates,
          fiscalYearStartMonth: input.fiscalYearStartMonth,
          glossary: Object.fromEntries(Object.entries(input.glossaryOverrides).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1].length > 0)),
          updatedAt: ctx.clock.now(),
          updatedBy: ctx.access.accountId,
        },
        read,
        ctx.clock.now(),
      );
    },
    explain: async () => {
      read = await settingsStore.readStoredSettings();
    },
  });
  return siteSettings(ctx);
}

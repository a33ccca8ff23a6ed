import type { z } from 'zod';
import type { SaveSiteSettingsInput } from '../contracts/metrics';
import { DEFAULT_SETTINGS, glossaryOverrides, readSettings, readStoredSettings, saveSettings, type StoredSettings } from '../adapters/kvs/settings-store';
import { StaleVersionError } from '../domain/conflict';
import { glossaryWith } from '../domain/glossary';
import { convert } from '../domain/money';
import type { UseCaseContext } from './context';
import { AppError, forbidden } from './errors';
import { saveVersioned } from './versioned-save';

/** Site settings as the admin page shows them (anyone may read; only Jira admins may change). */
export async function siteSettings(ctx: UseCaseContext) {
  return siteSettingsView(ctx, await readSettings());
}

async function siteSettingsView(ctx: UseCaseContext, settings: StoredSettings) {
  return {
    reportingCurrency: settings.reportingCurrency,
    rates: settings.rates,
    fiscalYearStartMonth: settings.fiscalYearStartMonth,
    glossary: glossaryWith(glossaryOverrides(settings)),
    glossaryOverrides: settings.glossary,
    version: settings.version,
    canEdit: await ctx.access.isSiteAdmin(),
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
  let read = await readStoredSettings();
  // The one versioned save (usecases/versioned-save.ts): settings saved meanwhile are CONFLICT with them.
  await saveVersioned({
    run: async () => {
      const current = read?.value ?? DEFAULT_SETTINGS;
      if (current.version !== input.version) throw new StaleVersionError('settings', await siteSettingsView(ctx, current));
      await saveSettings(
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
      read = await readStoredSettings();
    },
  });
  return siteSettings(ctx);
}

import { renewalStore, settingsStore } from '../../ports/registry';
import type { z } from 'zod';
import type { RenewalsGadgetInput, RenewalsGadgetResult } from '../../contracts/renewal';
import type { Health } from '../../domain/company';
import { glossaryWith } from '../../domain/glossary';
import type { CurrencyAmounts, ExchangeRates } from '../../domain/money';
import { addTo, convert } from '../../domain/money';
import type { ByHealth, DueWindow } from '../../domain/renewal';
import { DUE_WINDOWS, HEALTH_KEYS } from '../../domain/renewal';
import type { UseCaseContext } from '../context';
import { browsableProject, enabledPipeline } from '../project-access';

type Result = z.infer<typeof RenewalsGadgetResult>;

/** Per-currency ARR in the reporting currency; currencies without a rate are named, not dropped silently. */
function converter(rates: ExchangeRates) {
  const missing = new Set<string>();
  const toReporting = (amounts: CurrencyAmounts) => {
    let total = 0;
    for (const [currency, amountMinor] of Object.entries(amounts)) {
      try {
        total += convert({ amountMinor, currency }, rates).amountMinor;
      } catch {
        missing.add(currency);
      }
    }
    return total;
  };
  return { toReporting, missing };
}

function combine(all: ByHealth[]): ByHealth {
  const out = {} as ByHealth;
  for (const tier of HEALTH_KEYS) {
    let arr: CurrencyAmounts = {};
    let count = 0;
    for (const byHealth of all) {
      count += byHealth[tier].count;
      for (const [currency, amount] of Object.entries(byHealth[tier].arr)) arr = addTo(arr, currency, amount);
    }
    out[tier] = { count, arr };
  }
  return out;
}

/**
 * One Renewals gadget render, for one project or several combined: per project its pipeline (the
 * CRM must be on) and the renewal summary the daily run stored; the site settings and the site's
 * retention once — 3 storage reads per project + 2, whatever the number of contracts. Figures
 * count the health tiers chosen; ARR at risk is always the Poor tier's (its definition). GRR and
 * NRR are the site's for the current quarter: customers are the site's, whichever project renews
 * them. Errors: NOT_FOUND (a project not browsable or without the CRM).
 */
export async function renewalsGadget(ctx: UseCaseContext, input: z.infer<typeof RenewalsGadgetInput>): Promise<Result> {
  const keys = [...new Set([...(input.projectKey ? [input.projectKey] : []), ...(input.projectKeys ?? [])])];
  const shared = Promise.all([settingsStore.readSettings(), renewalStore.readRetention()]);
  const loaded = await Promise.all(
    keys.map(async (key) => {
      const project = await browsableProject(ctx, key);
      const [, summary] = await Promise.all([enabledPipeline(project.id), renewalStore.readRenewalSummary(project.id)]);
      return { project, summary };
    }),
  );
  const [settings, retention] = await shared;
  const { toReporting, missing } = converter({ reportingCurrency: settings.reportingCurrency, rates: settings.rates });
  const tiers: Health[] = input.health ?? [...HEALTH_KEYS];
  const computed = loaded.flatMap((l) => (l.summary ? [l.summary] : []));
  const figures = (byHealth: ByHealth, only: readonly Health[]) => {
    let count = 0;
    let arr: CurrencyAmounts = {};
    for (const tier of only) {
      count += byHealth[tier].count;
      for (const [currency, amount] of Object.entries(byHealth[tier].arr)) arr = addTo(arr, currency, amount);
    }
    return { count, arrMinor: toReporting(arr) };
  };
  const windows = DUE_WINDOWS.filter((w) => w <= input.horizonDays);
  const due = windows.map((withinDays: DueWindow) => {
    const byHealth = combine(computed.map((s) => s.due[withinDays]));
    return {
      withinDays,
      ...figures(byHealth, tiers),
      byHealth: Object.fromEntries(HEALTH_KEYS.map((tier) => [tier, tiers.includes(tier) ? figures(byHealth, [tier]) : { count: 0, arrMinor: 0 }])) as Result['due'][number]['byHealth'],
    };
  });
  const horizon = combine(computed.map((s) => s.due[input.horizonDays]));
  const first = loaded[0]!.project;
  return {
    projectKey: first.key,
    projectName: loaded.map((l) => l.project.name).join(', '),
    projects: loaded.map((l) => ({ projectKey: l.project.key, projectName: l.project.name, computedAt: l.summary?.computedAt ?? null })),
    reportingCurrency: settings.reportingCurrency,
    available: computed.length === loaded.length,
    computedAt: computed.length === loaded.length ? Math.min(...computed.map((s) => s.computedAt)) : null,
    health: tiers,
    due,
    overdue: figures(combine(computed.map((s) => s.overdue)), tiers),
    arrAtRiskMinor: figures(horizon, ['poor']).arrMinor + figures(combine(computed.map((s) => s.overdue)), ['poor']).arrMinor,
    retention: retention?.quarter ?? null,
    grr: retention?.quarter.grr ?? null,
    nrr: retention?.quarter.nrr ?? null,
    unconvertedCurrencies: [...new Set([...missing, ...(retention?.quarter.unconvertedCurrencies ?? [])])].sort(),
    glossary: glossaryWith(settingsStore.glossaryOverrides(settings)),
  };
}

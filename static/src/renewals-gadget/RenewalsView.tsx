import type { z } from 'zod';
import type { RenewalsGadgetResult } from '../../../src/contracts/renewal';
import { api } from '../lib/api';
import { PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { Defined, GadgetProblem, Metric, NotConfigured, useGadgetData } from '../lib/gadget';
import type { RenewalsConfig } from '../lib/gadget-config';
import { GADGET_TITLES, HEALTH_FILTER, refreshIntervalMs, renewalsInput } from '../lib/gadget-config';
import { asOfLines, definitionOf, formatInstant, formatPercent } from '../lib/gadget-format';
import { tierText } from '../lib/health-text';
import { formatMoney } from '../../../src/domain/money-format';
import { t } from '../lib/i18n';
import './renewals-gadget.css';
import { periodName } from '../lib/period-format';

type Result = z.infer<typeof RenewalsGadgetResult>;

export function RenewalsView({ config }: { config: RenewalsConfig | null }) {
  return config ? <RenewalsNumbers config={config} /> : <NotConfigured />;
}

/** One `gadgets/renewals` invoke per render (and per refresh). GRR and NRR arrive as ratios (1.02 = 102 %). */
function RenewalsNumbers({ config }: { config: RenewalsConfig }) {
  const context = useForgeContext();
  const data = useGadgetData(() => api.gadgets.renewals(renewalsInput(config)), refreshIntervalMs(config));
  const result = data.data;
  if (!result) {
    if (data.error) return <GadgetProblem error={data.error} onRetry={data.reload} />;
    return <PageSkeleton rows={3} label={t('gadgets.view.loading')} />;
  }
  const filtered = config.health.length < HEALTH_FILTER.length;
  const asOf = asOfLines(result.projects, (ms) => formatInstant(ms, context.locale, context.timezone));
  return (
    <div className="relay-gadget" data-testid="gadget-view">
      <header className="relay-gadget__head">
        <div>
          <h1 className="relay-gadget__title">
            {t(GADGET_TITLES.renewals)}
            {': '}
            <span data-testid="gadget-project-name">{result.projectName}</span> (<span className="relay-mono" data-testid="gadget-config-project">{result.projects.map((p) => p.projectKey).join(', ')}</span>)
          </h1>
          <span className="relay-gadget__meta" data-testid="gadget-horizon">
            {t('gadgets.edit.horizonDays', { days: config.horizonDays })}
            {filtered ? ` · ${t('gadget.renewals.onlyTiers', { tiers: config.health.map(tierText).join(', ') })}` : ''}
          </span>
        </div>
      </header>
      {data.error ? <GadgetProblem error={data.error} onRetry={data.reload} /> : null}
      {result.available ? <RenewalFigures result={result} horizonDays={config.horizonDays} /> : <NotComputed />}
      {asOf.map((line) => (
        <p key={line.projectName ?? 'all'} className="relay-gadget__meta" data-testid="gadget-as-of">
          {line.projectName ? t('gadget.renewals.asOfProject', { project: line.projectName, time: line.time }) : t('gadget.renewals.asOf', { time: line.time })}
        </p>
      ))}
      {result.unconvertedCurrencies.length > 0 ? (
        <p className="relay-gadget__meta" role="note" data-testid="gadget-unconverted">
          {t('renewals.unconverted', { currencies: result.unconvertedCurrencies.join(', ') })}
        </p>
      ) : null}
    </div>
  );
}

/** Before the daily run (or a refresh) computed the figures: what the gadget will show, and where it comes from. */
function NotComputed() {
  return (
    <section className="relay-empty" data-testid="renewals-empty">
      <p className="relay-empty__title">{t('gadget.renewals.notComputed.title')}</p>
      <p className="relay-empty__body">{t('gadget.renewals.notComputed.body')}</p>
    </section>
  );
}

function RenewalFigures({ result, horizonDays }: { result: Result; horizonDays: number }) {
  const context = useForgeContext();
  const locale = context.locale;
  const currency = result.reportingCurrency;
  const empty = t('common.notSet');
  const g = result.glossary;
  const tiers = result.health;
  const period = result.retention ? { period: periodName(result.retention.key) } : null;
  const count = (n: number) => (n === 1 ? t('renewals.countOne') : t('renewals.count', { count: n }));
  return (
    <>
      <div className="relay-metrics">
        <Metric label={t('gadgets.renewals.overdue')} definition={t('gadgets.def.overdue')} value={formatMoney(result.overdue.arrMinor, currency, locale)} testId="renewals-overdue" sub={count(result.overdue.count)} />
        <Metric label={t('gadgets.renewals.atRisk')} definition={t('gadgets.def.atRisk')} value={formatMoney(result.arrAtRiskMinor, currency, locale)} testId="renewals-at-risk" />
        <Metric label={t('gadgets.renewals.grr')} definition={definitionOf(g, 'grr')} value={formatPercent(result.grr, empty, locale)} testId="renewals-grr" {...(period ? { sub: t('gadget.renewals.allCustomers', period) } : {})} />
        <Metric label={t('gadgets.renewals.nrr')} definition={definitionOf(g, 'nrr')} value={formatPercent(result.nrr, empty, locale)} testId="renewals-nrr" {...(period ? { sub: t('gadget.renewals.allCustomers', period) } : {})} />
      </div>
      <table className="relay-table" data-testid="renewals-due">
        <caption className="relay-gadget__section-title">{t('gadget.renewals.dueTitle', { days: horizonDays })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('gadgets.renewals.within')}</th>
            {tiers.map((tier) => (
              <th key={tier} scope="col">
                {tierText(tier)}
              </th>
            ))}
            <th scope="col">{t('gadgets.renewals.total')}</th>
          </tr>
        </thead>
        <tbody>
          {result.due.map((row) => (
            <tr key={row.withinDays} data-testid={`renewals-due-${row.withinDays}`}>
              <th scope="row">{t('gadgets.edit.horizonDays', { days: row.withinDays })}</th>
              {tiers.map((tier) => (
                <td key={tier}>
                  <Defined definition={t('gadgets.def.dueTier')}>
                    <span className="relay-due__amount">{formatMoney(row.byHealth[tier].arrMinor, currency, locale)}</span>
                    <span className="relay-due__count">{count(row.byHealth[tier].count)}</span>
                  </Defined>
                </td>
              ))}
              <td>
                <Defined definition={t('gadgets.def.due')}>
                  <span className="relay-due__amount">{formatMoney(row.arrMinor, currency, locale)}</span>
                  <span className="relay-due__count">{count(row.count)}</span>
                </Defined>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

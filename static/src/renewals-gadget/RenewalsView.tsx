import type { z } from 'zod';
import type { RenewalsGadgetResult } from '../../../src/contracts/metrics';
import { api } from '../lib/api';
import { PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { Defined, GadgetProblem, Metric, NotConfigured, useGadgetData } from '../lib/gadget';
import type { RenewalsConfig } from '../lib/gadget-config';
import { GADGET_TITLES, renewalsInput } from '../lib/gadget-config';
import { formatMoney } from '../../../src/domain/money-format';
import { formatPercent, definitionOf } from '../lib/gadget-format';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';

type Result = z.infer<typeof RenewalsGadgetResult>;
const TIERS = ['good', 'average', 'poor', 'unknown'] as const;
const TIER_LABELS: Record<(typeof TIERS)[number], MessageKey> = {
  good: 'gadgets.renewals.tier.good',
  average: 'gadgets.renewals.tier.average',
  poor: 'gadgets.renewals.tier.poor',
  unknown: 'gadgets.renewals.tier.unknown',
};

export function RenewalsView({ config }: { config: RenewalsConfig | null }) {
  return config ? <RenewalsNumbers config={config} /> : <NotConfigured />;
}

/** One `gadgets/renewals` invoke per render. GRR and NRR arrive as ratios (1.02 = 102%), as every ratio in the metrics contract. */
function RenewalsNumbers({ config }: { config: RenewalsConfig }) {
  const data = useGadgetData(() => api.gadgets.renewals(renewalsInput(config)), null);
  const result = data.data;
  if (!result) {
    if (data.error) return <GadgetProblem error={data.error} onRetry={data.reload} />;
    return <PageSkeleton rows={3} label={t('gadgets.view.loading')} />;
  }
  return (
    <div className="relay-gadget" data-testid="gadget-view">
      <header className="relay-gadget__head">
        <div>
          <h1 className="relay-gadget__title">
            {t(GADGET_TITLES.renewals)}
            {': '}
            <span data-testid="gadget-project-name">{result.projectName}</span> (<span className="relay-mono" data-testid="gadget-config-project">{result.projectKey}</span>)
          </h1>
          <span className="relay-gadget__meta" data-testid="gadget-horizon">
            {t('gadgets.edit.horizonDays', { days: config.horizonDays })}
          </span>
        </div>
      </header>
      {data.error ? <GadgetProblem error={data.error} onRetry={data.reload} /> : null}
      {result.available ? <RenewalFigures result={result} /> : <RenewalsEmpty horizonDays={config.horizonDays} />}
    </div>
  );
}

/** Until renewals are tracked the gadget teaches what it will show and where the data comes from. */
function RenewalsEmpty({ horizonDays }: { horizonDays: number }) {
  return (
    <section className="relay-empty" data-testid="renewals-empty">
      <p className="relay-empty__title">{t('gadgets.renewals.empty.title')}</p>
      <p className="relay-empty__body">{t('gadgets.renewals.empty.body')}</p>
      <ul>
        <li>{t('gadgets.renewals.empty.due', { days: horizonDays })}</li>
        <li>{t('gadgets.renewals.empty.overdue')}</li>
        <li>{t('gadgets.renewals.empty.rates')}</li>
      </ul>
      <p className="relay-gadget__meta">{t('gadgets.renewals.empty.how')}</p>
    </section>
  );
}

function RenewalFigures({ result }: { result: Result }) {
  const context = useForgeContext();
  const locale = context.locale;
  const currency = result.reportingCurrency;
  const empty = t('common.notSet');
  const g = result.glossary;
  return (
    <>
      <div className="relay-metrics">
        <Metric label={t('gadgets.renewals.overdue')} definition={t('gadgets.def.overdue')} value={formatMoney(result.overdue.arrMinor, currency, locale)} testId="renewals-overdue" sub={t('gadgets.renewals.count', { count: result.overdue.count })} />
        <Metric label={t('gadgets.renewals.atRisk')} definition={t('gadgets.def.atRisk')} value={formatMoney(result.arrAtRiskMinor, currency, locale)} testId="renewals-at-risk" />
        <Metric label={t('gadgets.renewals.grr')} definition={definitionOf(g, 'grr')} value={formatPercent(result.grr, empty, locale)} testId="renewals-grr" />
        <Metric label={t('gadgets.renewals.nrr')} definition={definitionOf(g, 'nrr')} value={formatPercent(result.nrr, empty, locale)} testId="renewals-nrr" />
      </div>
      <table className="relay-table" data-testid="renewals-due">
        <caption className="relay-gadget__section-title">{t('gadgets.renewals.dueTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('gadgets.renewals.within')}</th>
            {TIERS.map((tier) => (
              <th key={tier} scope="col">
                {t(TIER_LABELS[tier])}
              </th>
            ))}
            <th scope="col">{t('gadgets.renewals.total')}</th>
          </tr>
        </thead>
        <tbody>
          {result.due.map((row) => (
            <tr key={row.withinDays}>
              <th scope="row">{t('gadgets.edit.horizonDays', { days: row.withinDays })}</th>
              {TIERS.map((tier) => (
                <td key={tier}>
                  <Defined definition={t('gadgets.def.dueTier')}>{formatMoney(row.byHealth[tier].arrMinor, currency, locale)}</Defined>
                </td>
              ))}
              <td>
                <Defined definition={t('gadgets.def.due')}>{`${formatMoney(row.arrMinor, currency, locale)} (${row.count})`}</Defined>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

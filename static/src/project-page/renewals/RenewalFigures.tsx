import Lozenge from '@atlaskit/lozenge';
import type { z } from 'zod';
import type { RenewalsOverview } from '../../../../src/contracts/renewal';
import type { ByHealth } from '../../../../src/domain/renewal';
import { HEALTH_KEYS } from '../../../../src/domain/renewal';
import type { CurrencyAmounts } from '../../../../src/domain/money';
import { addTo } from '../../../../src/domain/money';
import { formatPercent, definitionOf } from '../../lib/gadget-format';
import { formatMoney } from '../../../../src/domain/money-format';
import { reportingTotal } from '../../lib/health-text';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { Metric } from '../insights/Definition';
import { dateText } from '../records/format';
import { periodName } from '../../lib/period-format';

type Overview = z.infer<typeof RenewalsOverview>;

/** How a set of per-tier figures adds up (tiers chosen), per currency. */
export function sumTiers(byHealth: ByHealth, tiers: readonly string[] = HEALTH_KEYS): { count: number; arr: CurrencyAmounts } {
  let arr: CurrencyAmounts = {};
  let count = 0;
  for (const tier of HEALTH_KEYS) {
    if (!tiers.includes(tier)) continue;
    count += byHealth[tier].count;
    for (const [currency, amount] of Object.entries(byHealth[tier].arr)) arr = addTo(arr, currency, amount);
  }
  return { count, arr };
}

const DUE: Array<{ window: 30 | 60 | 90; label: MessageKey }> = [
  { window: 30, label: 'renewals.due30' },
  { window: 60, label: 'renewals.due60' },
  { window: 90, label: 'renewals.due90' },
];

/**
 * The Renewals tab's head: renewals due in 30/60/90 days and overdue with their ARR, the ARR at
 * risk (Poor companies), and the site's NRR, GRR and churn for the quarter, each with its
 * definition one hover away. Amounts are converted to the reporting currency; currencies without a
 * rate are named below the figures rather than silently left out.
 */
export function RenewalFigures({ overview, locale }: { overview: Overview; locale: string }) {
  const rates = { reportingCurrency: overview.reportingCurrency, rates: overview.rates };
  const summary = overview.summary;
  const missing = new Set<string>();
  const money = (arr: CurrencyAmounts) => {
    const total = reportingTotal(arr, rates);
    total.unconverted.forEach((c) => missing.add(c));
    return formatMoney(total.amountMinor, overview.reportingCurrency, locale);
  };
  const empty = t('common.notSet');
  const count = (n: number) => (n === 1 ? t('renewals.countOne') : t('renewals.count', { count: n }));
  const retention = overview.retention?.quarter ?? null;
  (retention?.unconvertedCurrencies ?? []).forEach((c) => missing.add(c));
  const g = overview.glossary;
  const atRisk = summary ? (() => {
    let arr = sumTiers(summary.due[90], ['poor']).arr;
    for (const [currency, amount] of Object.entries(sumTiers(summary.overdue, ['poor']).arr)) arr = addTo(arr, currency, amount);
    return arr;
  })() : null;
  return (
    <>
      {summary ? (
        <div className="insights-metrics" data-testid="renewal-figures">
          {DUE.map(({ window, label }) => {
            const due = sumTiers(summary.due[window]);
            return <Metric key={window} id={`due-${window}`} label={t(label)} value={money(due.arr)} detail={count(due.count)} definition={t('renewals.def.due')} />;
          })}
          <Metric id="overdue" label={t('renewals.overdue')} value={money(sumTiers(summary.overdue).arr)} detail={count(sumTiers(summary.overdue).count)} definition={t('renewals.def.overdue')} />
          <Metric id="at-risk" label={t('renewals.atRisk')} value={money(atRisk ?? {})} definition={t('renewals.def.atRisk')} />
        </div>
      ) : null}
      {retention ? (
        <section aria-label={t('renewals.retentionTitle', { period: periodName(retention.key) })} data-testid="renewal-retention">
          <h3 className="insights-subtitle">{t('renewals.retentionTitle', { period: `${dateText(retention.start, locale)} – ${dateText(retention.end, locale)}` })}</h3>
          <div className="insights-metrics">
            <Metric id="nrr" label={t('renewals.nrr')} value={formatPercent(retention.nrr, empty, locale)} definition={definitionOf(g, 'nrr')} />
            <Metric id="grr" label={t('renewals.grr')} value={formatPercent(retention.grr, empty, locale)} definition={definitionOf(g, 'grr')} />
            <Metric id="logo-churn" label={t('renewals.logoChurn')} value={formatPercent(retention.logoChurn, empty, locale)} detail={`${retention.customersLost} / ${retention.customersAtStart}`} definition={definitionOf(g, 'churn')} />
            <Metric id="revenue-churn" label={t('renewals.revenueChurn')} value={formatPercent(retention.revenueChurn, empty, locale)} definition={definitionOf(g, 'churn')} />
          </div>
          <p className="relay-muted relay-retention-parts" data-testid="renewal-retention-parts">
            {t('renewals.retentionParts', {
              starting: formatMoney(retention.startingMinor, overview.reportingCurrency, locale),
              expansion: formatMoney(retention.expansionMinor, overview.reportingCurrency, locale),
              contraction: formatMoney(retention.contractionMinor, overview.reportingCurrency, locale),
              churn: formatMoney(retention.churnMinor, overview.reportingCurrency, locale),
            })}
          </p>
        </section>
      ) : null}
      {missing.size > 0 ? (
        <p className="relay-muted" role="note" data-testid="renewal-unconverted">
          {t('renewals.unconverted', { currencies: [...missing].sort().join(', ') })}
        </p>
      ) : null}
    </>
  );
}

const KIND_APPEARANCE = { new: 'new', expansion: 'success', contraction: 'moved', churn: 'removed' } as const;

/** ARR movements recorded in this project this quarter (renewals won higher or lower, churn, new contracts). */
export function Movements({ overview, locale }: { overview: Overview; locale: string }) {
  return (
    <section data-testid="renewal-movements">
      <h3 className="insights-subtitle">{t('renewals.movements.title', { period: `${dateText(overview.period.start, locale)} – ${dateText(overview.period.end, locale)}` })}</h3>
      {overview.movements.length === 0 ? (
        <p className="relay-muted">{t('renewals.movements.empty')}</p>
      ) : (
        <table className="insights-table">
          <thead>
            <tr>
              <th scope="col">{t('renewals.movements.col.date')}</th>
              <th scope="col">{t('renewals.col.company')}</th>
              <th scope="col">{t('renewals.movements.col.kind')}</th>
              <th scope="col" className="insights-num">
                {t('renewals.movements.col.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {overview.movements.map((m) => (
              <tr key={m.id}>
                <td>{dateText(m.effectiveOn, locale)}</td>
                <td>{m.companyName ?? m.companyId}</td>
                <td>
                  <Lozenge appearance={KIND_APPEARANCE[m.kind]}>{t(`renewals.kind.${m.kind}`)}</Lozenge>
                </td>
                <td className="insights-num">
                  {Object.entries(m.deltas)
                    .map(([currency, amount]) => `${amount > 0 ? '+' : ''}${formatMoney(amount, currency, locale)}`)
                    .join(' ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

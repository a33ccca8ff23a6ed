import type { z } from 'zod';
import type { PipelineGadgetResult } from '../../../src/contracts/metrics';
import { formatMoney } from '../../../src/domain/money-format';
import { Defined, Metric } from '../lib/gadget';
import type { PipelineConfig } from '../lib/gadget-config';
import { forecastBar, formatCoverage, formatDecimal, formatPercent, formatPercentPoints, definitionOf } from '../lib/gadget-format';
import { t } from '../lib/i18n';
import { accuracyBasis, dealsText, periodLabel, targetBasis } from '../lib/metric-basis';
import { unconvertedDealsText } from '../lib/money-text';
import { ForecastChart } from './charts';

type Result = z.infer<typeof PipelineGadgetResult>;
type Period = NonNullable<Result['period']>;

/**
 * The chosen period's figures (for the whole projects, or the segment chosen: every figure follows
 * it), each with its glossary definition one hover away and the data it was computed from under it.
 */
export function PeriodSection({ result, period, config, locale }: { result: Result; period: Period; config: PipelineConfig; locale: string }) {
  const g = result.glossary;
  const currency = result.reportingCurrency;
  const empty = t('common.notSet');
  const money = (minor: number | null) => (minor === null ? empty : formatMoney(minor, currency, locale));
  const bar = forecastBar(period.forecast, result.targetMinor);
  const overrideCurrencyChanged = config.targetOverrideMinor !== undefined && config.targetCurrency !== undefined && config.targetCurrency !== currency;
  const name = periodLabel(period, locale, false);
  const won = period.winRate.won;
  return (
    <>
      {result.unconverted.length > 0 ? (
        <p className="relay-unconverted" role="note" data-testid="gadget-unconverted">
          {t('basis.unconvertedDaily', { list: unconvertedDealsText(result.unconverted, locale), currency })}
        </p>
      ) : null}
      <section className="relay-gadget__section" aria-labelledby="relay-forecast-title">
        <h2 className="relay-gadget__section-title" id="relay-forecast-title">
          {t('gadgets.forecast.title')}
        </h2>
        <ForecastChart
          bar={bar}
          forecast={period.forecast}
          targetMinor={result.targetMinor}
          currency={currency}
          locale={locale}
          definition={definitionOf(g, 'forecastCategories')}
          targetDefinition={t(result.target === 'not-applicable' ? 'gadgets.def.targetSegment' : 'gadgets.def.target')}
          noTarget={t(result.target === 'not-applicable' ? 'basis.targetNotApplicable' : 'gadgets.forecast.noTarget')}
        />
        <p className="relay-metric__basis" data-testid="forecast-basis">
          {t('basis.forecast', { deals: dealsText(Object.values(period.forecast).reduce((n, c) => n + c.count, 0)), period: name })}
        </p>
        {overrideCurrencyChanged ? <p className="relay-note">{t('gadgets.view.targetCurrencyChanged', { saved: config.targetCurrency ?? '', currency })}</p> : null}
      </section>
      <div className="relay-metrics">
        <Metric
          label={t('gadgets.metric.coverage')}
          definition={definitionOf(g, 'coverage')}
          value={result.target === 'not-applicable' ? t('basis.notApplicable') : formatCoverage(result.coverage, empty, locale)}
          testId="metric-coverage"
          sub={
            <>
              {t('gadgets.metric.qualified')}{' '}
              <Defined definition={definitionOf(g, 'qualifiedPipeline')} testId="metric-qualified">
                {money(period.qualifiedMinor)}
              </Defined>
            </>
          }
          basis={targetBasis(result, period, locale)}
        />
        <Metric
          label={t('gadgets.metric.winRate')}
          definition={definitionOf(g, 'winRate')}
          value={formatPercent(period.winRate.byCount, empty, locale)}
          testId="metric-win-rate"
          sub={
            <>
              {t('gadgets.metric.byValue')}{' '}
              <Defined definition={definitionOf(g, 'winRate')} testId="metric-win-rate-value">
                {formatPercent(period.winRate.byValue, empty, locale)}
              </Defined>
            </>
          }
          basis={t('basis.closed', { won, lost: period.winRate.lost, period: name })}
        />
        <Metric label={t('gadgets.metric.cycle')} definition={definitionOf(g, 'salesCycle')} value={period.salesCycleDays === null ? empty : t('gadgets.metric.days', { days: formatDecimal(period.salesCycleDays, empty, locale) })} testId="metric-cycle" basis={t('basis.wonDeals', { deals: dealsText(won), period: name })} />
        <Metric
          label={t('gadgets.metric.velocity')}
          definition={definitionOf(g, 'velocity')}
          value={period.velocityPerDayMinor === null ? empty : t('gadgets.metric.perDay', { amount: money(period.velocityPerDayMinor) })}
          testId="metric-velocity"
          basis={t('basis.velocity', { qualified: dealsText(period.qualifiedCount), average: money(period.averageDealSizeMinor), winRate: formatPercent(period.winRate.byCount, empty, locale), days: formatDecimal(period.salesCycleDays, empty, locale) })}
        />
        <Metric label={t('gadgets.metric.averageDeal')} definition={definitionOf(g, 'averageDealSize')} value={money(period.averageDealSizeMinor)} testId="metric-average-deal" basis={t('basis.wonDeals', { deals: dealsText(period.parts.wonWithRate), period: name })} />
        <Metric label={t('gadgets.metric.won')} definition={definitionOf(g, 'won')} value={money(period.wonMinor)} testId="metric-won" basis={t('basis.wonDeals', { deals: dealsText(won), period: name })} />
        <Metric
          label={result.lastCompleted ? t('basis.accuracyOf', { period: periodLabel(result.lastCompleted, locale, false) }) : t('gadgets.metric.accuracy')}
          definition={definitionOf(g, 'forecastAccuracy')}
          value={formatPercentPoints(result.lastCompleted?.forecastAccuracy ?? null, empty, locale)}
          testId="metric-accuracy"
          basis={accuracyBasis(result.lastCompleted, currency, locale)}
        />
        <Metric label={t('gadgets.metric.handoff')} definition={definitionOf(g, 'handoffSla')} value={formatPercent(period.handoffSla.attainment, empty, locale)} testId="metric-handoff" basis={t('basis.handoff', { onTime: period.handoffSla.onTime, handoffs: period.handoffSla.handoffs })} />
      </div>
    </>
  );
}

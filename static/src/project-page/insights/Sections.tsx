import type { z } from 'zod';
import type { PipelineNowSchema } from '../../../../src/contracts/metrics';
import type { GlossaryKey } from '../../../../src/domain/glossary';
import { GLOSSARY } from '../../../../src/domain/glossary';
import { formatMoney } from '../../../../src/domain/money-format';
import type { ForecastCategory } from '../../../../src/domain/pipeline';
import { Card } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { accuracyBasis, dealsText, periodLabel, targetBasis } from '../../lib/metric-basis';
import { MoneyFigure, UnconvertedNote } from '../../lib/money-view';
import { instantText } from '../records/format';
import { Definition, Metric } from './Definition';
import type { PeriodMetrics, ScopeMetrics } from './insights-model';
import { coverageText, daysText, percentPointsText, percentText } from './insights-model';
import '../../lib/areas/insights';

/** The glossary as the server sent it (with the site's rewordings); Relay's own text if a key is missing. */
export type Glossary = Record<string, string>;
export function definitionOf(glossary: Glossary, key: GlossaryKey): string {
  return glossary[key] ?? GLOSSARY[key];
}

/** Categories from the surest money to the least, as forecast calls read. */
const CATEGORY_ORDER: readonly ForecastCategory[] = ['closed', 'commit', 'best_case', 'pipeline', 'omitted'];

interface Shared {
  metrics: ScopeMetrics;
  glossary: Glossary;
  locale: string;
}

/**
 * The open pipeline now (not tied to a period): open deals, open and weighted pipeline as one
 * converted total each (the same figures as the board's column headers and the Pipeline gadget;
 * live for the project, daily for a segment), with stale deals and data completeness.
 */
export function PipelineFigures({ metrics, glossary, locale, pipeline, timezone }: Shared & { pipeline: z.infer<typeof PipelineNowSchema>; timezone: string }) {
  const basis = pipeline.source === 'live' ? t('basis.live', { deals: dealsText(pipeline.openCount) }) : t('basis.daily', { deals: dealsText(pipeline.openCount), time: pipeline.asOf === null ? t('common.notSet') : instantText(pipeline.asOf, locale, timezone) });
  return (
    <Card title={t('insights.section.pipeline')} testId="insights-pipeline">
      <div className="insights-metrics">
        <Metric id="open" label={t('insights.metric.openOpportunities')} value={String(pipeline.openCount)} definition={definitionOf(glossary, 'openDeals')} basis={basis} />
        <Metric id="unweighted" label={t('insights.metric.unweighted')} value={<MoneyFigure total={pipeline.open} locale={locale} definition={definitionOf(glossary, 'openPipeline')} testId="insights-open" />} definition={definitionOf(glossary, 'openPipeline')} />
        <Metric id="weighted" label={t('insights.metric.weighted')} value={<MoneyFigure total={pipeline.weighted} locale={locale} definition={definitionOf(glossary, 'weightedPipeline')} testId="insights-weighted" />} definition={definitionOf(glossary, 'weightedPipeline')} />
        <Metric id="stale" label={t('insights.metric.stale')} value={String(metrics.staleCount)} definition={definitionOf(glossary, 'stale')} />
        <Metric id="completeness" label={t('insights.metric.completeness')} value={percentText(metrics.dataCompleteness, locale)} definition={definitionOf(glossary, 'dataCompleteness')} />
      </div>
      <UnconvertedNote total={pipeline.open} locale={locale} testId="insights-open-unconverted" />
    </Card>
  );
}

/** The chosen period's results and forecast: the same figures, words and bases as the Pipeline gadget. */
export function PeriodFigures({ metrics, period, glossary, locale, today }: Shared & { period: PeriodMetrics; today: string }) {
  const currency = metrics.reportingCurrency;
  const money = (minor: number | null) => (minor === null ? t('common.notSet') : formatMoney(minor, currency, locale));
  const ended = period.end < today;
  const name = periodLabel(period, locale, false);
  const target = !metrics.targetsApply ? 'not-applicable' : period.targetMinor === null ? 'none' : 'project';
  const accuracyOf = period.kind === 'month' ? metrics.lastCompleted.month : period.kind === 'year' ? metrics.lastCompleted.year : metrics.lastCompleted.quarter;
  const accuracy = ended ? period : accuracyOf;
  return (
    <Card title={t('insights.section.period')} testId="insights-period">
      <div className="insights-metrics">
        <Metric id="won" label={t('insights.metric.won')} value={money(period.wonMinor)} definition={definitionOf(glossary, 'won')} basis={t('basis.wonDeals', { deals: dealsText(period.winRate.won), period: name })} />
        <Metric
          id="win-rate"
          label={t('insights.metric.winRate')}
          value={percentText(period.winRate.byCount, locale)}
          detail={`${t('gadgets.metric.byValue')} ${percentText(period.winRate.byValue, locale)}`}
          definition={definitionOf(glossary, 'winRate')}
          basis={t('basis.closed', { won: period.winRate.won, lost: period.winRate.lost, period: name })}
        />
        <Metric id="average" label={t('insights.metric.averageDealSize')} value={money(period.averageDealSizeMinor)} definition={definitionOf(glossary, 'averageDealSize')} basis={t('basis.wonDeals', { deals: dealsText(period.parts.wonWithRate), period: name })} />
        <Metric id="cycle" label={t('insights.metric.salesCycle')} value={daysText(period.salesCycleDays, locale)} definition={definitionOf(glossary, 'salesCycle')} basis={t('basis.wonDeals', { deals: dealsText(period.winRate.won), period: name })} />
        <Metric
          id="coverage"
          label={t('insights.metric.coverage')}
          value={target === 'not-applicable' ? t('basis.notApplicable') : coverageText(period.coverage, locale)}
          detail={<>{t('gadgets.metric.qualified')} {money(period.qualifiedMinor)}</>}
          definition={definitionOf(glossary, 'coverage')}
          basis={targetBasis({ target, targetMinor: period.targetMinor, reportingCurrency: currency }, period, locale)}
        />
        <Metric
          id="velocity"
          label={t('insights.metric.velocity')}
          value={period.velocityPerDayMinor === null ? t('common.notSet') : t('insights.metric.velocityUnit', { amount: money(period.velocityPerDayMinor) })}
          definition={definitionOf(glossary, 'velocity')}
          basis={t('basis.velocity', { qualified: dealsText(period.qualifiedCount), average: money(period.averageDealSizeMinor), winRate: percentText(period.winRate.byCount, locale), days: daysText(period.salesCycleDays, locale) })}
        />
        <Metric
          id="accuracy"
          label={ended ? t('insights.metric.forecastAccuracy') : t('basis.accuracyOf', { period: periodLabel(accuracy, locale, false) })}
          value={percentPointsText(accuracy.forecastAccuracy, locale)}
          definition={definitionOf(glossary, 'forecastAccuracy')}
          basis={accuracyBasis(accuracy, currency, locale)}
        />
        <Metric
          id="handoff"
          label={t('insights.metric.handoffSla')}
          value={percentText(period.handoffSla.attainment, locale)}
          definition={definitionOf(glossary, 'handoffSla')}
          basis={t('basis.handoff', { onTime: period.handoffSla.onTime, handoffs: period.handoffSla.handoffs })}
        />
      </div>
      <h3 className="insights-subtitle">
        {t('insights.section.forecast')} <Definition term={t('insights.section.forecast')} text={definitionOf(glossary, 'forecastCategories')} testId="definition-forecast" />
      </h3>
      <table className="insights-table" data-testid="insights-forecast">
        <thead>
          <tr>
            <th scope="col">{t('insights.forecast.category')}</th>
            <th scope="col" className="insights-num">{t('insights.forecast.count')}</th>
            <th scope="col" className="insights-num">{t('insights.forecast.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {CATEGORY_ORDER.map((category) => (
            <tr key={category} data-testid={`forecast-${category}`}>
              <th scope="row">{t(`insights.category.${category}` as MessageKey)}</th>
              <td className="insights-num">{period.forecast[category]?.count ?? 0}</td>
              <td className="insights-num">{money(period.forecast[category]?.amountMinor ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="relay-muted" data-testid="insights-forecast-basis">
        {t('basis.forecast', { deals: dealsText(Object.values(period.forecast).reduce((n, c) => n + c.count, 0)), period: name })}
      </p>
    </Card>
  );
}

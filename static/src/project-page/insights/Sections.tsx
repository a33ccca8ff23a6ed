import type { GlossaryKey } from '../../../../src/domain/glossary';
import { GLOSSARY } from '../../../../src/domain/glossary';
import type { ForecastCategory } from '../../../../src/domain/pipeline';
import { Card } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { dateText } from '../records/format';
import { Definition, Metric } from './Definition';
import type { Dimension, PeriodMetrics, ProjectMetrics } from './insights-model';
import { accuracyRows, changeRows, coverageText, daysText, DIMENSIONS, percentPointsText, percentText, reportMoney, segmentRows } from './insights-model';

/** The glossary as the server sent it (with the site's rewordings); Relay's own text if a key is missing. */
export type Glossary = Record<string, string>;
export function definitionOf(glossary: Glossary, key: GlossaryKey): string {
  return glossary[key] ?? GLOSSARY[key];
}

/** Categories from the surest money to the least, as forecast calls read. */
const CATEGORY_ORDER: readonly ForecastCategory[] = ['closed', 'commit', 'best_case', 'pipeline', 'omitted'];

interface Shared {
  metrics: ProjectMetrics;
  glossary: Glossary;
  locale: string;
}

/** Project-wide figures of the open pipeline today (not tied to a period). */
export function PipelineFigures({ metrics, glossary, locale }: Shared) {
  const money = (minor: number) => reportMoney(minor, metrics.reportingCurrency, locale);
  return (
    <Card title={t('insights.section.pipeline')} testId="insights-pipeline">
      <div className="insights-metrics">
        <Metric id="open" label={t('insights.metric.openOpportunities')} value={String(metrics.openOpportunities)} definition={t('insights.localDef.openOpportunities')} />
        <Metric id="weighted" label={t('insights.metric.weighted')} value={money(metrics.weightedMinor)} definition={definitionOf(glossary, 'weightedPipeline')} />
        <Metric id="unweighted" label={t('insights.metric.unweighted')} value={money(metrics.unweightedMinor)} definition={t('insights.localDef.unweighted')} />
        <Metric id="stale" label={t('insights.metric.stale')} value={String(metrics.staleCount)} definition={definitionOf(glossary, 'stale')} />
        <Metric id="completeness" label={t('insights.metric.completeness')} value={percentText(metrics.dataCompleteness, locale)} definition={definitionOf(glossary, 'dataCompleteness')} />
      </div>
    </Card>
  );
}

/** The chosen period's results and forecast: the same figures as the Pipeline gadget. */
export function PeriodFigures({ metrics, period, glossary, locale, today }: Shared & { period: PeriodMetrics; today: string }) {
  const currency = metrics.reportingCurrency;
  const money = (minor: number | null) => reportMoney(minor, currency, locale);
  const ended = period.end < today;
  return (
    <Card title={t('insights.section.period')} testId="insights-period">
      <div className="insights-metrics">
        <Metric id="won" label={t('insights.metric.won')} value={money(period.wonMinor)} definition={t('insights.localDef.won')} />
        <Metric
          id="win-rate"
          label={t('insights.metric.winRate')}
          value={percentText(period.winRate.byCount, locale)}
          detail={t('insights.metric.winRateDetail', { won: period.winRate.won, lost: period.winRate.lost, byValue: percentText(period.winRate.byValue, locale) })}
          definition={definitionOf(glossary, 'winRate')}
        />
        <Metric id="average" label={t('insights.metric.averageDealSize')} value={money(period.averageDealSizeMinor)} definition={definitionOf(glossary, 'averageDealSize')} />
        <Metric id="cycle" label={t('insights.metric.salesCycle')} value={daysText(period.salesCycleDays, locale)} definition={definitionOf(glossary, 'salesCycle')} />
        <Metric
          id="coverage"
          label={t('insights.metric.coverage')}
          value={coverageText(period.coverage, locale)}
          detail={period.targetMinor === null ? t('insights.metric.noTarget') : t('insights.metric.coverageDetail', { qualified: money(period.qualifiedMinor), target: money(period.targetMinor) })}
          definition={definitionOf(glossary, 'coverage')}
        />
        <Metric
          id="velocity"
          label={t('insights.metric.velocity')}
          value={period.velocityPerDayMinor === null ? t('common.notSet') : t('insights.metric.velocityUnit', { amount: money(period.velocityPerDayMinor) })}
          definition={definitionOf(glossary, 'velocity')}
        />
        <Metric
          id="accuracy"
          label={t('insights.metric.forecastAccuracy')}
          value={percentPointsText(period.forecastAccuracy, locale)}
          detail={ended ? undefined : t('insights.metric.forecastAccuracyOpen')}
          definition={definitionOf(glossary, 'forecastAccuracy')}
        />
        <Metric
          id="handoff"
          label={t('insights.metric.handoffSla')}
          value={percentText(period.handoffSla.attainment, locale)}
          detail={t('insights.metric.handoffDetail', { onTime: period.handoffSla.onTime, handoffs: period.handoffSla.handoffs })}
          definition={definitionOf(glossary, 'handoffSla')}
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
    </Card>
  );
}

function SegmentTable({ dimension, metrics, glossary, locale, nameOf }: Shared & { dimension: Dimension; nameOf: (id: string) => string }) {
  const rows = segmentRows(dimension, metrics.segments[dimension] ?? {}, nameOf);
  const title = t(`insights.dimension.${dimension}` as MessageKey);
  const money = (minor: number) => reportMoney(minor, metrics.reportingCurrency, locale);
  return (
    <div className="insights-segment">
      <table className="insights-table" data-testid={`segment-${dimension}`} aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col" className="insights-num">{t('insights.segment.open')}</th>
            <th scope="col" className="insights-num">
              {t('insights.segment.weighted')} <Definition term={t('insights.segment.weighted')} text={definitionOf(glossary, 'weightedPipeline')} testId={`definition-${dimension}-weighted`} />
            </th>
            <th scope="col" className="insights-num">
              {t('insights.segment.winRate')} <Definition term={t('insights.segment.winRate')} text={definitionOf(glossary, 'winRate')} testId={`definition-${dimension}-win-rate`} />
            </th>
            <th scope="col" className="insights-num">{t('insights.segment.won')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={5} className="relay-muted">
                {t('insights.segment.empty')}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.value} data-testid={`segment-${dimension}-row`} data-value={row.value}>
                <th scope="row">{row.label}</th>
                <td className="insights-num">{row.openCount}</td>
                <td className="insights-num">{money(row.weightedMinor)}</td>
                <td className="insights-num">{percentText(row.winRate, locale)}</td>
                <td className="insights-num">{money(row.wonMinor)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Owner, segment, source and region side by side: company averages hide where the signal is. */
export function SegmentTables(props: Shared & { nameOf: (id: string) => string }) {
  return (
    <Card title={t('insights.section.segments')} testId="insights-segments">
      <p className="relay-muted">{t('insights.section.segmentsHelp')}</p>
      <div className="insights-segments">
        {DIMENSIONS.map((dimension) => (
          <SegmentTable key={dimension} dimension={dimension} {...props} />
        ))}
      </div>
    </Card>
  );
}

/** Past quarters: the forecast in the snapshot at each quarter's start against what was won. */
export function AccuracyTable({ metrics, glossary, locale, today }: Shared & { today: string }) {
  const rows = accuracyRows(metrics.trend, today);
  const money = (minor: number | null) => reportMoney(minor, metrics.reportingCurrency, locale);
  return (
    <Card title={t('insights.section.accuracy')} testId="insights-accuracy">
      <p className="relay-muted">{t('insights.section.accuracyHelp')}</p>
      <table className="insights-table">
        <thead>
          <tr>
            <th scope="col">{t('insights.accuracy.quarter')}</th>
            <th scope="col" className="insights-num">{t('insights.accuracy.forecast')}</th>
            <th scope="col" className="insights-num">{t('insights.accuracy.actual')}</th>
            <th scope="col" className="insights-num">
              {t('insights.accuracy.value')} <Definition term={t('insights.metric.forecastAccuracy')} text={definitionOf(glossary, 'forecastAccuracy')} testId="definition-accuracy-table" />
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid="accuracy-row">
              <th scope="row">{row.label}</th>
              <td className="insights-num">{money(row.forecastMinor)}</td>
              <td className="insights-num">{money(row.actualMinor)}</td>
              <td className="insights-num">
                {row.missing === 'noSnapshot' ? <span className="relay-muted">{t('insights.accuracy.noSnapshot')}</span> : null}
                {row.missing === 'noWins' ? <span className="relay-muted">{t('insights.accuracy.noWins')}</span> : null}
                {row.missing === null ? percentPointsText(row.accuracy, locale) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

/** New, won, lost, slipped and pulled-in deals and amounts that moved since last week's snapshot. */
export function WeekChanges({ metrics, glossary, locale }: Shared) {
  const rows = changeRows(metrics.changes.counts);
  const since = metrics.changes.since;
  return (
    <Card title={t('insights.section.changes')} testId="insights-changes">
      <p className="relay-muted">{since ? t('insights.changes.since', { date: dateText(since, locale) }) : t('insights.changes.noBaseline')}</p>
      <dl className="insights-changes">
        {rows.map((row) => (
          <div key={row.kind} className="insights-changes__item" data-testid={`change-${row.kind}`}>
            <dt>
              {row.label}
              {row.kind === 'slipped' ? <Definition term={row.label} text={definitionOf(glossary, 'slipped')} testId="definition-slipped" /> : null}
            </dt>
            <dd>{row.count}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

/** Stage conversion: of the deals that entered each open stage, how many went on to a later stage or won. */
export function StageConversion({ metrics, glossary, locale, stageName }: Shared & { stageName: (id: string) => string }) {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Card title={t('insights.section.conversion')} testId="insights-conversion">
      <p className="relay-muted">
        {t('insights.conversion.note')} <Definition term={t('insights.section.conversion')} text={definitionOf(glossary, 'stageConversion')} testId="definition-stageConversion" />
      </p>
      <table className="relay-table">
        <thead>
          <tr>
            <th scope="col">{t('insights.conversion.stage')}</th>
            <th scope="col">{t('insights.conversion.entered')}</th>
            <th scope="col">{t('insights.conversion.advanced')}</th>
            <th scope="col">{t('insights.conversion.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {metrics.stageConversion.map((row) => (
            <tr key={row.stageId} data-testid={`conversion-${row.stageId}`}>
              <th scope="row">{stageName(row.stageId)}</th>
              <td>{row.entered}</td>
              <td>{row.advanced}</td>
              <td>{row.rate === null ? t('common.notSet') : percent.format(row.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

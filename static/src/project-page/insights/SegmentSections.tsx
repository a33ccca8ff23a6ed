import { MAX_SEGMENT_VALUES } from '../../../../src/domain/metrics-summary';
import { formatMoney } from '../../../../src/domain/money-format';
import { Card } from '../../lib/components';
import { ChoiceSelect } from '../../lib/controls';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { periodLabel } from '../../lib/metric-basis';
import { Definition } from './Definition';
import type { Dimension, PeriodChoice, ProjectMetrics } from './insights-model';
import { DIMENSIONS, percentText, segmentLabel, segmentRows, segmentValues } from './insights-model';
import type { Glossary } from './Sections';
import { definitionOf } from './Sections';
import '../../lib/areas/insights';

export interface ScopeChoice {
  dimension: Dimension;
  value: string;
}

/**
 * "Show figures for": the whole project, or one owner, segment, source or region. Choosing one
 * reloads Insights for it, so every figure on the page (pipeline, period, trends, accuracy,
 * changes) follows the filter, as on the Pipeline gadget.
 */
export function ScopePicker({ metrics, scope, onScope, nameOf, glossary }: { metrics: ProjectMetrics; scope: ScopeChoice | null; onScope: (scope: ScopeChoice | null) => void; nameOf: (id: string) => string; glossary: Glossary }) {
  const dimension = scope?.dimension ?? '';
  const values = dimension ? segmentValues(metrics, dimension) : [];
  return (
    <div className="insights-scope" role="group" aria-label={t('insights.scope.label')} data-testid="insights-scope">
      <div className="insights-scope__field" data-testid="scope-dimension" data-value={dimension}>
        <label htmlFor="scope-dimension">{t('insights.scope.dimension')}</label>
        <ChoiceSelect
          inputId="scope-dimension"
          value={dimension}
          options={[{ value: '', label: t('insights.scope.project') }, ...DIMENSIONS.map((d) => ({ value: d, label: t(`insights.dimension.${d}` as MessageKey) }))]}
          onChange={(v) => {
            const next = v as Dimension | '';
            const first = next ? segmentValues(metrics, next)[0] : undefined;
            onScope(next && first !== undefined ? { dimension: next, value: first } : null);
          }}
        />
      </div>
      {scope ? (
        <div className="insights-scope__field" data-testid="scope-value" data-value={scope.value}>
          <label htmlFor="scope-value">{t(`insights.dimension.${scope.dimension}` as MessageKey)}</label>
          <ChoiceSelect inputId="scope-value" value={scope.value} options={values.map((value) => ({ value, label: segmentLabel(scope.dimension, value, nameOf) }))} onChange={(v) => onScope({ dimension: scope.dimension, value: v })} width={220} />
        </div>
      ) : null}
      <Definition term={t('insights.scope.label')} text={definitionOf(glossary, 'segments')} testId="definition-segments" />
    </div>
  );
}

function SegmentTable({ dimension, metrics, choice, glossary, locale, nameOf, onScope }: { dimension: Dimension; metrics: ProjectMetrics; choice: PeriodChoice; glossary: Glossary; locale: string; nameOf: (id: string) => string; onScope: (scope: ScopeChoice) => void }) {
  const rows = segmentRows(dimension, metrics.segments[choice]?.[dimension] ?? {}, nameOf);
  const title = t(`insights.dimension.${dimension}` as MessageKey);
  const money = (minor: number) => formatMoney(minor, metrics.reportingCurrency, locale);
  return (
    <div className="insights-segment">
      <table className="insights-table" data-testid={`segment-${dimension}`} aria-label={title}>
        <thead>
          <tr>
            <th scope="col">{title}</th>
            <th scope="col" className="insights-num">
              {t('insights.segment.qualified')} <Definition term={t('insights.segment.qualified')} text={definitionOf(glossary, 'qualifiedPipeline')} testId={`definition-${dimension}-qualified`} />
            </th>
            <th scope="col" className="insights-num">{t('insights.segment.qualifiedAmount')}</th>
            <th scope="col" className="insights-num">
              {t('insights.segment.winRate')} <Definition term={t('insights.segment.winRate')} text={definitionOf(glossary, 'winRate')} testId={`definition-${dimension}-win-rate`} />
            </th>
            <th scope="col" className="insights-num">
              {t('insights.segment.wonIn')} <Definition term={t('insights.segment.wonIn')} text={definitionOf(glossary, 'won')} testId={`definition-${dimension}-won`} />
            </th>
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
                <th scope="row">
                  <button type="button" className="insights-link" onClick={() => onScope({ dimension, value: row.value })} title={t('insights.segment.showOnly', { segment: row.label })}>
                    {row.label}
                  </button>
                </th>
                <td className="insights-num">{row.qualifiedCount}</td>
                <td className="insights-num">{money(row.qualifiedMinor)}</td>
                <td className="insights-num">{percentText(row.winRate, locale)}</td>
                <td className="insights-num">{money(row.wonMinor)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {metrics.segmentsOmitted[dimension] ? <p className="relay-muted">{t('insights.segment.omitted', { count: metrics.segmentsOmitted[dimension] ?? 0, max: MAX_SEGMENT_VALUES })}</p> : null}
    </div>
  );
}

/** Owner, segment, source and region side by side, for the period chosen: company averages hide where the signal is. */
export function SegmentTables(props: { metrics: ProjectMetrics; choice: PeriodChoice; glossary: Glossary; locale: string; nameOf: (id: string) => string; onScope: (scope: ScopeChoice) => void }) {
  const period = props.metrics[props.choice];
  return (
    <Card title={t('insights.section.segments')} testId="insights-segments">
      <p className="relay-muted">{t('insights.section.segmentsHelp', { period: periodLabel(period, props.locale) })}</p>
      <div className="insights-segments">
        {DIMENSIONS.map((dimension) => (
          <SegmentTable key={dimension} dimension={dimension} {...props} />
        ))}
      </div>
    </Card>
  );
}

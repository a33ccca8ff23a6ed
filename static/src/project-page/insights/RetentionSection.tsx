import { token } from '@atlaskit/tokens';
import { useCallback, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../lib/api';
import { Card, ErrorBanner, PageSkeleton } from '../../lib/components';
import { definitionOf, formatPercent } from '../../lib/gadget-format';
import { formatMoney } from '../../../../src/domain/money-format';
import { t } from '../../lib/i18n';
import { useAsync } from '../../lib/use-async';
import { Definition, Metric } from './Definition';
import { periodName } from '../../lib/period-format';
import { SEGMENT_LABELS, type Segment } from '../../../../src/domain/company';
import { usePeople } from '../../lib/people';
import '../../lib/areas/insights';

const AXIS = token('color.text.subtle', '#44546F');
const GRID = token('color.border', '#091E4224');
type Dimension = 'segment' | 'region' | 'owner';

/**
 * Insights' retention: the site's NRR, GRR, logo and revenue churn for the quarter, their trend over
 * 8 quarters and the quarter per segment, region or owner — all computed daily from the stored ARR
 * movements, counting only customers that existed at each period's start. Loaded lazily with the
 * charts (recharts stays out of the first paint).
 */
export default function RetentionSection({ projectKey, locale }: { projectKey: string; locale: string }) {
  const data = useAsync(useCallback(() => api.renewals.retention({ projectKey }), [projectKey]));
  const [dimension, setDimension] = useState<Dimension>('segment');
  // The owners retention is split by (not necessarily those of the pipeline's segments).
  const { nameOf } = usePeople(data.status === 'ok' ? Object.keys(data.data.retention?.segments.owner ?? {}) : []);
  if (data.status === 'loading') return <PageSkeleton rows={2} label={t('common.loading')} />;
  if (data.status === 'error') return <ErrorBanner error={data.error} onRetry={data.reload} />;
  const { retention, glossary } = data.data;
  const empty = t('common.notSet');
  if (!retention) {
    return (
      <Card title={t('insights.retention.title')} testId="insights-retention">
        <p className="relay-muted">{t('insights.retention.notYet')}</p>
      </Card>
    );
  }
  const q = retention.quarter;
  const pct = (value: number | null) => formatPercent(value, empty, locale);
  const points = retention.trend.map((p) => ({ label: periodName(p.key), nrr: p.nrr === null ? null : p.nrr * 100, grr: p.grr === null ? null : p.grr * 100, logo: p.logoChurn === null ? null : p.logoChurn * 100, revenue: p.revenueChurn === null ? null : p.revenueChurn * 100 }));
  const tooltipStyle = { background: token('elevation.surface.overlay', '#FFFFFF'), border: `1px solid ${GRID}`, color: token('color.text', '#172B4D') };
  const lines = [
    { key: 'nrr', label: t('renewals.nrr'), colour: token('color.chart.brand', '#1D7AFC') },
    { key: 'grr', label: t('renewals.grr'), colour: token('color.chart.green.bold', '#22A06B') },
    { key: 'logo', label: t('renewals.logoChurn'), colour: token('color.chart.orange.bold', '#D97008') },
    { key: 'revenue', label: t('renewals.revenueChurn'), colour: token('color.chart.red.bold', '#C9372C') },
  ];
  const segments = Object.entries(retention.segments[dimension]).sort((a, b) => b[1].startingMinor - a[1].startingMinor);
  const label = (value: string) => (value === 'none' ? t('insights.retention.none') : dimension === 'owner' ? nameOf(value) : dimension === 'segment' && value in SEGMENT_LABELS ? SEGMENT_LABELS[value as Segment] : value);
  return (
    <Card title={t('insights.retention.title')} testId="insights-retention">
      <div className="insights-metrics">
        <Metric id="nrr" label={t('renewals.nrr')} value={pct(q.nrr)} detail={periodName(q.key)} definition={definitionOf(glossary, 'nrr')} />
        <Metric id="grr" label={t('renewals.grr')} value={pct(q.grr)} detail={periodName(q.key)} definition={definitionOf(glossary, 'grr')} />
        <Metric id="logo-churn" label={t('renewals.logoChurn')} value={pct(q.logoChurn)} detail={`${q.customersLost} / ${q.customersAtStart}`} definition={definitionOf(glossary, 'churn')} />
        <Metric id="revenue-churn" label={t('renewals.revenueChurn')} value={pct(q.revenueChurn)} detail={formatMoney(q.churnMinor, retention.reportingCurrency, locale)} definition={definitionOf(glossary, 'churn')} />
      </div>
      <figure className="insights-chart" data-testid="trend-retention">
        <figcaption className="insights-chart__title">
          {t('insights.retention.trend')} <Definition term={t('insights.retention.trend')} text={definitionOf(glossary, 'nrr')} testId="definition-trend-retention" />
        </figcaption>
        <div className="insights-chart__plot" aria-hidden="true">
          <ResponsiveContainer width="100%" height={200}>
            <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="label" stroke={AXIS} tick={{ fill: AXIS, fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={48} />
              <YAxis stroke={AXIS} tick={{ fill: AXIS, fontSize: 11 }} width={48} unit="%" />
              <Tooltip contentStyle={tooltipStyle} formatter={(value) => (typeof value === 'number' ? `${value.toFixed(1)}%` : empty)} />
              <Legend wrapperStyle={{ color: AXIS, fontSize: 12 }} />
              {lines.map((l) => (
                <Line key={l.key} type="monotone" dataKey={l.key} name={l.label} stroke={l.colour} strokeWidth={2} dot={{ r: 3, fill: l.colour }} connectNulls isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <details className="insights-trend-table">
        <summary>{t('insights.trend.table')}</summary>
        <table className="insights-table" data-testid="retention-trend-table">
          <thead>
            <tr>
              <th scope="col">{t('insights.trend.quarter')}</th>
              {lines.map((l) => (
                <th key={l.key} scope="col" className="insights-num">
                  {l.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {retention.trend.map((p) => (
              <tr key={p.key}>
                <th scope="row">{periodName(p.key)}</th>
                {[p.nrr, p.grr, p.logoChurn, p.revenueChurn].map((v, i) => (
                  <td key={lines[i]!.key} className="insights-num">
                    {pct(v)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <h3 className="insights-subtitle">
        {t('insights.retention.bySegment', { period: periodName(q.key) })}
        <select aria-label={t('insights.retention.dimension')} value={dimension} onChange={(e) => setDimension(e.target.value as Dimension)} data-testid="retention-dimension">
          {(['segment', 'region', 'owner'] as const).map((d) => (
            <option key={d} value={d}>
              {t(`gadgets.dimension.${d}`)}
            </option>
          ))}
        </select>
      </h3>
      <table className="insights-table" data-testid="retention-segments">
        <thead>
          <tr>
            <th scope="col">{t(`gadgets.dimension.${dimension}`)}</th>
            <th scope="col" className="insights-num">{t('insights.retention.starting')}</th>
            <th scope="col" className="insights-num">{t('renewals.nrr')}</th>
            <th scope="col" className="insights-num">{t('renewals.grr')}</th>
            <th scope="col" className="insights-num">{t('renewals.logoChurn')}</th>
          </tr>
        </thead>
        <tbody>
          {segments.map(([value, r]) => (
            <tr key={value}>
              <th scope="row">{label(value)}</th>
              <td className="insights-num">{formatMoney(r.startingMinor, retention.reportingCurrency, locale)}</td>
              <td className="insights-num">{pct(r.nrr)}</td>
              <td className="insights-num">{pct(r.grr)}</td>
              <td className="insights-num">{pct(r.logoChurn)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

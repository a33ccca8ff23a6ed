import { token } from '@atlaskit/tokens';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { GlossaryKey } from '../../../../src/domain/glossary';
import { Card } from '../../lib/components';
import { t } from '../../lib/i18n';
import { Definition } from './Definition';
import type { TrendPoint } from './insights-model';
import { formatMajorCompact, formatMoney } from '../../../../src/domain/money-format';
import { coverageText, daysText, percentText } from './insights-model';
import '../../lib/areas/insights';

/**
 * The last 8 quarters as four small charts (won amount, win rate, cycle length, coverage). This
 * module is the only one that imports recharts, and InsightsPage loads it lazily, so the charting
 * library never weighs on the project page's first load, nor on the Insights numbers' first paint.
 * Colours are design tokens, so the charts follow the light or dark theme; a table with the same
 * figures sits under the charts for screen readers and for anyone who wants the exact values.
 */
type Series = { id: string; field: 'won' | 'winRate' | 'cycleDays' | 'coverage'; label: string; definition: GlossaryKey | null; kind: 'bar' | 'line'; colour: string };

const AXIS = token('color.text.subtle', '#44546F');
const GRID = token('color.border', '#091E4224');

export interface TrendChartsProps {
  points: TrendPoint[];
  currency: string;
  locale: string;
  definition: (key: GlossaryKey) => string;
  wonDefinition: string;
}

/** A point's exact figure (table cells and tooltips): money from its exact minor units. */
function pointText(series: Series['field'], point: TrendPoint, currency: string, locale: string): string {
  const value = point[series];
  if (value === null) return t('common.notSet');
  switch (series) {
    case 'won':
      return formatMoney(point.wonMinor, currency, locale);
    case 'winRate':
      return percentText(value / 100, locale);
    case 'cycleDays':
      return daysText(value, locale);
    case 'coverage':
      return coverageText(value, locale);
  }
}

/** An axis tick: money in the compact style ("$1.2M"), never a bare "120000". */
function axisText(series: Series['field'], value: number, currency: string, locale: string): string {
  switch (series) {
    case 'won':
      return formatMajorCompact(value, currency, locale);
    case 'winRate':
      return percentText(value / 100, locale);
    case 'cycleDays':
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
    case 'coverage':
      return coverageText(value, locale);
  }
}

export default function TrendCharts({ points, currency, locale, definition, wonDefinition }: TrendChartsProps) {
  const series: Series[] = [
    { id: 'won', field: 'won', label: t('insights.trend.won'), definition: null, kind: 'bar', colour: token('color.chart.brand', '#1D7AFC') },
    { id: 'win-rate', field: 'winRate', label: t('insights.trend.winRate'), definition: 'winRate', kind: 'line', colour: token('color.chart.green.bold', '#22A06B') },
    { id: 'cycle', field: 'cycleDays', label: t('insights.trend.cycle'), definition: 'salesCycle', kind: 'line', colour: token('color.chart.purple.bold', '#8F7EE7') },
    { id: 'coverage', field: 'coverage', label: t('insights.trend.coverage'), definition: 'coverage', kind: 'line', colour: token('color.chart.orange.bold', '#D97008') },
  ];
  const tooltipStyle = { background: token('elevation.surface.overlay', '#FFFFFF'), border: `1px solid ${GRID}`, color: token('color.text', '#172B4D') };
  return (
    <Card title={t('insights.section.trends')} testId="insights-trends">
      <div className="insights-charts">
        {series.map((s) => {
          const tooltip = (item: unknown) => {
            const point = (item as { payload?: TrendPoint } | undefined)?.payload;
            return point ? pointText(s.field, point, currency, locale) : t('common.notSet');
          };
          const common = (
            <>
              <CartesianGrid stroke={GRID} vertical={false} />
              <XAxis dataKey="label" stroke={AXIS} tick={{ fill: AXIS, fontSize: 11 }} interval={0} angle={-30} textAnchor="end" height={48} />
              <YAxis stroke={AXIS} tick={{ fill: AXIS, fontSize: 11 }} width={64} allowDecimals tickFormatter={(value: number) => axisText(s.field, value, currency, locale)} />
              <Tooltip contentStyle={tooltipStyle} formatter={(_value, _name, item) => [tooltip(item), s.label]} />
            </>
          );
          return (
            <figure key={s.id} className="insights-chart" data-testid={`trend-${s.id}`}>
              <figcaption className="insights-chart__title">
                {s.label} <Definition term={s.label} text={s.definition ? definition(s.definition) : wonDefinition} testId={`definition-trend-${s.id}`} />
              </figcaption>
              <div className="insights-chart__plot" aria-hidden="true">
                <ResponsiveContainer width="100%" height={180}>
                  {s.kind === 'bar' ? (
                    <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                      {common}
                      <Bar dataKey={s.field} fill={s.colour} isAnimationActive={false} />
                    </BarChart>
                  ) : (
                    <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                      {common}
                      <Line type="monotone" dataKey={s.field} stroke={s.colour} strokeWidth={2} dot={{ r: 3, fill: s.colour }} connectNulls isAnimationActive={false} />
                    </LineChart>
                  )}
                </ResponsiveContainer>
              </div>
            </figure>
          );
        })}
      </div>
      <details className="insights-trend-table">
        <summary>{t('insights.trend.table')}</summary>
        <table className="insights-table" data-testid="trend-table">
          <thead>
            <tr>
              <th scope="col">{t('insights.trend.quarter')}</th>
              {series.map((s) => (
                <th key={s.id} scope="col" className="insights-num">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.key}>
                <th scope="row">{point.label}</th>
                {series.map((s) => (
                  <td key={s.id} className="insights-num">
                    {pointText(s.field, point, currency, locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </Card>
  );
}

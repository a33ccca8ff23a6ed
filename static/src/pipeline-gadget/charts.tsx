import type { ForecastCategory } from '../../../src/domain/pipeline';
import { formatMoney } from '../../../src/domain/money-format';
import { Defined } from '../lib/gadget';
import type { ForecastBar, FunnelRow } from '../lib/gadget-format';
import { MoneyFigure } from '../lib/money-view';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';

/**
 * The Pipeline gadget's two charts as plain SVG and CSS. recharts was measured for them and adds about
 * 104 KB gzip (React excluded) to an entry that must stay under 150 KB; a stacked bar and a set of
 * horizontal bars need none of its machinery. Colours are chart design tokens (gadget.css).
 */

const CATEGORY_LABELS: Record<ForecastCategory, MessageKey> = {
  closed: 'forecast.closed',
  commit: 'forecast.commit',
  best_case: 'forecast.best_case',
  pipeline: 'forecast.pipeline',
  omitted: 'forecast.omitted',
};

type Forecast = Record<ForecastCategory, { count: number; amountMinor: number }>;

export function ForecastChart(props: { bar: ForecastBar; forecast: Forecast; targetMinor: number | null; currency: string; locale: string; definition: string; targetDefinition: string; noTarget: string }) {
  const { bar, forecast, targetMinor, currency, locale, definition, targetDefinition, noTarget } = props;
  const summary = t('gadgets.forecast.summary', {
    total: formatMoney(bar.totalMinor, currency, locale),
    target: targetMinor !== null ? formatMoney(targetMinor, currency, locale) : noTarget,
  });
  return (
    <div className="relay-gadget__section" data-testid="forecast-chart">
      <svg className="relay-forecast__bar" viewBox="0 0 1000 28" preserveAspectRatio="none" role="img" aria-label={summary}>
        {bar.segments.map((segment) =>
          segment.width > 0 ? <rect key={segment.category} className={`relay-chart--${segment.category}`} x={segment.start * 1000} y={0} width={segment.width * 1000} height={28} data-testid={`forecast-segment-${segment.category}`} /> : null,
        )}
        {bar.targetAt !== null ? <line className="relay-forecast__target" x1={bar.targetAt * 1000} x2={bar.targetAt * 1000} y1={0} y2={28} vectorEffect="non-scaling-stroke" data-testid="forecast-target-line" /> : null}
      </svg>
      <dl className="relay-legend">
        {bar.segments.map((segment) => (
          <LegendRow key={segment.category} category={segment.category} figures={forecast[segment.category]} currency={currency} locale={locale} definition={definition} />
        ))}
        <LegendRow category="omitted" figures={forecast.omitted} currency={currency} locale={locale} definition={definition} />
        <dt className="relay-legend__swatch" aria-hidden="true" />
        <dt>{t('gadgets.forecast.target')}</dt>
        <dd>
          <Defined definition={targetDefinition} testId="forecast-target">
            {targetMinor !== null ? formatMoney(targetMinor, currency, locale) : noTarget}
          </Defined>
        </dd>
      </dl>
    </div>
  );
}

/** One category: its amount (definition on hover) and how many deals it holds. */
function LegendRow({ category, figures, currency, locale, definition }: { category: ForecastCategory; figures: { count: number; amountMinor: number }; currency: string; locale: string; definition: string }) {
  return (
    <>
      <dt className={`relay-legend__swatch relay-chart--${category}`} aria-hidden="true" />
      <dt>{t(CATEGORY_LABELS[category])}</dt>
      <dd>
        <Defined definition={definition} testId={`forecast-${category}`}>
          {formatMoney(figures.amountMinor, currency, locale)}
        </Defined>{' '}
        <span className="relay-muted" data-testid={`forecast-${category}-count`}>
          {figures.count === 1 ? t('gadgets.funnel.deal') : t('gadgets.funnel.deals', { count: figures.count })}
        </span>
      </dd>
    </>
  );
}

export function Funnel({ rows, locale, countDefinition, amountDefinition }: { rows: FunnelRow[]; locale: string; countDefinition: string; amountDefinition: string }) {
  if (rows.length === 0) return <p className="relay-muted">{t('gadgets.funnel.empty')}</p>;
  return (
    <ol className="relay-funnel" data-testid="funnel" aria-label={t('gadgets.funnel.title')}>
      {rows.map((row) => (
        <li key={row.stageId} className="relay-funnel__row" data-testid={`funnel-stage-${row.stageId}`}>
          <span>{row.name}</span>
          <span className="relay-funnel__track" aria-hidden="true">
            <span className="relay-funnel__bar relay-chart--stage" style={{ width: `${Math.round(row.width * 100)}%` }} />
          </span>
          <span className="relay-funnel__figures">
            <Defined definition={countDefinition} testId={`funnel-count-${row.stageId}`}>
              {row.count === 1 ? t('gadgets.funnel.deal') : t('gadgets.funnel.deals', { count: row.count })}
            </Defined>
            <MoneyFigure total={row.amount} locale={locale} definition={amountDefinition} style="compact" testId={`funnel-amount-${row.stageId}`} />
          </span>
        </li>
      ))}
    </ol>
  );
}

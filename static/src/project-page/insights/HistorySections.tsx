import { formatMoney } from '../../../../src/domain/money-format';
import { Card } from '../../lib/components';
import { t } from '../../lib/i18n';
import { accuracyBasis } from '../../lib/metric-basis';
import { dayText } from '../../lib/period-format';
import { Definition } from './Definition';
import type { ScopeMetrics } from './insights-model';
import { accuracyRows, changeRows, percentPointsText } from './insights-model';
import type { Glossary } from './Sections';
import { definitionOf } from './Sections';
import '../../lib/areas/insights';

interface Shared {
  metrics: ScopeMetrics;
  glossary: Glossary;
  locale: string;
}

/** Past quarters: the forecast at each quarter's start (and the snapshot it came from) against what was won. */
export function AccuracyTable({ metrics, glossary, locale, today }: Shared & { today: string }) {
  const rows = accuracyRows(metrics.trend, today);
  const currency = metrics.reportingCurrency;
  const money = (minor: number | null) => (minor === null ? t('common.notSet') : formatMoney(minor, currency, locale));
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
            <tr key={row.key} data-testid="accuracy-row" title={accuracyBasis(row.period, currency, locale)}>
              <th scope="row">
                {row.label}
                {row.period.forecastBasis && row.period.forecastBasis.kind !== 'start' ? (
                  <span className="relay-muted" data-testid="accuracy-basis">
                    {' '}
                    {t(row.period.forecastBasis.kind === 'late' ? 'insights.accuracy.late' : 'insights.accuracy.before', { date: dayText(row.period.forecastBasis.takenOn, locale) })}
                  </span>
                ) : null}
              </th>
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
      <p className="relay-muted">{since ? t('insights.changes.since', { date: dayText(since, locale) }) : t('insights.changes.noBaseline')}</p>
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

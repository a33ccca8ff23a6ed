import { useCallback, useState } from 'react';
import type { z } from 'zod';
import type { FunnelResult } from '../../../../src/contracts/lead';
import { api } from '../../lib/api';
import { Card, ErrorBanner, PageSkeleton } from '../../lib/components';
import { ChoiceSelect } from '../../lib/controls';
import { t } from '../../lib/i18n';
import { periodLabel } from '../../lib/metric-basis';
import { useAsync } from '../../lib/use-async';
import { segmentText } from '../records/format';
import { Definition } from './Definition';
import { percentText } from './insights-model';
import '../../lib/areas/leads';

type Funnel = z.infer<typeof FunnelResult>;
type Row = { counts: Funnel['periods'][number]['counts']; conversion: Funnel['periods'][number]['conversion'] };
const STAGES = ['lead', 'mql', 'sql', 'opportunity'] as const;

/**
 * The marketing-to-sales funnel (site-wide, like the leads themselves): leads, MQLs, SQLs and
 * opportunities per period, each contact counted once per stage in the period it first reached it,
 * with the glossary's Lead → SQL and SQL → opportunity conversions (their definition one hover away,
 * as the server sent it), cut by segment or source, and the latest period per source and segment.
 */
export function LeadFunnel({ locale }: { locale: string }) {
  const [kind, setKind] = useState<'quarter' | 'month'>('quarter');
  const [segment, setSegment] = useState('');
  const [source, setSource] = useState('');
  const funnel = useAsync(useCallback(() => api.leads.funnel({ kind, count: kind === 'quarter' ? 4 : 6, ...(segment ? { segment } : {}), ...(source ? { source } : {}) }), [kind, segment, source]));
  const cutName = (value: string, by: 'segment' | 'source') => (value === 'none' ? t('leads.funnel.none') : by === 'segment' ? segmentText(value) : value);
  // "All", then every value seen in these periods (the chosen one kept while the next answer loads).
  const choices = (values: string[], by: 'segment' | 'source') => [{ value: '', label: t('leads.funnel.all') }, ...values.filter(Boolean).map((v) => ({ value: v, label: cutName(v, by) }))];

  return (
    <Card title={t('leads.funnel.title')} testId="insights-funnel">
      <p className="relay-muted">{t('leads.funnel.help')}</p>
      <div className="relay-filters insights-funnel__filters">
        <div className="insights-scope__field" data-testid="funnel-kind" data-value={kind}>
          <label htmlFor="funnel-kind">{t('leads.funnel.period')}</label>
          <ChoiceSelect inputId="funnel-kind" value={kind} options={[{ value: 'quarter', label: t('leads.funnel.quarters') }, { value: 'month', label: t('leads.funnel.months') }]} onChange={(v) => setKind(v as 'quarter' | 'month')} width={140} />
        </div>
        <div className="insights-scope__field" data-testid="funnel-segment" data-value={segment}>
          <label htmlFor="funnel-segment">{t('leads.funnel.segment')}</label>
          <ChoiceSelect inputId="funnel-segment" value={segment} options={choices(funnel.status === 'ok' ? funnel.data.segments : [segment], 'segment')} onChange={setSegment} />
        </div>
        <div className="insights-scope__field" data-testid="funnel-source" data-value={source}>
          <label htmlFor="funnel-source">{t('leads.funnel.source')}</label>
          <ChoiceSelect inputId="funnel-source" value={source} options={choices(funnel.status === 'ok' ? funnel.data.sources : [source], 'source')} onChange={setSource} />
        </div>
      </div>
      {funnel.status === 'loading' ? <PageSkeleton rows={3} label={t('leads.funnel.title')} /> : null}
      {funnel.status === 'error' ? <ErrorBanner error={funnel.error} onRetry={funnel.reload} /> : null}
      {funnel.status === 'ok' ? <FunnelTables funnel={funnel.data} locale={locale} cutName={cutName} /> : null}
    </Card>
  );
}

function FunnelTables({ funnel, locale, cutName }: { funnel: Funnel; locale: string; cutName: (value: string, by: 'segment' | 'source') => string }) {
  const latest = funnel.periods[funnel.periods.length - 1];
  const empty = funnel.periods.every((p) => p.counts.lead === 0 && p.counts.mql === 0 && p.counts.sql === 0 && p.counts.opportunity === 0);
  if (empty || !latest) return <p className="relay-muted" data-testid="funnel-empty">{t('leads.funnel.empty')}</p>;
  const ratio = (value: number | null) => (value === null ? t('leads.funnel.noRatio') : percentText(value, locale));
  const head = (first: string) => (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {STAGES.map((s) => (
          <th scope="col" key={s}>
            {t(`leads.funnel.stage.${s}`)}
          </th>
        ))}
        <th scope="col">
          {t('leads.funnel.leadToSql')} <Definition term={t('leads.funnel.leadToSql')} text={funnel.glossary.leadConversion} testId="definition-lead-to-sql" />
        </th>
        <th scope="col">
          {t('leads.funnel.sqlToOpportunity')} <Definition term={t('leads.funnel.sqlToOpportunity')} text={funnel.glossary.leadConversion} testId="definition-sql-to-opportunity" />
        </th>
      </tr>
    </thead>
  );
  const row = (name: string, r: Row, testId: string) => (
    <tr key={name} data-testid={testId}>
      <th scope="row">{name}</th>
      {STAGES.map((s) => (
        <td key={s}>{r.counts[s]}</td>
      ))}
      <td data-testid={`${testId}-lead-to-sql`}>{ratio(r.conversion.leadToSql)}</td>
      <td data-testid={`${testId}-sql-to-opportunity`}>{ratio(r.conversion.sqlToOpportunity)}</td>
    </tr>
  );
  const cut = (title: string, rows: Record<string, Row>, by: 'segment' | 'source') =>
    Object.keys(rows).length === 0 ? null : (
      <table className="insights-table insights-funnel__table" data-testid={`funnel-by-${by}`}>
        <caption>{title}</caption>
        {head(t(by === 'segment' ? 'leads.funnel.segment' : 'leads.funnel.source'))}
        <tbody>{Object.entries(rows).map(([name, r]) => row(cutName(name, by), r, `funnel-${by}-${name}`))}</tbody>
      </table>
    );
  return (
    <div className="insights-funnel">
      <table className="insights-table insights-funnel__table" data-testid="funnel-periods">
        <caption className="relay-visually-hidden">{t('leads.funnel.title')}</caption>
        {head(t('leads.funnel.period.col'))}
        <tbody>{funnel.periods.map((p) => row(periodLabel(p, locale, false), p, `funnel-period-${p.key}`))}</tbody>
      </table>
      {cut(t('leads.funnel.bySource', { period: periodLabel(latest, locale, false) }), latest.bySource, 'source')}
      {cut(t('leads.funnel.bySegment', { period: periodLabel(latest, locale, false) }), latest.bySegment, 'segment')}
    </div>
  );
}

import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { MetricsResult } from '../../../../src/contracts/metrics';
import { isoDateOf } from '../../../../src/domain/periods';
import { api } from '../../lib/api';
import { Card, ErrorBanner, flagError, PageSkeleton } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { useAsync } from '../../lib/use-async';
import { EnableCrm } from '../EnableCrm';
import { instantText, dateText } from '../records/format';
import { usePeople } from '../records/lookups';
import type { PeriodChoice } from './insights-model';
import { PERIOD_CHOICES, periodOfChoice, pollForNewer, trendPoints } from './insights-model';
import { StageConversion } from './Sections';
import { AccuracyTable, definitionOf, PeriodFigures, PipelineFigures, SegmentTables, WeekChanges } from './Sections';
import './insights.css';

/** recharts is big; the numbers paint first and the charts follow (see TrendCharts). */
const TrendCharts = lazy(() => import('./TrendCharts'));
/** NRR, GRR and churn trends come from the renewals' ARR movements, with their own charts. */
const RetentionSection = lazy(() => import('./RetentionSection'));

type Result = z.infer<typeof MetricsResult>;
type RefreshState = 'idle' | 'running' | 'slow';

/** How long the page waits for a queued recompute: the job reads every deal once, seconds in practice. */
const POLL = { attempts: 20, delayMs: 1_500 };

const PERIOD_LABEL: Record<PeriodChoice, MessageKey> = { quarter: 'insights.period.quarter', month: 'insights.period.month', nextQuarter: 'insights.period.nextQuarter', year: 'insights.period.year' };

/**
 * Insights: the project's daily numbers (the same ones the Pipeline gadget reads) for this quarter,
 * this month or next quarter, broken down by owner, segment, source and region, with trends over
 * 8 quarters, past forecast accuracy and the week's changes. One `metrics/project` call; every
 * number carries its definition from the server's glossary. Before the first daily run there is
 * nothing to show but an explanation, and, for project admins, a button that recomputes now.
 */
export default function InsightsPage() {
  const project = useProject();
  if (project.status === 'loading') return <PageSkeleton rows={6} label={t('insights.title')} />;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  if (project.data.pipeline === null) return <EnableCrm />;
  return <Insights projectKey={project.data.projectKey} canAdmin={project.data.canAdmin} />;
}

function Insights({ projectKey, canAdmin }: { projectKey: string; canAdmin: boolean }) {
  const { locale, timezone } = useForgeContext();
  const load = useCallback(() => api.metrics.project({ projectKey }), [projectKey]);
  const state = useAsync(load);
  const [fresh, setFresh] = useState<Result | null>(null);
  const [refresh, setRefresh] = useState<RefreshState>('idle');
  const [choice, setChoice] = useState<PeriodChoice>('quarter');
  const { nameOf } = usePeople();

  const data = fresh ?? (state.status === 'ok' ? state.data : null);

  const onRefresh = async () => {
    const since = data?.metrics?.computedAt ?? null;
    setRefresh('running');
    try {
      await api.metrics.refresh({ projectKey });
      const answer = await pollForNewer(load, since, POLL);
      setFresh(answer.result);
      setRefresh(answer.fresh ? 'idle' : 'slow');
    } catch (error) {
      setRefresh('idle');
      flagError(error, t('insights.refreshFailed'));
    }
  };

  const refreshButton = canAdmin ? (
    <Button appearance="primary" onClick={() => void onRefresh()} isLoading={refresh === 'running'} testId="insights-refresh">
      {refresh === 'running' ? t('insights.refreshing') : t('insights.refresh')}
    </Button>
  ) : null;

  const status =
    refresh === 'running' ? (
      <p className="relay-muted" role="status" data-testid="insights-refresh-status">
        {t('insights.refreshQueued')}
      </p>
    ) : refresh === 'slow' ? (
      <p className="relay-muted" role="status" data-testid="insights-refresh-status">
        {t('insights.refreshSlow')}
      </p>
    ) : null;

  if (!data) {
    if (state.status === 'error') return <ErrorBanner error={state.error} onRetry={state.reload} />;
    return <PageSkeleton rows={6} label={t('insights.title')} />;
  }

  const metrics = data.metrics;
  if (!metrics) {
    return (
      <div data-testid="insights-empty">
        <EmptyState
          header={t('insights.empty.title')}
          description={`${t('insights.empty.body')} ${canAdmin ? t('insights.empty.admin') : t('insights.empty.other')}`}
          primaryAction={refreshButton ?? undefined}
          headingLevel={2}
        />
        {status}
      </div>
    );
  }

  return (
    <InsightsBody
      data={{ ...data, metrics }}
      locale={locale}
      timezone={timezone}
      choice={choice}
      onChoice={setChoice}
      nameOf={nameOf}
      toolbar={
        <>
          {refreshButton}
          {status}
        </>
      }
    />
  );
}

interface BodyProps {
  data: Result & { metrics: NonNullable<Result['metrics']> };
  locale: string;
  timezone: string;
  choice: PeriodChoice;
  onChoice: (choice: PeriodChoice) => void;
  nameOf: (id: string) => string;
  toolbar: ReactNode;
}

function InsightsBody({ data, locale, timezone, choice, onChoice, nameOf, toolbar }: BodyProps) {
  const { metrics, glossary } = data;
  const project = useProject();
  const stages = project.status === 'ok' ? (project.data.pipeline?.stages ?? []) : [];
  const period = periodOfChoice(metrics, choice);
  const today = isoDateOf(Date.now());
  const points = useMemo(() => trendPoints(metrics.trend, metrics.reportingCurrency), [metrics]);
  const shared = { metrics, glossary, locale };
  return (
    <div className="insights" data-testid="insights">
      <div className="insights-toolbar">
        <p className="relay-muted" data-testid="insights-computed-at">
          {t('insights.computedAt', { when: instantText(metrics.computedAt, locale, timezone), currency: metrics.reportingCurrency })}
        </p>
        <div className="insights-toolbar__actions">{toolbar}</div>
      </div>
      {metrics.unconvertedCurrencies.length > 0 ? (
        <div data-testid="insights-unconverted">
          <SectionMessage appearance="warning">
            <p>{t('insights.unconverted', { currencies: metrics.unconvertedCurrencies.join(', ') })}</p>
          </SectionMessage>
        </div>
      ) : null}

      <PipelineFigures {...shared} />

      <div className="insights-periods" role="group" aria-label={t('insights.period.label')}>
        {PERIOD_CHOICES.map((c) => (
          <button key={c} type="button" className="insights-period" aria-pressed={c === choice} data-testid={`period-${c}`} onClick={() => onChoice(c)}>
            {t(PERIOD_LABEL[c])}
          </button>
        ))}
        <span className="relay-muted" data-testid="period-range">
          {t('insights.period.range', { start: dateText(period.start, locale), end: dateText(period.end, locale) })}
        </span>
      </div>
      <PeriodFigures {...shared} period={period} today={today} />

      <SegmentTables {...shared} nameOf={nameOf} />

      <Suspense
        fallback={
          <Card title={t('insights.section.trends')}>
            <PageSkeleton rows={3} label={t('insights.trend.loading')} />
          </Card>
        }
      >
        <TrendCharts points={points} currency={metrics.reportingCurrency} locale={locale} definition={(key) => definitionOf(glossary, key)} wonDefinition={t('insights.localDef.won')} />
      </Suspense>

      {project.status === 'ok' ? (
        <Suspense fallback={<PageSkeleton rows={2} label={t('insights.trend.loading')} />}>
          <RetentionSection projectKey={project.data.projectKey} locale={locale} nameOf={nameOf} />
        </Suspense>
      ) : null}

      <StageConversion {...shared} stageName={(id) => stages.find((stage) => stage.id === id)?.name ?? id} />

      <div className="insights-pair">
        <AccuracyTable {...shared} today={today} />
        <WeekChanges {...shared} />
      </div>
    </div>
  );
}

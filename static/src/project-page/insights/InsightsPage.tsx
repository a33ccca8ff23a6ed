import Button from '@atlaskit/button/new';
import EmptyState from '@atlaskit/empty-state';
import SectionMessage from '@atlaskit/section-message';
import type { ReactNode } from 'react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
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
import { instantText } from '../records/format';
import { dealsText, periodLabel } from '../../lib/metric-basis';
import { usePeople } from '../../lib/people';
import type { PeriodChoice } from './insights-model';
import { PERIOD_CHOICES, periodOfChoice, pollForNewer, trendPoints } from './insights-model';
import { AccuracyTable, StageConversion, WeekChanges } from './HistorySections';
import type { ScopeChoice } from './SegmentSections';
import { ScopePicker, SegmentTables } from './SegmentSections';
import { definitionOf, PeriodFigures, PipelineFigures } from './Sections';
import { LeadFunnel } from './LeadFunnel';
import { unconvertedDealsText } from '../../lib/money-text';
import './insights.css';
import '../../lib/areas/insights';

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
  const [scope, setScopeState] = useState<ScopeChoice | null>(null);
  const load = useCallback(() => api.metrics.project({ projectKey, ...(scope ? { segment: scope } : {}) }), [projectKey, scope]);
  const state = useAsync(load);
  // A new scope asks again (useAsync loads once by itself); the first load is useAsync's own.
  const loaded = useRef(load);
  const { reload } = state;
  useEffect(() => {
    if (loaded.current === load) return;
    loaded.current = load;
    reload();
  }, [load, reload]);
  const [fresh, setFresh] = useState<Result | null>(null);
  const [refresh, setRefresh] = useState<RefreshState>('idle');
  const [choice, setChoice] = useState<PeriodChoice>('quarter');
  const setScope = (next: ScopeChoice | null) => {
    setFresh(null);
    setScopeState(next);
  };
  const lastRef = useRef<Result | null>(null);

  // A recompute's answer stands until the scope changes; while another scope loads, the last answer stays on screen.
  const data = fresh ?? (state.status === 'ok' ? state.data : state.status === 'loading' ? lastRef.current : null);
  if (data) lastRef.current = data;
  const { nameOf } = usePeople(Object.values(data?.metrics?.segments ?? {}).flatMap((byDimension) => Object.keys(byDimension.owner ?? {})));

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
      scope={scope}
      onScope={setScope}
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
  scope: ScopeChoice | null;
  onScope: (scope: ScopeChoice | null) => void;
  nameOf: (id: string) => string;
  toolbar: ReactNode;
}

function InsightsBody({ data, locale, timezone, choice, onChoice, scope, onScope, nameOf, toolbar }: BodyProps) {
  const { metrics: project, glossary } = data;
  // Every figure follows the scope chosen; a segment without deals now shows the project's breakdowns only.
  const metrics = scope ? (data.segment?.metrics ?? null) : project;
  const projectState = useProject();
  const stages = projectState.status === 'ok' ? (projectState.data.pipeline?.stages ?? []) : [];
  const today = isoDateOf(Date.now());
  const points = useMemo(() => (metrics ? trendPoints(metrics.trend, metrics.reportingCurrency) : []), [metrics]);
  return (
    <div className="insights" data-testid="insights">
      <div className="insights-toolbar">
        <p className="relay-muted" data-testid="insights-computed-at">
          {t('insights.computedAt', { when: instantText(project.computedAt, locale, timezone), currency: project.reportingCurrency })}{' '}
          {metrics ? t('basis.computedFrom', { deals: dealsText(metrics.dealCount) }) : null}
        </p>
        <div className="insights-toolbar__actions">{toolbar}</div>
      </div>
      <ScopePicker metrics={project} scope={scope} onScope={onScope} nameOf={nameOf} glossary={glossary} />
      {metrics && metrics.unconverted.length > 0 ? (
        <div data-testid="insights-unconverted">
          <SectionMessage appearance="warning">
            <p>{t('basis.unconvertedDaily', { list: unconvertedDealsText(metrics.unconverted, locale), currency: metrics.reportingCurrency })}</p>
          </SectionMessage>
        </div>
      ) : null}
      {scope && (data.segment?.dimension !== scope.dimension || data.segment.value !== scope.value) ? (
        <PageSkeleton rows={4} label={t('insights.title')} />
      ) : !metrics ? (
        <p className="relay-muted" data-testid="insights-scope-empty">
          {t('insights.scope.empty', { dimension: scope ? t(`insights.dimension.${scope.dimension}` as MessageKey).toLowerCase() : '' })}
        </p>
      ) : (
        <ScopeFigures metrics={metrics} data={data} locale={locale} timezone={timezone} choice={choice} onChoice={onChoice} today={today} points={points} stages={stages} />
      )}
      <SegmentTables metrics={project} choice={choice} glossary={glossary} locale={locale} nameOf={nameOf} onScope={onScope} />
      <LeadFunnel locale={locale} />
      {/* Site-wide, from the ARR movements: not narrowed by the scope chosen above. */}
      {projectState.status === 'ok' ? (
        <Suspense fallback={<PageSkeleton rows={2} label={t('insights.trend.loading')} />}>
          <RetentionSection projectKey={projectState.data.projectKey} locale={locale} />
        </Suspense>
      ) : null}
    </div>
  );
}

interface ScopeProps {
  metrics: NonNullable<Result['metrics']> | NonNullable<NonNullable<Result['segment']>['metrics']>;
  data: BodyProps['data'];
  locale: string;
  timezone: string;
  choice: PeriodChoice;
  onChoice: (choice: PeriodChoice) => void;
  today: string;
  points: ReturnType<typeof trendPoints>;
  stages: Array<{ id: string; name: string }>;
}

/** The figures of the scope shown: the open pipeline now, the period chosen, trends, conversion, accuracy and the week's changes. */
function ScopeFigures({ metrics, data, locale, timezone, choice, onChoice, today, points, stages }: ScopeProps) {
  const { glossary } = data;
  const period = periodOfChoice(metrics, choice);
  const shared = { metrics, glossary, locale };
  return (
    <>
      <PipelineFigures {...shared} pipeline={data.pipeline} timezone={timezone} />

      <div className="insights-periods" role="group" aria-label={t('insights.period.label')}>
        {PERIOD_CHOICES.map((c) => (
          <button key={c} type="button" className="insights-period" aria-pressed={c === choice} data-testid={`period-${c}`} onClick={() => onChoice(c)}>
            {t(PERIOD_LABEL[c])}
          </button>
        ))}
        <span className="relay-muted" data-testid="period-range">
          {periodLabel(period, locale)}
        </span>
      </div>
      <PeriodFigures {...shared} period={period} today={today} />

      <Suspense
        fallback={
          <Card title={t('insights.section.trends')}>
            <PageSkeleton rows={3} label={t('insights.trend.loading')} />
          </Card>
        }
      >
        <TrendCharts points={points} currency={metrics.reportingCurrency} locale={locale} definition={(key) => definitionOf(glossary, key)} wonDefinition={definitionOf(glossary, 'won')} />
      </Suspense>

      <StageConversion {...shared} stageName={(id) => stages.find((stage) => stage.id === id)?.name ?? id} />

      <div className="insights-pair">
        <AccuracyTable {...shared} today={today} />
        <WeekChanges {...shared} />
      </div>
    </>
  );
}

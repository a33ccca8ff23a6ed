import { router } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { PipelineGadgetResult } from '../../../src/contracts/metrics';
import { api } from '../lib/api';
import { flagError, flagSuccess, PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { Defined, GadgetProblem, HintedButton, Metric, NotConfigured, useGadgetData } from '../lib/gadget';
import type { PipelineConfig } from '../lib/gadget-config';
import { DIMENSION_LABELS, GADGET_TITLES, PERIOD_LABELS, pipelineInput, refreshIntervalMs } from '../lib/gadget-config';
import { asOfLines, boardFilters, boardUrl, currencyLines, forecastBar, formatCoverage, formatDecimal, formatInstant, formatMoney, formatPercent, formatPercentPoints, funnelRows, definitionOf } from '../lib/gadget-format';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';
import { useAsync } from '../lib/use-async';
import { ForecastChart, Funnel } from './charts';

type Result = z.infer<typeof PipelineGadgetResult>;

/** While a requested recompute runs, the view asks again this often until the numbers appear. */
const AWAIT_SNAPSHOT_MS = 3_000;

export function PipelineView({ config }: { config: PipelineConfig | null }) {
  return config ? <PipelineNumbers config={config} /> : <NotConfigured />;
}

/** One `gadgets/pipeline` invoke per render (and per refresh interval); everything below reads that answer. */
function PipelineNumbers({ config }: { config: PipelineConfig }) {
  const context = useForgeContext();
  /** The projects whose numbers were requested from here and have not appeared yet (null: none asked). */
  const [awaiting, setAwaiting] = useState<string[] | null>(null);
  const interval = awaiting ? AWAIT_SNAPSHOT_MS : refreshIntervalMs(config);
  const data = useGadgetData(() => api.gadgets.pipeline(pipelineInput(config)), interval);
  const result = data.data;

  // Stop asking every few seconds once each requested project has numbers (others may wait for their admin).
  const computedKeys = result?.projects.filter((p) => p.computedAt !== null).map((p) => p.projectKey) ?? [];
  const allRequestedComputed = awaiting !== null && awaiting.every((key) => computedKeys.includes(key));
  useEffect(() => {
    if (allRequestedComputed) setAwaiting(null);
  }, [allRequestedComputed]);

  if (!result) {
    if (data.error) return <GadgetProblem error={data.error} onRetry={data.reload} />;
    return <PageSkeleton rows={4} label={t('gadgets.view.loading')} />;
  }

  const locale = context.locale;
  // The board shows one project: the gadget opens the first chosen (the resolver answers in that order).
  const boardProject = result.projects[0] ?? { projectKey: result.projectKey, projectName: result.projectName };
  const openBoard = () => {
    const url = boardUrl(context.siteUrl, boardProject.projectKey, boardFilters(config, result.period));
    void router.navigate(url).catch((error: unknown) => flagError(error));
  };
  const projects = result.projects.length > 0 ? result.projects : [{ projectKey: result.projectKey, projectName: result.projectName, computedAt: result.computedAt }];
  const asOf = result.computedAt === null ? [] : asOfLines(projects, (ms) => formatInstant(ms, locale, context.timezone));

  return (
    <div className="relay-gadget" data-testid="gadget-view" aria-busy={data.loading}>
      <header className="relay-gadget__head">
        <div>
          <h1 className="relay-gadget__title">
            {t(GADGET_TITLES.pipeline)}
            {': '}
            {projects.map((p, index) => (
              <span key={p.projectKey} data-testid="gadget-project" data-project-key={p.projectKey}>
                {index > 0 ? ', ' : ''}
                <span data-testid="gadget-project-name">{p.projectName}</span> (<span className="relay-mono" data-testid="gadget-config-project">{p.projectKey}</span>)
              </span>
            ))}
          </h1>
          <span className="relay-gadget__meta" data-testid="gadget-period">
            {result.period ? t('gadgets.view.periodRange', { period: t(PERIOD_LABELS[config.period]), start: result.period.start, end: result.period.end }) : t(PERIOD_LABELS[config.period])}
            {config.segment ? ` · ${t(DIMENSION_LABELS[config.segment.dimension])}: ${config.segment.label ?? config.segment.value}` : ''}
          </span>
        </div>
        {projects.length > 1 ? (
          <HintedButton hint={t('gadgets.view.openBoardOne', { project: boardProject.projectName })} onClick={openBoard} testId="open-board">
            {t('gadgets.view.openBoard')}
          </HintedButton>
        ) : (
          <button type="button" className="relay-button" onClick={openBoard} data-testid="open-board">
            {t('gadgets.view.openBoard')}
          </button>
        )}
      </header>
      {data.error ? <GadgetProblem error={data.error} onRetry={data.reload} /> : null}
      {result.computedAt === null || !result.period ? (
        <FirstRunEmpty key={projects.map((p) => `${p.projectKey}:${p.computedAt ?? ''}`).join(',')} projects={projects} awaiting={awaiting !== null} onRequested={setAwaiting} />
      ) : (
        <PeriodSection result={result} period={result.period} config={config} locale={locale} />
      )}
      <LiveSection result={result} locale={locale} />
      {asOf.map((line, index) => (
        <p key={index} className="relay-gadget__meta" data-testid="gadget-as-of">
          {line.projectName === null ? t('gadgets.view.asOf', { time: line.time }) : t('gadgets.view.asOfProject', { project: line.projectName, time: line.time })}
        </p>
      ))}
    </div>
  );
}

/**
 * Before the first daily snapshot there are no period numbers to show (for several projects: until
 * each has them, since a sum over some would pass for the whole). Say when they come, name the
 * projects still waiting, and let an admin of those ask for them now (metrics/refresh queues the
 * job the schedule runs) — for the waiting projects they administer.
 */
function FirstRunEmpty({ projects, awaiting, onRequested }: { projects: Result['projects']; awaiting: boolean; onRequested: (projectKeys: string[]) => void }) {
  const missing = projects.filter((p) => p.computedAt === null);
  const waiting = missing.length > 0 ? missing : projects;
  const administered = useAsync(async () => {
    const contexts = await Promise.all(waiting.map((p) => api.projects.context({ projectKey: p.projectKey })));
    return waiting.filter((_, index) => contexts[index]?.canAdmin === true).map((p) => p.projectKey);
  });
  const [requesting, setRequesting] = useState(false);
  const refresh = async (projectKeys: string[]) => {
    setRequesting(true);
    try {
      await Promise.all(projectKeys.map((projectKey) => api.metrics.refresh({ projectKey })));
      flagSuccess(t('gadgets.empty.requested'));
      onRequested(projectKeys);
    } catch (error) {
      flagError(error);
    } finally {
      setRequesting(false);
    }
  };
  return (
    <section className="relay-empty" data-testid="gadget-first-run">
      <p className="relay-empty__title">{t('gadgets.empty.title')}</p>
      <p className="relay-empty__body">{t('gadgets.empty.body')}</p>
      {projects.length > 1 ? (
        <p className="relay-empty__body" data-testid="gadget-first-run-waiting">
          {t('gadgets.empty.waiting', { projects: waiting.map((p) => p.projectName).join(', ') })}
        </p>
      ) : null}
      {administered.status === 'ok' && administered.data.length > 0 ? (
        <button type="button" className="relay-button relay-button--primary" onClick={() => void refresh(administered.data)} disabled={requesting || awaiting} data-testid="gadget-refresh-now">
          {awaiting ? t('gadgets.empty.computing') : t('gadgets.empty.refresh')}
        </button>
      ) : null}
      {administered.status === 'ok' && administered.data.length < waiting.length ? <p className="relay-gadget__meta">{t('gadgets.empty.askAdmin')}</p> : null}
    </section>
  );
}

function PeriodSection({ result, period, config, locale }: { result: Result; period: NonNullable<Result['period']>; config: PipelineConfig; locale: string }) {
  const g = result.glossary;
  const currency = result.reportingCurrency;
  const empty = t('common.notSet');
  const money = (minor: number | null) => (minor === null ? empty : formatMoney(minor, currency, locale));
  const bar = forecastBar(period.forecast, result.targetMinor);
  const overrideCurrencyChanged = config.targetOverrideMinor !== undefined && config.targetCurrency !== undefined && config.targetCurrency !== currency;
  return (
    <>
      <section className="relay-gadget__section" aria-labelledby="relay-forecast-title">
        <h2 className="relay-gadget__section-title" id="relay-forecast-title">
          {t('gadgets.forecast.title')}
        </h2>
        <ForecastChart bar={bar} omittedMinor={period.forecast.omitted.amountMinor} targetMinor={result.targetMinor} currency={currency} locale={locale} definition={definitionOf(g, 'forecastCategories')} targetDefinition={t('gadgets.def.target')} />
        {overrideCurrencyChanged ? <p className="relay-note">{t('gadgets.view.targetCurrencyChanged', { saved: config.targetCurrency ?? '', currency })}</p> : null}
      </section>
      <div className="relay-metrics">
        <Metric
          label={t('gadgets.metric.coverage')}
          definition={definitionOf(g, 'coverage')}
          value={formatCoverage(result.coverage, empty, locale)}
          testId="metric-coverage"
          sub={
            <>
              {t('gadgets.metric.qualified')}{' '}
              <Defined definition={definitionOf(g, 'coverage')} testId="metric-qualified">
                {money(period.qualifiedMinor)}
              </Defined>
            </>
          }
        />
        <Metric
          label={t('gadgets.metric.winRate')}
          definition={definitionOf(g, 'winRate')}
          value={formatPercent(period.winRate.byCount, empty, locale)}
          testId="metric-win-rate"
          sub={
            <>
              {t('gadgets.metric.byValue')}{' '}
              <Defined definition={definitionOf(g, 'winRate')} testId="metric-win-rate-value">
                {formatPercent(period.winRate.byValue, empty, locale)}
              </Defined>{' '}
              {t('gadgets.metric.wonLost', { won: period.winRate.won, lost: period.winRate.lost })}
            </>
          }
        />
        <Metric label={t('gadgets.metric.cycle')} definition={definitionOf(g, 'salesCycle')} value={period.salesCycleDays === null ? empty : t('gadgets.metric.days', { days: formatDecimal(period.salesCycleDays, empty, locale) })} testId="metric-cycle" />
        <Metric label={t('gadgets.metric.velocity')} definition={definitionOf(g, 'velocity')} value={period.velocityPerDayMinor === null ? empty : t('gadgets.metric.perDay', { amount: money(period.velocityPerDayMinor) })} testId="metric-velocity" />
        <Metric label={t('gadgets.metric.averageDeal')} definition={definitionOf(g, 'averageDealSize')} value={money(period.averageDealSizeMinor)} testId="metric-average-deal" />
        <Metric label={t('gadgets.metric.won')} definition={t('gadgets.def.won')} value={money(period.wonMinor)} testId="metric-won" />
        <Metric label={t('gadgets.metric.accuracy')} definition={definitionOf(g, 'forecastAccuracy')} value={formatPercentPoints(period.forecastAccuracy, empty, locale)} testId="metric-accuracy" />
        <Metric label={t('gadgets.metric.handoff')} definition={definitionOf(g, 'handoffSla')} value={formatPercent(period.handoffSla.attainment, empty, locale)} testId="metric-handoff" />
      </div>
      {config.segment && result.segment ? <SegmentSection result={result} segment={result.segment} config={config} locale={locale} /> : null}
      <ChangesSection result={result} />
    </>
  );
}

function SegmentSection({ result, segment, config, locale }: { result: Result; segment: NonNullable<Result['segment']>; config: PipelineConfig; locale: string }) {
  const g = result.glossary;
  const empty = t('common.notSet');
  const name = config.segment ? `${t(DIMENSION_LABELS[config.segment.dimension])}: ${config.segment.label ?? config.segment.value}` : '';
  return (
    <section className="relay-gadget__section" aria-labelledby="relay-segment-title" data-testid="segment-section">
      <h2 className="relay-gadget__section-title" id="relay-segment-title">
        {t('gadgets.segment.title', { segment: name })}
      </h2>
      <div className="relay-metrics">
        <Metric label={t('gadgets.metric.openDeals')} definition={t('gadgets.def.openCount')} value={String(segment.openCount)} testId="segment-open" />
        <Metric label={t('gadgets.metric.weighted')} definition={definitionOf(g, 'weightedPipeline')} value={formatMoney(segment.weightedMinor, result.reportingCurrency, locale)} testId="segment-weighted" />
        <Metric label={t('gadgets.metric.winRate')} definition={definitionOf(g, 'winRate')} value={formatPercent(segment.winRate, empty, locale)} testId="segment-win-rate" />
        <Metric label={t('gadgets.metric.won')} definition={t('gadgets.def.won')} value={formatMoney(segment.wonMinor, result.reportingCurrency, locale)} testId="segment-won" />
      </div>
    </section>
  );
}

const CHANGE_KEYS = ['added', 'won', 'lost', 'slipped', 'pulledIn', 'amountUp', 'amountDown'] as const;
const CHANGE_LABELS: Record<(typeof CHANGE_KEYS)[number], MessageKey> = {
  added: 'gadgets.changes.added',
  won: 'gadgets.changes.won',
  lost: 'gadgets.changes.lost',
  slipped: 'gadgets.changes.slipped',
  pulledIn: 'gadgets.changes.pulledIn',
  amountUp: 'gadgets.changes.amountUp',
  amountDown: 'gadgets.changes.amountDown',
};

function ChangesSection({ result }: { result: Result }) {
  const changes = result.changes;
  if (!changes) return null;
  const changeDefinition = (key: (typeof CHANGE_KEYS)[number]): string => (key === 'slipped' ? definitionOf(result.glossary, 'slipped') : t(`gadgets.def.change.${key}`));
  return (
    <section className="relay-gadget__section" aria-labelledby="relay-changes-title" data-testid="changes-section">
      <h2 className="relay-gadget__section-title" id="relay-changes-title">
        {changes.since ? t('gadgets.changes.titleSince', { since: changes.since }) : t('gadgets.changes.title')}
      </h2>
      {changes.since ? (
        <dl className="relay-changes">
          {CHANGE_KEYS.map((key) => (
            <div key={key}>
              <dt>{t(CHANGE_LABELS[key])}</dt>
              <dd>
                <Defined definition={changeDefinition(key)} testId={`change-${key}`}>
                  {String(changes.counts[key] ?? 0)}
                </Defined>
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="relay-gadget__meta">{t('gadgets.changes.noBaseline')}</p>
      )}
    </section>
  );
}

/** Live from the maintained totals (current to the last write): the open pipeline, per currency, and the funnel. */
function LiveSection({ result, locale }: { result: Result; locale: string }) {
  const g = result.glossary;
  const weighted = result.live.weightedByCurrency;
  return (
    <section className="relay-gadget__section" aria-labelledby="relay-live-title" data-testid="live-section">
      <h2 className="relay-gadget__section-title" id="relay-live-title">
        {t('gadgets.live.title')}
      </h2>
      <table className="relay-table" data-testid="weighted-table">
        <thead>
          <tr>
            <th scope="col">{t('gadgets.live.currency')}</th>
            <th scope="col">{t('gadgets.metric.weighted')}</th>
            <th scope="col">{t('gadgets.metric.unweighted')}</th>
          </tr>
        </thead>
        <tbody>
          {currencyLines(result.live.openByCurrency).map((line) => (
            <tr key={line.currency}>
              <th scope="row">{line.currency}</th>
              <td>
                <Defined definition={definitionOf(g, 'weightedPipeline')} testId={`weighted-${line.currency}`}>
                  {formatMoney(weighted[line.currency] ?? 0, line.currency, locale)}
                </Defined>
              </td>
              <td>
                <Defined definition={t('gadgets.def.unweighted')} testId={`unweighted-${line.currency}`}>
                  {formatMoney(line.amountMinor, line.currency, locale)}
                </Defined>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="relay-gadget__meta">
        {t('gadgets.live.openDeals')}{' '}
        <Defined definition={t('gadgets.def.openCount')} testId="live-open-count">
          {String(result.live.openCount)}
        </Defined>
      </p>
      <h3 className="relay-gadget__section-title">{t('gadgets.funnel.title')}</h3>
      <Funnel rows={funnelRows(result.live.funnel)} locale={locale} countDefinition={t('gadgets.def.stageCount')} amountDefinition={t('gadgets.def.stageAmount')} />
    </section>
  );
}

import { router } from '@forge/bridge';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { PipelineGadgetResult } from '../../../src/contracts/metrics';
import { api } from '../lib/api';
import { flagError, flagSuccess, PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { Defined, GadgetProblem, HintedButton, NotConfigured, useGadgetData } from '../lib/gadget';
import type { PipelineConfig } from '../lib/gadget-config';
import { DIMENSION_LABELS, GADGET_TITLES, PERIOD_LABELS, pipelineInput, refreshIntervalMs } from '../lib/gadget-config';
import { asOfLines, boardFilters, boardLocation, formatInstant, definitionOf } from '../lib/gadget-format';
import { dealsText, periodLabel } from '../lib/metric-basis';
import { dayText } from '../lib/period-format';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';
import { useAsync } from '../lib/use-async';
import { PeriodSection } from './PeriodSection';
import { PipelineNowSection } from './PipelineNowSection';

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
    void router.navigate(boardLocation(boardProject.projectKey, boardFilters(config, result.period))).catch((error: unknown) => flagError(error));
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
            {result.period ? t('gadgets.view.periodRange', { period: t(PERIOD_LABELS[config.period]), range: periodLabel(result.period, locale) }) : t(PERIOD_LABELS[config.period])}
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
        <>
          <PeriodSection result={result} period={result.period} config={config} locale={locale} />
          <ChangesSection result={result} locale={locale} />
        </>
      )}
      <PipelineNowSection result={result} locale={locale} timezone={context.timezone} />
      {result.dealCount !== null && result.computedAt !== null ? (
        <p className="relay-gadget__meta" data-testid="gadget-computed-from">
          {t('basis.computedFrom', { deals: dealsText(result.dealCount) })}
        </p>
      ) : null}
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

function ChangesSection({ result, locale }: { result: Result; locale: string }) {
  const changes = result.changes;
  if (!changes) return null;
  const changeDefinition = (key: (typeof CHANGE_KEYS)[number]): string => (key === 'slipped' ? definitionOf(result.glossary, 'slipped') : t(`gadgets.def.change.${key}`));
  return (
    <section className="relay-gadget__section" aria-labelledby="relay-changes-title" data-testid="changes-section">
      <h2 className="relay-gadget__section-title" id="relay-changes-title">
        {changes.since ? t('gadgets.changes.titleSince', { since: dayText(changes.since, locale) }) : t('gadgets.changes.title')}
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

import type { z } from 'zod';
import type { PipelineGadgetResult } from '../../../src/contracts/metrics';
import { Metric } from '../lib/gadget';
import { definitionOf, formatInstant, funnelRows } from '../lib/gadget-format';
import { t } from '../lib/i18n';
import { dealsText } from '../lib/metric-basis';
import { MoneyFigure, UnconvertedNote } from '../lib/money-view';
import { Funnel } from './charts';

type Result = z.infer<typeof PipelineGadgetResult>;

/**
 * The open pipeline now (glossary: Open deals, Open pipeline, Weighted pipeline): one converted
 * total each, the per-currency breakdown on hover, the amounts without a rate named under them, and
 * the stage funnel. Live from the maintained totals for whole projects; for a segment, its daily
 * figures (and the line under the figures says so).
 */
export function PipelineNowSection({ result, locale, timezone }: { result: Result; locale: string; timezone: string }) {
  const g = result.glossary;
  const now = result.pipeline;
  const basis = now.source === 'live' ? t('basis.live', { deals: dealsText(now.openCount) }) : t('basis.daily', { deals: dealsText(now.openCount), time: now.asOf === null ? t('common.notSet') : formatInstant(now.asOf, locale, timezone) });
  return (
    <section className="relay-gadget__section" aria-labelledby="relay-live-title" data-testid="live-section">
      <h2 className="relay-gadget__section-title" id="relay-live-title">
        {t('gadgets.live.title')}
      </h2>
      <div className="relay-metrics">
        <Metric label={t('gadgets.metric.openDeals')} definition={definitionOf(g, 'openDeals')} value={String(now.openCount)} testId="live-open-count" />
        <div className="relay-metric" data-testid="live-open-tile">
          <span className="relay-metric__label">{t('gadgets.metric.unweighted')}</span>
          <MoneyFigure total={now.open} locale={locale} definition={definitionOf(g, 'openPipeline')} testId="live-open" />
        </div>
        <div className="relay-metric" data-testid="live-weighted-tile">
          <span className="relay-metric__label">{t('gadgets.metric.weighted')}</span>
          <MoneyFigure total={now.weighted} locale={locale} definition={definitionOf(g, 'weightedPipeline')} testId="live-weighted" />
        </div>
      </div>
      <p className="relay-metric__basis" data-testid="live-basis">
        {basis}
      </p>
      <UnconvertedNote total={now.open} locale={locale} testId="live-unconverted" />
      <h3 className="relay-gadget__section-title">{t('gadgets.funnel.title')}</h3>
      <Funnel rows={funnelRows(now.stages)} locale={locale} countDefinition={t('gadgets.def.stageCount')} amountDefinition={definitionOf(g, 'openPipeline')} />
    </section>
  );
}

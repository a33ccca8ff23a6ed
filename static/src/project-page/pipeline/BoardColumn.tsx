import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { ProjectContext } from '../../../../src/contracts/project';
import { GLOSSARY } from '../../../../src/domain/glossary';
import type { CurrencyAmounts, ExchangeRates } from '../../../../src/domain/money';
import { addAmounts, convertAvailable } from '../../../../src/domain/money';
import type { Stage } from '../../../../src/domain/pipeline';
import { stageFigures } from '../../../../src/domain/pipeline-figures';
import { t } from '../../lib/i18n';
import { MoneyFigure, UnconvertedNote } from '../../lib/money-view';
import type { PeopleLookup } from '../../lib/people';
import type { Figures, KeyboardMove } from './board-model';
import { figuresOf } from './board-model';
import { CARD_DRAG, DealCard } from './DealCard';

export interface BoardColumnProps {
  stage: Stage;
  deals: DealRecord[];
  /** What the header shows: the server's totals, or the filtered cards' figures while a filter is on. */
  figures: Figures;
  /** The stage's full count (server), to say how many a filter or the load limit hides. */
  totalCount: number;
  filtered: boolean;
  companyNames: ReadonlyMap<string, string>;
  people: PeopleLookup;
  companiesDone: boolean;
  /** The site's reporting currency and rates: the header shows one converted total, as the gadget and Insights do. */
  rates: ExchangeRates;
  /** The definitions of Open pipeline and Weighted pipeline, as the site words them. */
  definitions: { open: string; weighted: string };
  now: number;
  locale: string;
  canEdit: boolean;
  savingIds: ReadonlySet<string>;
  focusDealId: string | null;
  onFocused: () => void;
  onOpen: (dealId: string) => void;
  onMoveMenu: (dealId: string) => void;
  onKeyboardMove: (dealId: string, move: KeyboardMove) => void;
}

/** One stage: its header figures and its cards; the card list is a drop target (a drop below the last card lands at the end). */
export const BoardColumn = memo(function BoardColumn(props: BoardColumnProps) {
  const { stage, deals, figures, totalCount, filtered, companyNames, people, companiesDone, rates, definitions, now, locale, canEdit, savingIds, focusDealId } = props;
  const listRef = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);

  useEffect(() => {
    const element = listRef.current;
    if (!canEdit || !element) return undefined;
    return dropTargetForElements({
      element,
      canDrop: ({ source }) => source.data.type === CARD_DRAG,
      getData: () => ({ type: 'column', stageId: stage.id }),
      onDragEnter: () => setOver(true),
      onDragLeave: () => setOver(false),
      onDrop: () => setOver(false),
    });
  }, [canEdit, stage.id]);

  // The same conversion as the gadget's and Insights' open pipeline (pipeline-figures.ts); amounts without a rate are named on hover and above the board.
  const converted = stageFigures({ stageId: stage.id, name: stage.name, count: figures.count, amounts: figures.amounts, weighted: figures.weighted }, rates);
  const headingId = `column-heading-${stage.id}`;
  return (
    <section className={`relay-column${over ? ' relay-column--over' : ''}`} aria-labelledby={headingId} data-testid={`column-${stage.id}`} data-stage-name={stage.name}>
      <header className="relay-column__header">
        <h2 className="relay-column__title" id={headingId}>
          <span>{stage.name}</span>
          <span className="relay-column__count" data-testid="column-count">
            {figures.count}
          </span>
        </h2>
        <dl className="relay-column__figures">
          <dt>{t('board.column.total')}</dt>
          <dd data-testid="column-total">
            <MoneyFigure total={converted.amount} locale={locale} definition={definitions.open} testId={`column-total-${stage.id}`} />
          </dd>
          <dt>{t('board.column.weighted')}</dt>
          <dd data-testid="column-weighted">
            <MoneyFigure total={converted.weighted} locale={locale} definition={definitions.weighted} testId={`column-weighted-${stage.id}`} />
          </dd>
        </dl>
        {filtered ? (
          <p className="relay-column__note" data-testid="column-filtered-note">
            {t('board.column.filteredNote', { shown: figures.count, count: totalCount })}
          </p>
        ) : deals.length < totalCount ? (
          <p className="relay-column__note">{t('board.column.moreNote', { count: totalCount, shown: deals.length })}</p>
        ) : null}
        {stage.maxDays !== null ? <p className="relay-column__note relay-muted">{t('board.column.maxDays', { days: stage.maxDays })}</p> : null}
      </header>
      <div ref={listRef} className="relay-column__cards" data-testid="column-cards">
        {deals.length === 0 ? <p className="relay-column__empty relay-muted">{t('board.column.empty')}</p> : null}
        {deals.map((deal) => (
          <DealCard
            key={deal.id}
            deal={deal}
            stage={stage}
            companyName={deal.companyId === null ? undefined : (companyNames.get(deal.companyId) ?? (companiesDone ? t('common.notSet') : undefined))}
            owner={people.person(deal.ownerId)}
            ownerName={people.nameOf(deal.ownerId)}
            now={now}
            locale={locale}
            canEdit={canEdit}
            saving={savingIds.has(deal.id)}
            focusMe={focusDealId === deal.id}
            onFocused={props.onFocused}
            onOpen={props.onOpen}
            onMoveMenu={props.onMoveMenu}
            onKeyboardMove={props.onKeyboardMove}
          />
        ))}
      </div>
    </section>
  );
});

/** The won and lost stages as drop targets beside the board (closed deals leave the board). */
export function ClosedZone({ stage, kind, canEdit }: { stage: Stage; kind: 'won' | 'lost'; canEdit: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!canEdit || !element) return undefined;
    return dropTargetForElements({
      element,
      canDrop: ({ source }) => source.data.type === CARD_DRAG,
      getData: () => ({ type: 'closed', stageId: stage.id }),
      onDragEnter: () => setOver(true),
      onDragLeave: () => setOver(false),
      onDrop: () => setOver(false),
    });
  }, [canEdit, stage.id]);
  if (!canEdit) return null;
  return (
    <div ref={ref} className={`relay-closed-zone relay-closed-zone--${kind}${over ? ' relay-closed-zone--over' : ''}`} data-testid={`closed-zone-${kind}`}>
      <strong>{kind === 'won' ? t('board.closed.won') : t('board.closed.lost')}</strong>
      <span className="relay-muted">{stage.name}</span>
      <span className="relay-muted">{t('board.closed.dropHint')}</span>
    </div>
  );
}

/**
 * The board's explicit warning naming the open amounts its converted column totals leave out
 * (currencies without a rate), over the columns shown (the filter's, when one is on).
 */
export function BoardUnconverted({ columns, filtered, rates, locale }: { columns: ReadonlyArray<{ stage: Stage; deals: DealRecord[]; amounts: CurrencyAmounts }>; filtered: boolean; rates: ExchangeRates; locale: string }) {
  let amounts: CurrencyAmounts = {};
  for (const column of columns) amounts = addAmounts(amounts, filtered ? figuresOf(column.deals, column.stage).amounts : column.amounts);
  const total = convertAvailable(amounts, rates);
  return <UnconvertedNote total={total} locale={locale} testId="board-unconverted" />;
}

/** The site's calendar, rates and wording as the board uses them (stable objects, so memoised columns stay memoised). */
export function useSiteTerms(site: ProjectContext['site']) {
  return useMemo(
    () => ({
      calendar: { startMonth: site.fiscalYearStartMonth },
      rates: { reportingCurrency: site.reportingCurrency, rates: site.rates },
      definitions: { open: site.glossary.openPipeline ?? GLOSSARY.openPipeline, weighted: site.glossary.weightedPipeline ?? GLOSSARY.weightedPipeline },
    }),
    [site],
  );
}

export function BoardSkeleton() {
  return (
    <div className="relay-board" aria-busy="true" aria-label={t('board.loading')} data-testid="board-skeleton">
      {[0, 1, 2, 3].map((i) => (
        <div className="relay-column" key={i}>
          <div className="relay-skeleton relay-skeleton--title" />
          {[0, 1, 2].map((j) => (
            <div className="relay-skeleton relay-skeleton--card" key={j} />
          ))}
        </div>
      ))}
    </div>
  );
}


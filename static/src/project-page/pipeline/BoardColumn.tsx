import { memo, useEffect, useRef, useState } from 'react';
import { dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { Stage } from '../../../../src/domain/pipeline';
import { t } from '../../lib/i18n';
import { formatAmounts } from './board-format';
import type { Figures, KeyboardMove } from './board-model';
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
  companiesDone: boolean;
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
  const { stage, deals, figures, totalCount, filtered, companyNames, companiesDone, now, locale, canEdit, savingIds, focusDealId } = props;
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

  const total = formatAmounts(figures.amounts, locale) || t('common.notSet');
  const weighted = formatAmounts(figures.weighted, locale) || t('common.notSet');
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
          <dd data-testid="column-total">{total}</dd>
          <dt>{t('board.column.weighted')}</dt>
          <dd data-testid="column-weighted">{weighted}</dd>
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

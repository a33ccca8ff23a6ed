import { forwardRef, memo, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import { draggable, dropTargetForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { attachClosestEdge, extractClosestEdge } from '@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge';
import type { Edge } from '@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { Person } from '../../../../src/contracts/people';
import type { Stage } from '../../../../src/domain/pipeline';
import { t } from '../../lib/i18n';
import { Avatar } from '../../lib/people';
import { cardMarkers } from './board-markers';
import { formatDate, formatMoney } from './board-format';
import type { KeyboardMove } from './board-model';

/** What a drag carries and what a card drop target reports; checked on drop, never trusted blindly. */
export const CARD_DRAG = 'relay-deal';

const KEY_MOVES: Record<string, KeyboardMove> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

export interface DealCardProps {
  deal: DealRecord;
  stage: Stage;
  /** Undefined while the company names are still loading. */
  companyName: string | undefined;
  /** The owner as Jira shows them (undefined while their name loads), and what to call them. */
  owner: Person | undefined;
  ownerName: string;
  now: number;
  locale: string;
  canEdit: boolean;
  saving: boolean;
  focusMe: boolean;
  onFocused: () => void;
  onOpen: (dealId: string) => void;
  onMoveMenu: (dealId: string) => void;
  onKeyboardMove: (dealId: string, move: KeyboardMove) => void;
}

/**
 * The card's drag handle: the same element Atlaskit's DragHandleButton renders (a native button,
 * since Atlaskit's Button cancels the mousedown a drag starts with; labelled for screen readers;
 * the design system's vertical drag-handle glyph), drawn with board.css instead of emotion styles,
 * a FocusRing and an Icon component. A board renders a thousand of them, and those three cost
 * about a fifth of its first render (profiled with 1,000 cards); the look and semantics are kept.
 */
const DragHandle = forwardRef<HTMLButtonElement, { label: string; testId: string }>(function DragHandle({ label, testId }, ref) {
  return (
    <button ref={ref} type="button" className="relay-drag-handle" aria-label={label} data-testid={testId}>
      <svg width="12" height="12" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <path fill="currentColor" d={DRAG_GLYPH} />
      </svg>
    </button>
  );
});

/**
 * A card marker drawn as Atlaskit's Lozenge draws it (subtler semantic background, bolder text,
 * small body font), from board.css. The Lozenge component checks feature gates on every render,
 * each a thrown and caught error while no gate client runs; with hundreds of marked cards that was
 * the largest single script cost of the board's first render (profiled with 1,000 cards).
 */
function Marker({ appearance, children }: { appearance: 'warning' | 'danger'; children: string }) {
  return <span className={`relay-card-marker relay-card-marker--${appearance}`}>{children}</span>;
}

/** Atlaskit's DragHandleVerticalIcon glyph (@atlaskit/icon/core/drag-handle-vertical). */
const DRAG_GLYPH =
  'M7 2.75a1.75 1.75 0 1 1-3.5 0 1.75 1.75 0 0 1 3.5 0m5.5 0a1.75 1.75 0 1 1-3.5 0 1.75 1.75 0 0 1 3.5 0M7 8a1.75 1.75 0 1 1-3.5 0A1.75 1.75 0 0 1 7 8m5.5 0A1.75 1.75 0 1 1 9 8a1.75 1.75 0 0 1 3.5 0M7 13.25a1.75 1.75 0 1 1-3.5 0 1.75 1.75 0 0 1 3.5 0m5.5 0a1.75 1.75 0 1 1-3.5 0 1.75 1.75 0 0 1 3.5 0';

/**
 * One deal on the board. Dragging starts only from the handle (a real button, so it is reachable by
 * keyboard and announced as a drag handle); the card itself takes Alt+arrow keys as the keyboard
 * alternative, and the Move… button opens the same moves as a dialog. Users who cannot edit get
 * neither handle nor button; their Alt+arrow presses reach the board, which explains why not.
 */
export const DealCard = memo(function DealCard(props: DealCardProps) {
  const { deal, stage, companyName, owner, ownerName, now, locale, canEdit, saving, focusMe, onFocused, onOpen, onMoveMenu, onKeyboardMove } = props;
  const ref = useRef<HTMLDivElement>(null);
  const handleRef = useRef<HTMLButtonElement>(null);
  const [edge, setEdge] = useState<Edge | null>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const element = ref.current;
    const dragHandle = handleRef.current;
    if (!canEdit || !element || !dragHandle) return undefined;
    return combine(
      draggable({
        element,
        dragHandle,
        getInitialData: () => ({ type: CARD_DRAG, dealId: deal.id }),
        onDragStart: () => setDragging(true),
        onDrop: () => setDragging(false),
      }),
      dropTargetForElements({
        element,
        canDrop: ({ source }) => source.data.type === CARD_DRAG && source.data.dealId !== deal.id,
        getData: ({ input, element: target }) => attachClosestEdge({ type: 'card', dealId: deal.id, stageId: stage.id }, { input, element: target, allowedEdges: ['top', 'bottom'] }),
        onDrag: ({ self }) => setEdge(extractClosestEdge(self.data)),
        onDragLeave: () => setEdge(null),
        onDrop: () => setEdge(null),
      }),
    );
  }, [canEdit, deal.id, stage.id]);

  useEffect(() => {
    if (focusMe) {
      ref.current?.focus();
      onFocused();
    }
  }, [focusMe, onFocused]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = KEY_MOVES[event.key];
    if (!move || !event.altKey || event.target !== event.currentTarget) return;
    event.preventDefault();
    onKeyboardMove(deal.id, move);
  };

  const markers = cardMarkers(deal, stage, now);
  const staleWhy = markers.staleReasons.map((r) => t(`board.marker.stale.${r}`)).join(', ');
  return (
    <div
      ref={ref}
      className={`relay-deal-card${dragging ? ' relay-deal-card--dragging' : ''}${saving ? ' relay-deal-card--saving' : ''}`}
      data-testid={`deal-card-${deal.id}`}
      data-deal-name={deal.name}
      data-stage-id={stage.id}
      tabIndex={0}
      role="group"
      aria-label={deal.name}
      aria-keyshortcuts="Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown"
      onKeyDown={onKeyDown}
    >
      {edge ? <div className={`relay-drop-indicator relay-drop-indicator--${edge}`} aria-hidden="true" /> : null}
      <div className="relay-deal-card__top">
        {canEdit ? <DragHandle ref={handleRef} label={t('board.card.drag', { name: deal.name })} testId={`drag-handle-${deal.id}`} /> : null}
        <button type="button" className="relay-deal-card__name" onClick={() => onOpen(deal.id)} aria-label={t('board.card.open', { name: deal.name })}>
          {deal.name}
        </button>
      </div>
      <div className="relay-deal-card__company" data-testid="card-company">
        {deal.companyId === null ? <span className="relay-muted">{t('board.card.noCompany')}</span> : companyName === undefined ? <span className="relay-skeleton-text" aria-hidden="true" /> : companyName}
      </div>
      <div className="relay-deal-card__facts">
        <span className="relay-deal-card__amount" data-testid="card-amount">
          {deal.amountMinor === null ? <span className="relay-muted">{t('board.card.noAmount')}</span> : formatMoney(deal.amountMinor, deal.currency, locale)}
        </span>
        <span className="relay-muted">{deal.closeDate ? t('board.card.closeDate', { date: formatDate(deal.closeDate, locale) }) : t('board.card.noCloseDate')}</span>
      </div>
      {markers.stale || markers.slipped || markers.nextStepOverdue ? (
        <div className="relay-deal-card__markers">
          {markers.stale ? (
            <span title={staleWhy} data-testid="marker-stale">
              <Marker appearance="warning">{t('board.marker.stale')}</Marker>
              <span className="relay-visually-hidden">{`: ${staleWhy}`}</span>
            </span>
          ) : null}
          {markers.slipped ? (
            <span title={t('board.marker.slippedHelp', { count: deal.pushCount })} data-testid="marker-slipped">
              <Marker appearance="danger">{t('board.marker.slipped', { count: deal.pushCount })}</Marker>
            </span>
          ) : null}
          {markers.nextStepOverdue ? (
            <span data-testid="marker-next-step-overdue">
              <Marker appearance="danger">{t('board.marker.nextStepOverdue')}</Marker>
            </span>
          ) : null}
        </div>
      ) : null}
      <div className="relay-deal-card__bottom">
        <Avatar person={owner} name={ownerName} label={t('board.card.owner', { owner: ownerName })} />
        <span className="relay-muted" data-testid="card-days">
          {t('board.card.daysInStage', { days: markers.daysInStage })}
        </span>
        {saving ? <span className="relay-muted">{t('board.card.saving')}</span> : null}
        {canEdit ? (
          <button type="button" className="relay-link-button" onClick={() => onMoveMenu(deal.id)} aria-label={t('board.card.moveMenuLabel', { name: deal.name })} data-testid={`move-menu-${deal.id}`}>
            {t('board.card.moveMenu')}
          </button>
        ) : null}
      </div>
    </div>
  );
});

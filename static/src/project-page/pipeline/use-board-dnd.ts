import { useEffect, useState } from 'react';
import type { RefObject } from 'react';
import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { autoScrollForElements } from '@atlaskit/pragmatic-drag-and-drop-auto-scroll/element';
import { extractClosestEdge } from '@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge';
import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import type { Stage } from '../../../../src/domain/pipeline';
import type { CardPlace, Column } from './board-model';
import { placeBeside } from './board-model';
import { CARD_DRAG } from './DealCard';

/** Where a drag started, relative to the board: the Won/Lost zones open beside it. */
export interface DragStart {
  dealId: string;
  /** The dragged card's top, in pixels from the top of the board's scroll area. */
  top: number;
}

/**
 * Drag and drop for the whole board: one monitor reads where a card was dropped (beside a card, at
 * the end of a column, or on the Won/Lost zones) and asks for that move; the board scrolls
 * sideways near its edges while dragging. Answers the drag in progress, so the closed zones can
 * come to the card instead of waiting off-screen at the end of a wide board.
 */
export function useBoardDnd(options: {
  canEdit: boolean;
  scrollRef: RefObject<HTMLDivElement | null>;
  columnsRef: RefObject<Column[]>;
  stageOf: (stageId: string) => Stage | undefined;
  requestMove: (dealId: string, target: Stage, place: CardPlace) => void;
  ready: boolean;
}): DragStart | null {
  const { canEdit, scrollRef, columnsRef, stageOf, requestMove, ready } = options;
  const [drag, setDrag] = useState<DragStart | null>(null);
  useEffect(() => {
    if (!canEdit) return undefined;
    const cleanups = [
      monitorForElements({
        canMonitor: ({ source }) => source.data.type === CARD_DRAG,
        onDragStart: ({ source }) => {
          const dealId = source.data.dealId;
          const board = scrollRef.current;
          if (typeof dealId !== 'string' || !board) return;
          setDrag({ dealId, top: Math.max(0, source.element.getBoundingClientRect().top - board.getBoundingClientRect().top) });
        },
        onDrop: ({ source, location }) => {
          setDrag(null);
          const drop = location.current.dropTargets[0];
          const dealId = source.data.dealId;
          if (!drop || typeof dealId !== 'string') return;
          const stageId = drop.data.stageId;
          if (typeof stageId !== 'string') return;
          const target = stageOf(stageId);
          if (!target) return;
          const columns = columnsRef.current ?? [];
          if (drop.data.type === 'card') {
            const ref = typeof drop.data.dealId === 'string' ? drop.data.dealId : null;
            const edge = extractClosestEdge(drop.data);
            requestMove(dealId, target, placeBeside(columns, dealId, stageId, ref, edge === 'bottom' ? 'bottom' : 'top'));
          } else if (drop.data.type === 'column') {
            requestMove(dealId, target, placeBeside(columns, dealId, stageId, null, null));
          } else if (drop.data.type === 'closed') {
            requestMove(dealId, target, { stageId, index: 0 });
          }
        },
      }),
    ];
    if (scrollRef.current) cleanups.push(autoScrollForElements({ element: scrollRef.current }));
    return combine(...cleanups);
  }, [canEdit, requestMove, stageOf, ready, scrollRef, columnsRef]);
  return drag;
}

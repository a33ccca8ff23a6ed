import { lazy, Suspense } from 'react';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { ProjectContext } from '../../../../src/contracts/project';
import { useProductPath } from '../../lib/history';
import { boardDealIdFromPath, boardDealPath, recordPath } from '../records/record-paths';

/** The deal drawer (details, timeline, hand-off) loads when a card is first opened. */
const DealDetails = lazy(() => import('../deals/DealDetails').then((m) => ({ default: m.DealDetails })));

/**
 * Which deal's drawer is open over the board, kept in Jira's URL (`/pipeline/deals/<id>` with the
 * board's filters), so opening a card leaves the board where it was behind the drawer and closing
 * it comes back to the same board, as Jira's own boards do.
 */
export function useBoardDrawer(search: string | undefined): { dealId: string | undefined; open: (dealId: string) => void; close: () => void } {
  const { pathname, push } = useProductPath();
  return {
    dealId: boardDealIdFromPath(pathname),
    open: (dealId) => push(boardDealPath(dealId, search ?? '')),
    close: () => push(`/pipeline${search ?? ''}`),
  };
}

/** The open deal's drawer over the board; saves there update the card behind it. */
export function BoardDealDrawer({ project, dealId, onClose, onChanged }: { project: ProjectContext; dealId: string; onClose: () => void; onChanged: (deal: DealRecord) => void }) {
  const { push } = useProductPath();
  return (
    <Suspense fallback={null}>
      <DealDetails key={dealId} dealId={dealId} project={project} onClose={onClose} onChanged={onChanged} openOther={(route, id) => push(recordPath(route, id))} />
    </Suspense>
  );
}

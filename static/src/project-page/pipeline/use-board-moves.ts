import { useCallback, useState } from 'react';
import type { RefObject } from 'react';
import { showFlag } from '@forge/bridge';
import { announce } from '@atlaskit/pragmatic-drag-and-drop-live-region';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { CriteriaField, Stage } from '../../../../src/domain/pipeline';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/components';
import { t } from '../../lib/i18n';
import { missingFieldsOf } from './board-criteria';
import type { CardPlace, Column } from './board-model';
import { confirmCard, findCard, NOTHING_SAVING, planMove, rollback } from './board-model';

/** The dialogs a move can open: the Move… menu, the lost reason, and the missing exit-criteria fields. */
export type Dialog =
  | { kind: 'move'; dealId: string }
  | { kind: 'lost'; deal: DealRecord; place: CardPlace; target: Stage }
  | { kind: 'criteria'; deal: DealRecord; target: Stage; place: CardPlace; missing: CriteriaField[] };

/**
 * The board's moves: optimistic (the board changes at once, one `deals/move` follows), with the
 * cards being saved, the dialog a move opened, and the read-only refusal for users who cannot move.
 */
export function useBoardMoves(options: { canEdit: boolean; projectKey: string; columnsRef: RefObject<Column[]>; setColumns: (next: Column[]) => void; reload: () => Promise<void> }) {
  const { canEdit, projectKey, columnsRef, setColumns, reload } = options;
  const [saving, setSaving] = useState<ReadonlySet<string>>(NOTHING_SAVING);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [refusal, setRefusal] = useState(false);

  const refuse = useCallback(() => {
    setRefusal(true);
    showFlag({ id: 'relay-board-readonly', type: 'warning', title: t('board.readOnly.title'), description: t('board.readOnly', { project: projectKey }), isAutoDismiss: true });
    announce(t('board.readOnly', { project: projectKey }));
  }, [projectKey]);

  const markSaving = (dealId: string, on: boolean) =>
    setSaving((current) => {
      const next = new Set(current);
      if (on) next.add(dealId);
      else next.delete(dealId);
      return next;
    });

  /**
   * One move, optimistic: the board changes at once, one `deals/move` follows; an error puts the
   * card back and says why, a refusal for missing fields opens the form for them, a conflict
   * reloads the board (someone else moved or edited the deal).
   */
  const move = useCallback(
    async (dealId: string, target: Stage, place: CardPlace, lostReason?: string) => {
      if (!canEdit) {
        refuse();
        return;
      }
      const plan = planMove((columnsRef.current ?? []), dealId, target, place, Date.now());
      if (!plan) return;
      setColumns(plan.columns);
      const name = plan.from.deal.name;
      const targetColumn = plan.columns.find((c) => c.stage.id === target.id);
      if (targetColumn) {
        const position = targetColumn.deals.findIndex((d) => d.id === dealId) + 1;
        announce(t('board.announce.moved', { name, stage: target.name, position, count: targetColumn.deals.length }));
      } else {
        announce(t('board.announce.closed', { name, stage: target.name }));
      }
      markSaving(dealId, true);
      try {
        const record = await api.deals.move({ dealId, version: plan.from.deal.version, toStageId: target.id, afterDealId: plan.afterDealId, beforeDealId: plan.beforeDealId, ...(lostReason ? { lostReason } : {}) });
        if (target.outcome === 'open') setColumns(confirmCard((columnsRef.current ?? []), record));
        else showFlag({ id: `relay-closed-${dealId}`, type: 'success', title: target.outcome === 'won' ? t('board.move.closedWon', { name }) : t('board.move.closedLost', { name }), isAutoDismiss: true });
      } catch (error) {
        setColumns(rollback((columnsRef.current ?? []), plan));
        const message = errorMessage(error);
        announce(t('board.announce.rolledBack', { name, message }));
        if (error instanceof ApiError && error.code === 'VALIDATION' && error.details.reason === 'STAGE_EXIT_CRITERIA') {
          const missing = missingFieldsOf(error.details);
          if (missing.length > 0) {
            setDialog({ kind: 'criteria', deal: plan.from.deal, target, place, missing });
            return;
          }
        }
        if (error instanceof ApiError && error.code === 'CONFLICT') {
          showFlag({ id: `relay-move-${dealId}`, type: 'warning', title: t('board.move.conflict'), description: message, isAutoDismiss: true });
          void reload();
          return;
        }
        showFlag({ id: `relay-move-${dealId}`, type: 'error', title: t('board.move.failed'), description: message, isAutoDismiss: false });
      } finally {
        markSaving(dealId, false);
      }
    },
    [canEdit, refuse, reload, setColumns],
  );

  /** Closing a deal as lost asks for the reason first; everything else moves at once. */
  const requestMove = useCallback(
    (dealId: string, target: Stage, place: CardPlace) => {
      if (!canEdit) {
        refuse();
        return;
      }
      if (target.outcome === 'lost') {
        const at = findCard((columnsRef.current ?? []), dealId);
        if (at) setDialog({ kind: 'lost', deal: at.deal, place, target });
        return;
      }
      void move(dealId, target, place);
    },
    [canEdit, move, refuse],
  );

  return { saving, dialog, setDialog, refusal, refuse, move, requestMove };
}

import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { showFlag } from '@forge/bridge';
import { monitorForElements } from '@atlaskit/pragmatic-drag-and-drop/element/adapter';
import { autoScrollForElements } from '@atlaskit/pragmatic-drag-and-drop-auto-scroll/element';
import { extractClosestEdge } from '@atlaskit/pragmatic-drag-and-drop-hitbox/closest-edge';
import { announce } from '@atlaskit/pragmatic-drag-and-drop-live-region';
import { combine } from '@atlaskit/pragmatic-drag-and-drop/combine';
import EmptyState from '@atlaskit/empty-state';
import Button from '@atlaskit/button/new';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { ProjectContext } from '../../../../src/contracts/project';
import type { CriteriaField, Stage } from '../../../../src/domain/pipeline';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { ErrorBanner, errorMessage } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { useProductPath } from '../../lib/history';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { missingFieldsOf } from './board-criteria';
import type { BoardFilters } from './board-filters';
import { isFiltered, matchesFilters, parseFilters, serializeFilters } from './board-filters';
import type { CardPlace, Column, KeyboardMove } from './board-model';
import { columnScope, columnsOf, confirmCard, figuresOf, findCard, keyboardPlaceVisible, NOTHING_SAVING, placeBeside, planMove, rollback } from './board-model';
import { BoardColumn, BoardSkeleton, BoardUnconverted, ClosedZone, useSiteTerms } from './BoardColumn';
import { CARD_DRAG } from './DealCard';
import { FilterBar } from './FilterBar';
import { LostDialog, MoveDialog } from './MoveDialogs';
import { useBoardQuery } from './use-board-query';
import { useCompanyNames } from './use-company-names';
import './board.css';

/** Only opened when a move is refused for missing fields, so its form inputs (Select) load on demand. */
const CriteriaDialog = lazy(() => import('./CriteriaDialog'));

type Dialog =
  | { kind: 'move'; dealId: string }
  | { kind: 'lost'; deal: DealRecord; place: CardPlace; target: Stage }
  | { kind: 'criteria'; deal: DealRecord; target: Stage; place: CardPlace; missing: CriteriaField[] };

/** User Timing mark names of the board's load (read by bench/board.ts). */
const BOARD_MARKS = { data: 'relay:board-data', rendered: 'relay:board-rendered', painted: 'relay:board-painted' } as const;

function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

type Load = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ok'; now: number; more: boolean; companyIds: string[] };

/** The pipeline subpage: the board of the project's open deals. */
export default function PipelinePage() {
  const project = useProject();
  if (project.status === 'loading') return <BoardSkeleton />;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  if (!project.data.pipeline) return <p className="relay-muted">{t('board.notEnabled')}</p>;
  return <Board project={project.data} stages={project.data.pipeline.stages} />;
}

function Board({ project, stages }: { project: ProjectContext; stages: Stage[] }) {
  const context = useForgeContext();
  const locale = context.locale;
  const { push } = useProductPath();
  const { search, setSearch } = useBoardQuery();
  const filters = useMemo(() => parseFilters(search ?? ''), [search]);
  const filtered = isFiltered(filters);
  const canEdit = project.canEdit;
  const projectKey = project.projectKey;
  const { calendar, rates, definitions } = useSiteTerms(project.site);

  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [columns, setColumnsState] = useState<Column[]>([]);
  const columnsRef = useRef<Column[]>([]);
  const setColumns = useCallback((next: Column[]) => {
    columnsRef.current = next;
    setColumnsState(next);
  }, []);
  const [saving, setSaving] = useState<ReadonlySet<string>>(NOTHING_SAVING);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [focusDealId, setFocusDealId] = useState<string | null>(null);
  const [refusal, setRefusal] = useState(false);

  const reload = useCallback(async () => {
    setLoad({ status: 'loading' });
    try {
      const board = await api.deals.board({ projectKey });
      mark(BOARD_MARKS.data);
      const next = columnsOf(stages, board);
      setColumns(next);
      const companyIds = next.flatMap((c) => c.deals.map((d) => d.companyId)).filter((id): id is string => id !== null);
      setLoad({ status: 'ok', now: Date.now(), more: board.nextCursor !== null, companyIds });
    } catch (error) {
      setLoad({ status: 'error', error });
    }
  }, [projectKey, stages, setColumns]);
  useEffect(() => {
    void reload();
  }, [reload]);
  // The board's load phases as User Timing marks (DevTools' performance panel, bench/board.ts):
  // cards in the DOM (before the browser paints them), then the first task after that frame.
  useLayoutEffect(() => {
    if (load.status !== 'ok') return undefined;
    mark(BOARD_MARKS.rendered);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => mark(BOARD_MARKS.painted), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [load.status]);

  const companyIds = load.status === 'ok' ? load.companyIds : [];
  const companies = useCompanyNames(companyIds);

  const stageOf = useCallback((stageId: string) => stages.find((s) => s.id === stageId), [stages]);

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
      const plan = planMove(columnsRef.current, dealId, target, place, Date.now());
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
        if (target.outcome === 'open') setColumns(confirmCard(columnsRef.current, record));
        else showFlag({ id: `relay-closed-${dealId}`, type: 'success', title: target.outcome === 'won' ? t('board.move.closedWon', { name }) : t('board.move.closedLost', { name }), isAutoDismiss: true });
      } catch (error) {
        setColumns(rollback(columnsRef.current, plan));
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
        const at = findCard(columnsRef.current, dealId);
        if (at) setDialog({ kind: 'lost', deal: at.deal, place, target });
        return;
      }
      void move(dealId, target, place);
    },
    [canEdit, move, refuse],
  );

  const visible = useMemo(() => {
    if (load.status !== 'ok') return columns;
    return filtered ? columns.map((c) => ({ ...c, deals: c.deals.filter((d) => matchesFilters(d, filters, load.now, calendar)) })) : columns;
  }, [columns, filters, filtered, load, calendar]);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;

  const onKeyboardMove = useCallback(
    (dealId: string, direction: KeyboardMove) => {
      if (!canEdit) {
        refuse();
        return;
      }
      const place = keyboardPlaceVisible(columnsRef.current, visibleRef.current, dealId, direction);
      const target = place ? stageOf(place.stageId) : undefined;
      if (!place || !target) return;
      setFocusDealId(dealId);
      requestMove(dealId, target, place);
    },
    [canEdit, refuse, requestMove, stageOf],
  );

  // Drag and drop: one monitor for the whole board reads where a card was dropped.
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!canEdit) return undefined;
    const cleanups = [
      monitorForElements({
        canMonitor: ({ source }) => source.data.type === CARD_DRAG,
        onDrop: ({ source, location }) => {
          const drop = location.current.dropTargets[0];
          const dealId = source.data.dealId;
          if (!drop || typeof dealId !== 'string') return;
          const stageId = drop.data.stageId;
          if (typeof stageId !== 'string') return;
          const target = stageOf(stageId);
          if (!target) return;
          if (drop.data.type === 'card') {
            const ref = typeof drop.data.dealId === 'string' ? drop.data.dealId : null;
            const edge = extractClosestEdge(drop.data);
            requestMove(dealId, target, placeBeside(columnsRef.current, dealId, stageId, ref, edge === 'bottom' ? 'bottom' : 'top'));
          } else if (drop.data.type === 'column') {
            requestMove(dealId, target, placeBeside(columnsRef.current, dealId, stageId, null, null));
          } else if (drop.data.type === 'closed') {
            requestMove(dealId, target, { stageId, index: 0 });
          }
        },
      }),
    ];
    if (scrollRef.current) cleanups.push(autoScrollForElements({ element: scrollRef.current }));
    return combine(...cleanups);
  }, [canEdit, requestMove, stageOf, load.status]);

  const owners = useMemo(() => [...new Set(columns.flatMap((c) => c.deals.map((d) => d.ownerId)))].sort(), [columns]);
  const sources = useMemo(() => [...new Set(columns.flatMap((c) => c.deals.map((d) => d.source ?? '')).filter(Boolean))].sort(), [columns]);
  const onFilters = useCallback((next: BoardFilters) => setSearch(serializeFilters(next)), [setSearch]);
  // `push` is a new function on every render of useProductPath; the cards must see one stable
  // callback, or every board render re-renders all thousand memoised cards.
  const pushRef = useRef(push);
  pushRef.current = push;
  const onOpen = useCallback((dealId: string) => pushRef.current(`/deals/${dealId}`), []);
  const onMoveMenu = useCallback((dealId: string) => setDialog({ kind: 'move', dealId }), []);
  const onFocused = useCallback(() => setFocusDealId(null), []);

  if (load.status === 'loading') return <BoardSkeleton />;
  if (load.status === 'error') return <ErrorBanner error={load.error} onRetry={() => void reload()} />;

  const loadedCount = columns.reduce((n, c) => n + c.deals.length, 0);
  const shownCount = visible.reduce((n, c) => n + c.deals.length, 0);
  const totalCount = columns.reduce((n, c) => n + c.count, 0);
  const won = stages.find((s) => s.outcome === 'won');
  const lost = stages.find((s) => s.outcome === 'lost');
  const moveDialogCard = dialog?.kind === 'move' ? findCard(columnsRef.current, dialog.dealId) : null;

  return (
    <div className="relay-board-page" data-testid="pipeline-board" data-ready="true">
      {refusal ? (
        <div className="relay-banner relay-banner--warning" role="alert" data-testid="board-readonly-message">
          <strong>{t('board.readOnly.title')}</strong>
          <p>{t('board.readOnly', { project: projectKey })}</p>
        </div>
      ) : null}
      {totalCount === 0 && !filtered ? (
        <div data-testid="board-empty">
          <EmptyState
            header={t('board.empty.title')}
            description={t('board.empty.body')}
            primaryAction={
              <Button appearance="primary" onClick={() => push('/deals')}>
                {t('board.empty.action')}
              </Button>
            }
          />
        </div>
      ) : null}
      <FilterBar filters={filters} owners={owners} sources={sources} me={context.accountId} onChange={onFilters} now={load.now} calendar={calendar} locale={locale} />
      {filtered ? (
        <p className="relay-muted" data-testid="board-filter-note">
          {t('board.filters.active', { shown: shownCount, loaded: loadedCount })}
        </p>
      ) : null}
      {load.more ? <p className="relay-muted">{t('board.more', { shown: loadedCount, total: totalCount })}</p> : null}
      {canEdit ? <p className="relay-muted relay-board-help">{t('board.keyboardHelp')}</p> : null}
      <BoardUnconverted columns={visible} filtered={filtered} rates={rates} locale={locale} />
      <div className="relay-board" ref={scrollRef} aria-label={t('board.label')} role="region">
        {visible.map((column) => {
          const full = columns.find((c) => c.stage.id === column.stage.id);
          // A move re-renders the columns it touches, not every column.
          const scope = columnScope(column.deals, saving, focusDealId);
          return (
            <BoardColumn
              key={column.stage.id}
              stage={column.stage}
              deals={column.deals}
              figures={filtered ? figuresOf(column.deals, column.stage) : column}
              totalCount={full?.count ?? column.count}
              filtered={filtered}
              companyNames={companies.names}
              companiesDone={companies.done}
              rates={rates}
              definitions={definitions}
              now={load.now}
              locale={locale}
              canEdit={canEdit}
              savingIds={scope.saving}
              focusDealId={scope.focusDealId}
              onFocused={onFocused}
              onOpen={onOpen}
              onMoveMenu={onMoveMenu}
              onKeyboardMove={onKeyboardMove}
            />
          );
        })}
        {canEdit && (won || lost) ? (
          <div className="relay-closed" aria-label={t('board.closed.label')} role="group">
            {won ? <ClosedZone stage={won} kind="won" canEdit={canEdit} /> : null}
            {lost ? <ClosedZone stage={lost} kind="lost" canEdit={canEdit} /> : null}
          </div>
        ) : null}
      </div>
      {dialog?.kind === 'move' && moveDialogCard ? (
        <MoveDialog
          deal={moveDialogCard.deal}
          stages={stages}
          canMoveUp={keyboardPlaceVisible(columns, visible, dialog.dealId, 'up') !== null}
          canMoveDown={keyboardPlaceVisible(columns, visible, dialog.dealId, 'down') !== null}
          onStage={(stage) => {
            setDialog(null);
            setFocusDealId(dialog.dealId);
            requestMove(dialog.dealId, stage, placeBeside(columnsRef.current, dialog.dealId, stage.id, null, null));
          }}
          onUp={() => {
            setDialog(null);
            onKeyboardMove(dialog.dealId, 'up');
          }}
          onDown={() => {
            setDialog(null);
            onKeyboardMove(dialog.dealId, 'down');
          }}
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'lost' ? (
        <LostDialog
          deal={dialog.deal}
          onClose={() => setDialog(null)}
          onSubmit={(reason) => {
            setDialog(null);
            void move(dialog.deal.id, dialog.target, dialog.place, reason);
          }}
        />
      ) : null}
      {dialog?.kind === 'criteria' ? (
        <Suspense fallback={null}>
          <CriteriaDialog
            deal={dialog.deal}
            fromStage={stageOf(dialog.deal.stageId)}
            toStage={dialog.target}
            missing={dialog.missing}
            companies={companies.companies}
            onClose={() => setDialog(null)}
            onSaved={(updated) => {
              setDialog(null);
              setColumns(confirmCard(columnsRef.current, updated));
              void move(updated.id, dialog.target, dialog.place);
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}

import { lazy, Suspense, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import EmptyState from '@atlaskit/empty-state';
import Button from '@atlaskit/button/new';
import type { ProjectContext } from '../../../../src/contracts/project';
import type { Stage } from '../../../../src/domain/pipeline';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { useProductPath } from '../../lib/history';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { usePeople } from '../../lib/people';
import { AccessNote } from '../../lib/access-note';
import type { BoardFilters } from './board-filters';
import { isFiltered, matchesFilters, parseFilters, serializeFilters } from './board-filters';
import type { Column, KeyboardMove } from './board-model';
import { columnScope, columnsOf, confirmCard, figuresOf, findCard, keyboardPlaceVisible, placeBeside } from './board-model';
import { BoardColumn, BoardSkeleton, BoardUnconverted, ClosedZone, useSiteTerms } from './BoardColumn';
import { FilterBar } from './FilterBar';
import { LostDialog, MoveDialog } from './MoveDialogs';
import { BoardDealDrawer, useBoardDrawer } from './BoardDrawer';
import { useBoardDnd } from './use-board-dnd';
import { useBoardMoves } from './use-board-moves';
import { useBoardQuery } from './use-board-query';
import { useCompanyNames } from './use-company-names';
import './board.css';

/** Only opened when a move is refused for missing fields, so its form inputs (Select) load on demand. */
const CriteriaDialog = lazy(() => import('./CriteriaDialog'));

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
  const [focusDealId, setFocusDealId] = useState<string | null>(null);

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

  const { saving, dialog, setDialog, refusal, refuse, move, requestMove } = useBoardMoves({ canEdit, projectKey, columnsRef, setColumns, reload });

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

  const scrollRef = useRef<HTMLDivElement>(null);
  const drag = useBoardDnd({ canEdit, scrollRef, columnsRef, stageOf, requestMove, ready: load.status === 'ok' });

  const owners = useMemo(() => [...new Set(columns.flatMap((c) => c.deals.map((d) => d.ownerId)))].sort(), [columns]);
  const people = usePeople([...owners, context.accountId]);
  const sources = useMemo(() => [...new Set(columns.flatMap((c) => c.deals.map((d) => d.source ?? '')).filter(Boolean))].sort(), [columns]);
  const onFilters = useCallback((next: BoardFilters) => setSearch(serializeFilters(next)), [setSearch]);
  // The drawer's `open` is a new function on every render; the cards must see one stable callback,
  // or every board render re-renders all thousand memoised cards.
  const drawer = useBoardDrawer(search);
  const openRef = useRef(drawer.open);
  openRef.current = drawer.open;
  const onOpen = useCallback((dealId: string) => openRef.current(dealId), []);
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
      <FilterBar filters={filters} owners={owners} people={people} sources={sources} me={context.accountId} onChange={onFilters} now={load.now} calendar={calendar} locale={locale} />
      {filtered ? (
        <p className="relay-muted" data-testid="board-filter-note">
          {t('board.filters.active', { shown: shownCount, loaded: loadedCount })}
        </p>
      ) : null}
      {load.more ? <p className="relay-muted">{t('board.more', { shown: loadedCount, total: totalCount })}</p> : null}
      {canEdit ? <p className="relay-muted relay-board-help">{t('board.keyboardHelp')}</p> : <AccessNote need="edit-deals" projectKey={projectKey} projectName={project.projectName} />}
      <BoardUnconverted columns={visible} filtered={filtered} rates={rates} locale={locale} />
      <div className="relay-board" ref={scrollRef} aria-label={t('board.label')} role="region" tabIndex={-1}>
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
              people={people}
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
          // While a card is dragged the zones stick to the board's right edge beside the card, as Jira and
          // Pipedrive bring their drop targets into view, instead of waiting past the last column.
          <div className={`relay-closed${drag ? ' relay-closed--dragging' : ''}`} style={drag ? { marginTop: drag.top } : undefined} aria-label={t('board.closed.label')} role="group" data-testid="closed-zones">
            {won ? <ClosedZone stage={won} kind="won" canEdit={canEdit} /> : null}
            {lost ? <ClosedZone stage={lost} kind="lost" canEdit={canEdit} /> : null}
          </div>
        ) : null}
      </div>
      {drawer.dealId ? <BoardDealDrawer project={project} dealId={drawer.dealId} onClose={drawer.close} onChanged={(deal) => setColumns(confirmCard(columnsRef.current, deal))} /> : null}
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
            stages={stages}
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

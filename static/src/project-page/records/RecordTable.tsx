import Button from '@atlaskit/button/new';
import type { ReactNode } from 'react';
import { ErrorBanner } from '../../lib/components';
import { t } from '../../lib/i18n';
import { SkeletonRows } from './ui';
import type { ListState } from './use-cursor-list';

export interface Column<T> {
  key: string;
  header: string;
  /** Sortable columns are the ones the list call can order by (server-side); others are not offered. */
  sortable?: boolean;
  render: (row: T) => ReactNode;
}

export type SortState = { key: string; direction: 'asc' | 'desc' };

/** What the table reads of a cursor list (useCursorList): its rows, their state, and how to retry or read on. */
export type TableList<T> = ListState<T> & { reload: () => void; loadMore: () => void };

interface Props<T> {
  caption: string;
  columns: Array<Column<T>>;
  list: TableList<T>;
  sort?: SortState;
  onSort?: (sort: SortState) => void;
  empty: ReactNode;
  testId: string;
}

/**
 * A plain, accessible table (a real <table> with a caption and aria-sort on the sorted header)
 * instead of DynamicTable: the rows come a cursor page at a time and are sorted by the server, so
 * the table must not sort or page on its own, and cells hold inline editors.
 */
export function RecordTable<T extends { id: string }>({ caption, columns, list, sort, onSort, empty, testId }: Props<T>) {
  const { items: rows, status, error } = list;
  const hasMore = list.nextCursor !== null;
  const loading = status === 'loading';
  return (
    <div className="relay-table-wrap">
      {status === 'error' ? <ErrorBanner error={error} onRetry={list.reload} /> : null}
      <table className="relay-table" data-testid={testId} aria-busy={loading || status === 'more'}>
        <caption className="relay-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const sorted = sort?.key === column.key ? sort.direction : undefined;
              return (
                <th key={column.key} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                  {column.sortable && onSort ? (
                    <button
                      type="button"
                      className="relay-sort"
                      data-testid={`sort-${column.key}`}
                      onClick={() => onSort({ key: column.key, direction: sorted === 'asc' ? 'desc' : 'asc' })}
                    >
                      {column.header}
                      <span aria-hidden="true" className="relay-sort__arrow">
                        {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {loading ? <SkeletonRows columns={columns.length} /> : null}
          {!loading && status !== 'error' && rows.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="relay-table__empty" data-testid={`${testId}-empty`}>
                {empty}
              </td>
            </tr>
          ) : null}
          {!loading
            ? rows.map((row) => (
                <tr key={row.id} data-testid={`row-${row.id}`}>
                  {columns.map((column) => (
                    <td key={column.key} data-column={column.key}>
                      {column.render(row)}
                    </td>
                  ))}
                </tr>
              ))
            : null}
        </tbody>
      </table>
      {hasMore ? (
        <div className="relay-table__more">
          <Button onClick={list.loadMore} isLoading={status === 'more'} testId={`${testId}-more`}>
            {t('records.table.loadMore')}
          </Button>
        </div>
      ) : null}
      {!loading && rows.length > 0 ? (
        <p className="relay-muted" role="status">
          {hasMore ? t('records.table.countMore', { count: rows.length }) : t('records.table.count', { count: rows.length })}
        </p>
      ) : null}
    </div>
  );
}

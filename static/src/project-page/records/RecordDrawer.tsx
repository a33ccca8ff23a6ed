import Drawer, { DrawerCloseButton, DrawerContent, DrawerSidebar } from '@atlaskit/drawer';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { ErrorBanner } from '../../lib/components';
import { useProductPath } from '../../lib/history';
import type { MessageKey } from '../../lib/i18n';
import { hasMessage, t } from '../../lib/i18n';
import type { AsyncState } from '../../lib/use-async';
import { useRecord } from '../../lib/use-record';
import { recordFieldFromPath } from './record-paths';

/**
 * "Opens the record at the field" (the Data quality tab's fixes): when the path names a field
 * (`/deals/<id>/nextStep`), the drawer brings that field's row into view, marks it and puts the
 * focus on its editor, once the record has loaded.
 */
function useFieldFocus(): void {
  const { pathname } = useProductPath();
  const field = recordFieldFromPath(pathname);
  useEffect(() => {
    if (!field) return undefined;
    const key = `records.field.${field}`;
    const label = hasMessage(key) ? t(key as MessageKey) : field;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      const row = Array.from(document.querySelectorAll<HTMLElement>('.relay-drawer .relay-facts__row')).find((r) => r.querySelector('dt')?.textContent?.trim() === label);
      if (!row && tries < 40) return;
      clearInterval(timer);
      if (!row) return;
      row.classList.add('relay-facts__row--fix');
      row.scrollIntoView({ block: 'center' });
      row.querySelector<HTMLElement>('dd button, dd input, dd textarea')?.focus();
    }, 100);
    return () => clearInterval(timer);
  }, [field]);
}

/**
 * The record drawer: opened from a table row or a link (its id is in the subpage path, e.g.
 * /deals/<id>, so it survives reloads and can be shared), closed with Escape, the close button or a
 * click outside; focus returns to where it was.
 */
export function RecordDrawer({ label, onClose, children, testId }: { label: string; onClose: () => void; children: ReactNode; testId: string }) {
  useFieldFocus();
  return (
    <Drawer isOpen onClose={onClose} label={label} width="wide" enterFrom="right" testId={testId}>
      <DrawerSidebar>
        <DrawerCloseButton label={t('records.drawer.close')} testId={`${testId}-close`} />
      </DrawerSidebar>
      <DrawerContent>
        <div className="relay-drawer">{children}</div>
      </DrawerContent>
    </Drawer>
  );
}

/**
 * The record a drawer shows (useRecord: loaded, then replaced by what a save returns), or null until
 * the record with `id` has loaded: a drawer opened on another record never shows the one before.
 */
export function useDrawerRecord<T extends { id: string }>(id: string, load: () => Promise<T>) {
  const { loaded, record, setRecord } = useRecord(load);
  return { loaded, record: record?.id === id ? record : null, setRecord };
}

/**
 * The drawer of one record as it loads (useRecord): the load's failure with a retry, "Loading…" until
 * the record arrives, then its name as the title (`title` adds to it) and `children` with the record.
 */
export function LoadedRecordDrawer<T extends { name: string }>({
  loaded,
  record,
  label,
  onClose,
  testId,
  title = (r) => r.name,
  children,
}: {
  loaded: AsyncState<unknown> & { reload: () => void };
  record: T | null;
  /** The drawer's label until the record's name is known. */
  label: string;
  onClose: () => void;
  testId: string;
  title?: (record: T) => ReactNode;
  children: (record: T) => ReactNode;
}) {
  return (
    <RecordDrawer label={record?.name ?? label} onClose={onClose} testId={testId}>
      {loaded.status === 'error' ? <ErrorBanner error={loaded.error} onRetry={loaded.reload} /> : null}
      {!record && loaded.status !== 'error' ? <p className="relay-muted">{t('common.loading')}</p> : null}
      {record ? (
        <>
          <h2 className="relay-drawer__title" data-testid="drawer-title">
            {title(record)}
          </h2>
          {children(record)}
        </>
      ) : null}
    </RecordDrawer>
  );
}

/** A label/value list for a record's details; values may be inline editors. */
export function Facts({ items }: { items: Array<{ label: string; value: ReactNode; testId?: string }> }) {
  return (
    <dl className="relay-facts">
      {items.map((item) => (
        <div key={item.label} className="relay-facts__row" data-testid={item.testId}>
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}

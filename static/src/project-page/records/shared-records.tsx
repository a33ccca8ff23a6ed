import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import type { ComponentProps } from 'react';
import { useState } from 'react';
import { AccessNote } from '../../lib/access-note';
import { ChoiceSelect } from '../../lib/controls';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { ExportButton } from '../import-export/ExportButton';
import { useDebounced } from './use-debounced';

/**
 * What the Companies and Contacts pages share: both list site-wide records that Edit CRM records in
 * any one project lets a user change, both search by the start of the name or of one other indexed
 * field (domain, email), and a search ignores their filters.
 */

export type RecordStatus = 'active' | 'archived';
type ExportRequest = ComponentProps<typeof ExportButton>['request'];

/** The project the page opened in, and whether the user may edit companies and contacts. */
export function useSharedAccess() {
  const project = useProject();
  // Companies and contacts are shared by every project: Edit CRM records in any one of them is enough.
  return { project, canEdit: project.status === 'ok' && project.data.canEditShared };
}

/** The page's title, its export and its Create button; below them, why a user who cannot edit cannot. */
export function SharedRecordsHeader({ kind, title, canEdit, onCreate, exportRequest }: { kind: 'company' | 'contact'; title: string; canEdit: boolean; onCreate: () => void; exportRequest: (projectKey: string) => ExportRequest }) {
  const { project } = useSharedAccess();
  const table = kind === 'company' ? 'companies' : 'contacts';
  return (
    <>
      <div className="relay-toolbar">
        <h2 className="relay-toolbar__title">{title}</h2>
        {project.status === 'ok' ? <ExportButton request={exportRequest(project.data.projectKey)} fileName={`${table}.csv`} testId={`${table}-export`} /> : null}
        {canEdit ? (
          <Button appearance="primary" onClick={onCreate} testId={`create-${kind}-open`}>
            {t(`records.${kind}.create`)}
          </Button>
        ) : null}
      </div>
      {project.status === 'ok' && !canEdit ? <AccessNote need="edit-shared" projectKey={project.data.projectKey} projectName={project.data.projectName} /> : null}
    </>
  );
}

/** The search text as typed, the field it searches, and the text the list asks for (trimmed, debounced). */
export function useRecordSearch<F extends 'domain' | 'email'>() {
  const [text, setText] = useState('');
  const [field, setField] = useState<'name' | F>('name');
  const search = useDebounced(text.trim(), 300);
  return { text, setText, field, setField, search };
}

/** The search box and its "Search by" select (the name, or `other`). */
export function RecordSearch<F extends 'domain' | 'email'>({ state, other, placeholder, testId }: { state: ReturnType<typeof useRecordSearch<F>>; other: F; placeholder: string; testId: string }) {
  return (
    <div className="relay-filters__search">
      <Textfield aria-label={t('records.search.label')} placeholder={placeholder} value={state.text} onChange={(e) => state.setText(e.currentTarget.value)} testId={testId} isCompact />
      <ChoiceSelect inputId="search-by" label={t('records.search.by')} value={state.field} onChange={(v) => state.setField(v === other ? other : 'name')} options={[{ value: 'name', label: t('records.field.name') }, { value: other, label: t(`records.field.${other}`) }]} width={120} />
    </div>
  );
}

/** Active or archived records. */
export function StatusFilter({ value, onChange }: { value: RecordStatus; onChange: (status: RecordStatus) => void }) {
  return <ChoiceSelect inputId="filter-status" label={t('records.filters.status')} value={value} onChange={(v) => onChange(v === 'archived' ? 'archived' : 'active')} options={[{ value: 'active', label: t('records.filters.active') }, { value: 'archived', label: t('records.filters.archived') }]} width={120} />;
}

/** Under the filters while a search runs: the search does not apply them. */
export function SearchNote({ search }: { search: string }) {
  return search ? <p className="relay-muted">{t('records.search.ignoresFilters')}</p> : null;
}

/** What the empty table says: that nothing matches the search, or the kind's own empty text. */
export function emptyText(kind: 'company' | 'contact', search: string, canEdit: boolean): string {
  if (search) return t('records.search.noMatch', { text: search });
  return canEdit ? t(`records.${kind}.emptyCanEdit`) : t(`records.${kind}.empty`);
}

import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { showFlag } from '@forge/bridge';
import { useCallback, useState } from 'react';
import type { ContactRecord } from '../../../../src/contracts/contact';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { AccessNote } from '../../lib/access-note';
import { CompanyPicker } from '../records/CompanyPicker';
import { lifecycleStageText } from '../records/format';
import { useCompanyNames } from '../records/lookups';
import { CompanyLink } from '../records/CompanyLink';
import { PersonLabel, usePeople } from '../../lib/people';
import type { Column } from '../records/RecordTable';
import { RecordTable } from '../records/RecordTable';
import { useRecordRoute } from '../records/route';
import { ChoiceSelect } from '../../lib/controls';
import { useCursorList } from '../records/use-cursor-list';
import { useDebounced } from '../records/use-debounced';
import '../records/records.css';
import { ExportButton } from '../import-export/ExportButton';
import { ContactDetails } from './ContactDetails';
import { CreateContactForm } from './CreateContactForm';

/**
 * Contacts A–Z, or one company's contacts, or found by the start of their name or email. Searching
 * ignores the company filter (the search index is by name or email only), and the page says so.
 */
export default function ContactsPage() {
  const project = useProject();
  // Companies and contacts are shared by every project: Edit CRM records in any one of them is enough.
  const canEdit = project.status === 'ok' && project.data.canEditShared;
  const route = useRecordRoute('contacts');
  const [companyId, setCompanyId] = useState('');
  const [status, setStatus] = useState<'active' | 'archived'>('active');
  const [searchText, setSearchText] = useState('');
  const [searchField, setSearchField] = useState<'name' | 'email'>('name');
  const [creating, setCreating] = useState(false);
  const search = useDebounced(searchText.trim(), 300);

  const fetchPage = useCallback(
    (cursor: string | undefined) => {
      const paging = { limit: 50, ...(cursor ? { cursor } : {}) };
      return search ? api.contacts.search({ text: search, field: searchField, status, ...paging }) : api.contacts.list({ status, ...(companyId ? { companyId } : {}), ...paging });
    },
    [search, searchField, status, companyId],
  );
  const list = useCursorList<ContactRecord>(fetchPage, JSON.stringify([search, searchField, status, companyId]));
  const companyName = useCompanyNames(list.items.map((c) => c.companyId));
  const people = usePeople(list.items.map((c) => c.ownerId), { pending: list.status === 'loading' });

  const columns: Array<Column<ContactRecord>> = [
    {
      key: 'name',
      header: t('records.field.name'),
      render: (c) => (
        <button type="button" className="relay-link" onClick={() => route.open(c.id)} data-testid={`open-contact-${c.id}`}>
          {c.name}
        </button>
      ),
    },
    { key: 'email', header: t('records.field.email'), render: (c) => c.email ?? t('common.notSet') },
    { key: 'title', header: t('records.field.title'), render: (c) => c.title ?? t('common.notSet') },
    {
      key: 'company',
      header: t('records.field.companyId'),
      render: (c) => <CompanyLink companyId={c.companyId} name={companyName} open={(id) => route.openOther('companies', id)} />,
    },
    { key: 'stage', header: t('records.field.lifecycleStage'), render: (c) => lifecycleStageText(c.lifecycleStage) },
    { key: 'owner', header: t('records.field.ownerId'), render: (c) => <PersonLabel accountId={c.ownerId} people={people} /> },
  ];

  return (
    <div className="relay-records" data-testid="contacts-page">
      <div className="relay-toolbar">
        <h2 className="relay-toolbar__title">{t('route.contacts')}</h2>
        {project.status === 'ok' ? <ExportButton request={{ table: 'contacts', projectKey: project.data.projectKey, filters: { status, ...(companyId ? { companyId } : {}) }, columns: columns.map((c) => c.key) }} fileName="contacts.csv" testId="contacts-export" /> : null}
        {canEdit ? (
          <Button appearance="primary" onClick={() => setCreating(true)} testId="create-contact-open">
            {t('records.contact.create')}
          </Button>
        ) : null}
      </div>
      {project.status === 'ok' && !canEdit ? <AccessNote need="edit-shared" projectKey={project.data.projectKey} projectName={project.data.projectName} /> : null}
      <div className="relay-filters" role="search" aria-label={t('records.filters.label')}>
        <div className="relay-filters__search">
          <Textfield aria-label={t('records.search.label')} placeholder={t('records.contact.searchPlaceholder')} value={searchText} onChange={(e) => setSearchText(e.currentTarget.value)} testId="contact-search" isCompact />
          <ChoiceSelect inputId="search-by" label={t('records.search.by')} value={searchField} onChange={(v) => setSearchField(v === 'email' ? 'email' : 'name')} options={[{ value: 'name', label: t('records.field.name') }, { value: 'email', label: t('records.field.email') }]} width={120} />
        </div>
        <div className="relay-filters__company" aria-label={t('records.filters.company')} role="group">
          <span className="relay-filters__label">{t('records.filters.company')}</span>
          <CompanyPicker value={companyId} onChange={setCompanyId} />
        </div>
        <ChoiceSelect inputId="filter-status" label={t('records.filters.status')} value={status} onChange={(v) => setStatus(v === 'archived' ? 'archived' : 'active')} options={[{ value: 'active', label: t('records.filters.active') }, { value: 'archived', label: t('records.filters.archived') }]} width={120} />
      </div>
      {search ? <p className="relay-muted">{t('records.search.ignoresFilters')}</p> : null}
      <RecordTable
        caption={t('records.contact.caption')}
        columns={columns}
        list={list}
        empty={search ? t('records.search.noMatch', { text: search }) : canEdit ? t('records.contact.emptyCanEdit') : t('records.contact.empty')}
        testId="contacts-table"
      />
      {creating ? (
        <CreateContactForm
          {...(companyId ? { companyId } : {})}
          onClose={() => setCreating(false)}
          onCreated={(contact) => {
            setCreating(false);
            list.upsert(contact);
            void showFlag({ id: `contact-${contact.id}`, title: t('records.contact.created', { name: contact.name }), type: 'success', isAutoDismiss: true });
          }}
          onOpenExisting={(id) => {
            setCreating(false);
            route.open(id);
          }}
        />
      ) : null}
      {route.recordId ? <ContactDetails key={route.recordId} contactId={route.recordId} canEdit={canEdit} onClose={route.close} onChanged={list.upsert} openOther={route.openOther} /> : null}
    </div>
  );
}

import { showFlag } from '@forge/bridge';
import { useCallback, useState } from 'react';
import type { ContactRecord } from '../../../../src/contracts/contact';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { CompanyPicker } from '../records/CompanyPicker';
import { lifecycleStageText } from '../records/format';
import { useCompanyNames } from '../records/lookups';
import { CompanyLink } from '../records/CompanyLink';
import { PersonLabel, usePeople } from '../../lib/people';
import type { Column } from '../records/RecordTable';
import { RecordTable } from '../records/RecordTable';
import { useRecordRoute } from '../records/route';
import { useCursorList } from '../records/use-cursor-list';
import type { RecordStatus } from '../records/shared-records';
import { emptyText, RecordSearch, SearchNote, SharedRecordsHeader, StatusFilter, useRecordSearch, useSharedAccess } from '../records/shared-records';
import '../records/records.css';
import { ContactDetails } from './ContactDetails';
import { CreateContactForm } from './CreateContactForm';

/**
 * Contacts A–Z, or one company's contacts, or found by the start of their name or email. Searching
 * ignores the company filter (the search index is by name or email only), and the page says so.
 */
export default function ContactsPage() {
  const { canEdit } = useSharedAccess();
  const route = useRecordRoute('contacts');
  const [companyId, setCompanyId] = useState('');
  const [status, setStatus] = useState<RecordStatus>('active');
  const searching = useRecordSearch<'email'>();
  const { search, field: searchField } = searching;
  const [creating, setCreating] = useState(false);

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
      <SharedRecordsHeader kind="contact" title={t('route.contacts')} canEdit={canEdit} onCreate={() => setCreating(true)} exportRequest={(projectKey) => ({ table: 'contacts', projectKey, filters: { status, ...(companyId ? { companyId } : {}) }, columns: columns.map((c) => c.key) })} />
      <div className="relay-filters" role="search" aria-label={t('records.filters.label')}>
        <RecordSearch state={searching} other="email" placeholder={t('records.contact.searchPlaceholder')} testId="contact-search" />
        <div className="relay-filters__company" aria-label={t('records.filters.company')} role="group">
          <span className="relay-filters__label">{t('records.filters.company')}</span>
          <CompanyPicker value={companyId} onChange={setCompanyId} />
        </div>
        <StatusFilter value={status} onChange={setStatus} />
      </div>
      <SearchNote search={search} />
      <RecordTable
        caption={t('records.contact.caption')}
        columns={columns}
        list={list}
        empty={emptyText('contact', search, canEdit)}
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

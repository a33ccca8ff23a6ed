import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import { showFlag } from '@forge/bridge';
import { useCallback, useState } from 'react';
import type { CompanyRecord } from '../../../../src/contracts/company';
import { SEGMENTS } from '../../../../src/domain/company';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { segmentText } from '../records/format';
import { rememberCompany } from '../records/lookups';
import { ownerOptions, PersonLabel, usePeople } from '../../lib/people';
import { useForgeContext } from '../../lib/context';
import type { Column } from '../records/RecordTable';
import { RecordTable } from '../records/RecordTable';
import { useRecordRoute } from '../records/route';
import { ChoiceSelect } from '../../lib/controls';
import { useCursorList } from '../records/use-cursor-list';
import { useDebounced } from '../records/use-debounced';
import type { RecordStatus } from '../records/shared-records';
import { emptyText, RecordSearch, SearchNote, SharedRecordsHeader, StatusFilter, useRecordSearch, useSharedAccess } from '../records/shared-records';
import '../records/records.css';
import { CompanyDetails } from './CompanyDetails';
import { CreateCompanyForm } from './CreateCompanyForm';

type Filters = { status: RecordStatus; ownerId: string; segment: string; region: string };

/**
 * Companies A–Z (site-wide records), filtered by owner, segment or region, or found by the start of
 * their name or domain. Searching ignores the filters (the search index is by name or domain only),
 * and the page says so.
 */
export default function CompaniesPage() {
  const { canEdit } = useSharedAccess();
  const route = useRecordRoute('companies');
  const context = useForgeContext();
  const [filters, setFilters] = useState<Filters>({ status: 'active', ownerId: '', segment: '', region: '' });
  const searching = useRecordSearch<'domain'>();
  const { search, field: searchField } = searching;
  const [creating, setCreating] = useState(false);
  const region = useDebounced(filters.region.trim(), 300);

  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const paging = { limit: 50, ...(cursor ? { cursor } : {}) };
      const page = search
        ? await api.companies.search({ text: search, field: searchField, status: filters.status, ...paging })
        : await api.companies.list({
            status: filters.status,
            ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
            ...(filters.segment ? { segment: filters.segment as (typeof SEGMENTS)[number] } : {}),
            ...(region ? { region } : {}),
            ...paging,
          });
      page.items.forEach(rememberCompany);
      return page;
    },
    [search, searchField, filters.status, filters.ownerId, filters.segment, region],
  );
  const list = useCursorList<CompanyRecord>(fetchPage, JSON.stringify([search, searchField, filters.status, filters.ownerId, filters.segment, region]));
  const people = usePeople([...list.items.map((c) => c.ownerId), context.accountId], { pending: list.status === 'loading' });

  const columns: Array<Column<CompanyRecord>> = [
    {
      key: 'name',
      header: t('records.field.name'),
      render: (c) => (
        <button type="button" className="relay-link" onClick={() => route.open(c.id)} data-testid={`open-company-${c.id}`}>
          {c.name}
        </button>
      ),
    },
    { key: 'domain', header: t('records.field.domain'), render: (c) => c.domain ?? t('common.notSet') },
    { key: 'segment', header: t('records.field.segment'), render: (c) => segmentText(c.segment) },
    { key: 'region', header: t('records.field.region'), render: (c) => c.region ?? t('common.notSet') },
    { key: 'owner', header: t('records.field.ownerId'), render: (c) => <PersonLabel accountId={c.ownerId} people={people} /> },
    { key: 'lifecycle', header: t('records.field.lifecycle'), render: (c) => <Lozenge appearance={c.lifecycle === 'customer' ? 'success' : c.lifecycle === 'churned' ? 'removed' : 'default'}>{t(`records.lifecycle.${c.lifecycle}`)}</Lozenge> },
  ];

  return (
    <div className="relay-records" data-testid="companies-page">
      <SharedRecordsHeader
        kind="company"
        title={t('route.companies')}
        canEdit={canEdit}
        onCreate={() => setCreating(true)}
        exportRequest={(projectKey) => ({ table: 'companies', projectKey, filters: { status: filters.status, ...(filters.ownerId ? { ownerId: filters.ownerId } : {}), ...(SEGMENTS.find((x) => x === filters.segment) ? { segment: SEGMENTS.find((x) => x === filters.segment)! } : {}), ...(region ? { region } : {}) }, columns: columns.map((c) => c.key) })}
      />
      <div className="relay-filters" role="search" aria-label={t('records.filters.label')}>
        <RecordSearch state={searching} other="domain" placeholder={t('records.company.searchPlaceholder')} testId="company-search" />
        <ChoiceSelect inputId="filter-owner" label={t('records.field.ownerId')} value={filters.ownerId} onChange={(ownerId) => setFilters((f) => ({ ...f, ownerId }))} options={[{ value: '', label: t('records.filters.anyOwner') }, ...ownerOptions(people, context.accountId)]} />
        <ChoiceSelect inputId="filter-segment" label={t('records.field.segment')} value={filters.segment} onChange={(segment) => setFilters((f) => ({ ...f, segment }))} options={[{ value: '', label: t('records.filters.anySegment') }, ...SEGMENTS.map((s) => ({ value: s, label: segmentText(s) }))]} />
        <Textfield aria-label={t('records.field.region')} placeholder={t('records.filters.region')} value={filters.region} onChange={(e) => setFilters((f) => ({ ...f, region: e.currentTarget.value }))} isCompact width={140} />
        <StatusFilter value={filters.status} onChange={(status) => setFilters((f) => ({ ...f, status }))} />
      </div>
      <SearchNote search={search} />
      <RecordTable
        caption={t('records.company.caption')}
        columns={columns}
        list={list}
        empty={emptyText('company', search, canEdit)}
        testId="companies-table"
      />
      {creating ? (
        <CreateCompanyForm
          onClose={() => setCreating(false)}
          onCreated={(company) => {
            setCreating(false);
            rememberCompany(company);
            list.upsert(company);
            void showFlag({ id: `company-${company.id}`, title: t('records.company.created', { name: company.name }), type: 'success', isAutoDismiss: true });
          }}
          onOpenExisting={(id) => {
            setCreating(false);
            route.open(id);
          }}
        />
      ) : null}
      {route.recordId ? <CompanyDetails key={route.recordId} companyId={route.recordId} canEdit={canEdit} onClose={route.close} onChanged={list.upsert} openOther={route.openOther} /> : null}
    </div>
  );
}

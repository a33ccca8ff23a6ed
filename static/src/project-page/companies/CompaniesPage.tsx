import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import { showFlag } from '@forge/bridge';
import { useCallback, useState } from 'react';
import type { CompanyRecord } from '../../../../src/contracts/company';
import { SEGMENTS } from '../../../../src/domain/company';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { AccessNote } from '../../lib/access-note';
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
import '../records/records.css';
import { ExportButton } from '../import-export/ExportButton';
import { CompanyDetails } from './CompanyDetails';
import { CreateCompanyForm } from './CreateCompanyForm';

type Filters = { status: 'active' | 'archived'; ownerId: string; segment: string; region: string };

/**
 * Companies A–Z (site-wide records), filtered by owner, segment or region, or found by the start of
 * their name or domain. Searching ignores the filters (the search index is by name or domain only),
 * and the page says so.
 */
export default function CompaniesPage() {
  const project = useProject();
  // Companies and contacts are shared by every project: Edit CRM records in any one of them is enough.
  const canEdit = project.status === 'ok' && project.data.canEditShared;
  const route = useRecordRoute('companies');
  const context = useForgeContext();
  const [filters, setFilters] = useState<Filters>({ status: 'active', ownerId: '', segment: '', region: '' });
  const [searchText, setSearchText] = useState('');
  const [searchField, setSearchField] = useState<'name' | 'domain'>('name');
  const [creating, setCreating] = useState(false);
  const search = useDebounced(searchText.trim(), 300);
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
      <div className="relay-toolbar">
        <h2 className="relay-toolbar__title">{t('route.companies')}</h2>
        {project.status === 'ok' ? (
          <ExportButton
            request={{ table: 'companies', projectKey: project.data.projectKey, filters: { status: filters.status, ...(filters.ownerId ? { ownerId: filters.ownerId } : {}), ...(SEGMENTS.find((x) => x === filters.segment) ? { segment: SEGMENTS.find((x) => x === filters.segment)! } : {}), ...(region ? { region } : {}) }, columns: columns.map((c) => c.key) }}
            fileName="companies.csv"
            testId="companies-export"
          />
        ) : null}
        {canEdit ? (
          <Button appearance="primary" onClick={() => setCreating(true)} testId="create-company-open">
            {t('records.company.create')}
          </Button>
        ) : null}
      </div>
      {project.status === 'ok' && !canEdit ? <AccessNote need="edit-shared" projectKey={project.data.projectKey} projectName={project.data.projectName} /> : null}
      <div className="relay-filters" role="search" aria-label={t('records.filters.label')}>
        <div className="relay-filters__search">
          <Textfield aria-label={t('records.search.label')} placeholder={t('records.company.searchPlaceholder')} value={searchText} onChange={(e) => setSearchText(e.currentTarget.value)} testId="company-search" isCompact />
          <ChoiceSelect inputId="search-by" label={t('records.search.by')} value={searchField} onChange={(v) => setSearchField(v === 'domain' ? 'domain' : 'name')} options={[{ value: 'name', label: t('records.field.name') }, { value: 'domain', label: t('records.field.domain') }]} width={120} />
        </div>
        <ChoiceSelect inputId="filter-owner" label={t('records.field.ownerId')} value={filters.ownerId} onChange={(ownerId) => setFilters((f) => ({ ...f, ownerId }))} options={[{ value: '', label: t('records.filters.anyOwner') }, ...ownerOptions(people, context.accountId)]} />
        <ChoiceSelect inputId="filter-segment" label={t('records.field.segment')} value={filters.segment} onChange={(segment) => setFilters((f) => ({ ...f, segment }))} options={[{ value: '', label: t('records.filters.anySegment') }, ...SEGMENTS.map((s) => ({ value: s, label: segmentText(s) }))]} />
        <Textfield aria-label={t('records.field.region')} placeholder={t('records.filters.region')} value={filters.region} onChange={(e) => setFilters((f) => ({ ...f, region: e.currentTarget.value }))} isCompact width={140} />
        <ChoiceSelect inputId="filter-status" label={t('records.filters.status')} value={filters.status} onChange={(status) => setFilters((f) => ({ ...f, status: status === 'archived' ? 'archived' : 'active' }))} options={[{ value: 'active', label: t('records.filters.active') }, { value: 'archived', label: t('records.filters.archived') }]} width={120} />
      </div>
      {search ? <p className="relay-muted">{t('records.search.ignoresFilters')}</p> : null}
      <RecordTable
        caption={t('records.company.caption')}
        columns={columns}
        list={list}
        empty={search ? t('records.search.noMatch', { text: search }) : canEdit ? t('records.company.emptyCanEdit') : t('records.company.empty')}
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

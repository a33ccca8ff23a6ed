import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import Textfield from '@atlaskit/textfield';
import { showFlag } from '@forge/bridge';
import { useCallback, useState } from 'react';
import type { DealRecord } from '../../../../src/contracts/deal';
import { SEGMENTS } from '../../../../src/domain/company';
import { FORECAST_CATEGORIES, OUTCOMES } from '../../../../src/domain/pipeline';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { AccessNote } from '../../lib/access-note';
import { instantText, segmentText } from '../records/format';
import { useCompanyNames } from '../records/lookups';
import { CompanyLink } from '../records/CompanyLink';
import { ownerOptions, PersonLabel, usePeople } from '../../lib/people';
import type { Column, SortState } from '../records/RecordTable';
import { RecordTable } from '../records/RecordTable';
import { useRecordRoute } from '../records/route';
import { ChoiceSelect, DateField } from '../../lib/controls';
import { useCursorList } from '../records/use-cursor-list';
import { useDebounced } from '../records/use-debounced';
import '../records/records.css';
import { ExportButton } from '../import-export/ExportButton';
import { exportFilters } from '../import-export/export-filters';
import { CreateDealForm } from './CreateDealForm';
import { DealDetails } from './DealDetails';
import { DealFieldEditor } from './deal-fields';
import type { DealFilters } from './deal-query';
import { EMPTY_FILTERS, listInput } from './deal-query';

/**
 * The project's deals as a table: filters (stage, owner, close range, forecast category, segment,
 * source, outcome) and the sort (close date, last update, board order) go to deals/list, so the
 * server sorts and pages; name, amount, close date and next step edit in place.
 */
export default function DealsPage() {
  const project = useProject();
  const context = useForgeContext();
  const route = useRecordRoute('deals');
  const [filters, setFilters] = useState<DealFilters>(EMPTY_FILTERS);
  const [sort, setSort] = useState<SortState>({ key: 'closeDate', direction: 'asc' });
  const [creating, setCreating] = useState(false);
  const source = useDebounced(filters.source.trim(), 300);
  const ready = project.status === 'ok' ? project.data : null;
  const projectKey = ready?.projectKey ?? '';
  const stages = ready?.pipeline?.stages ?? [];
  const canEdit = ready?.canEdit ?? false;
  const effective = { ...filters, source };

  const fetchPage = useCallback(
    // Until the project context is in, there is nothing to ask for (and the page shows its own loading state).
    async (cursor: string | undefined) => (projectKey && ready?.pipeline ? api.deals.list(listInput(projectKey, effective, sort, cursor)) : { items: [], nextCursor: null }),
    [projectKey, ready?.pipeline, effective.outcome, effective.stageId, effective.ownerId, effective.forecastCategory, effective.segment, effective.source, effective.closeFrom, effective.closeTo, sort],
  );
  const list = useCursorList<DealRecord>(fetchPage, JSON.stringify([projectKey, !!ready?.pipeline, effective, sort]));
  const companyName = useCompanyNames(list.items.map((d) => d.companyId));
  const people = usePeople([...list.items.map((d) => d.ownerId), context.accountId], { pending: list.status === 'loading' });
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? id;
  const set = (patch: Partial<DealFilters>) => setFilters((f) => ({ ...f, ...patch }));

  if (project.status === 'loading') return <p className="relay-muted">{t('common.loading')}</p>;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  if (!ready?.pipeline) return <p className="relay-muted" data-testid="deals-no-pipeline">{t('records.deal.noPipeline')}</p>;

  const columns: Array<Column<DealRecord>> = [
    {
      key: 'name',
      header: t('records.field.name'),
      render: (d) => (
        <button type="button" className="relay-link" onClick={() => route.open(d.id)} data-testid={`open-deal-${d.id}`}>
          {d.name}
        </button>
      ),
    },
    {
      key: 'company',
      header: t('records.field.companyId'),
      render: (d) => <CompanyLink companyId={d.companyId} name={companyName} open={(id) => route.openOther('companies', id)} />,
    },
    { key: 'position', header: t('records.field.stageId'), sortable: true, render: (d) => (d.outcome === 'open' ? stageName(d.stageId) : <Lozenge appearance={d.outcome === 'won' ? 'success' : 'removed'}>{t(`records.outcome.${d.outcome}`)}</Lozenge>) },
    { key: 'amount', header: t('records.field.amountMinor'), render: (d) => <DealFieldEditor deal={d} field="amountMinor" canEdit={canEdit} onRecord={list.upsert} locale={context.locale} testId={`deal-amount-${d.id}`} /> },
    { key: 'closeDate', header: t('records.field.closeDate'), sortable: true, render: (d) => <DealFieldEditor deal={d} field="closeDate" canEdit={canEdit} onRecord={list.upsert} locale={context.locale} testId={`deal-close-${d.id}`} /> },
    { key: 'nextStep', header: t('records.field.nextStep'), render: (d) => <DealFieldEditor deal={d} field="nextStep" canEdit={canEdit} onRecord={list.upsert} locale={context.locale} testId={`deal-next-${d.id}`} /> },
    { key: 'forecast', header: t('records.field.forecastCategory'), render: (d) => t(`records.forecast.${d.forecastCategory}`) },
    { key: 'owner', header: t('records.field.ownerId'), render: (d) => <PersonLabel accountId={d.ownerId} people={people} /> },
    { key: 'updatedAt', header: t('records.field.updatedAt'), sortable: true, render: (d) => instantText(d.updatedAt, context.locale, context.timezone) },
  ];

  return (
    <div className="relay-records" data-testid="deals-page">
      <div className="relay-toolbar">
        <h2 className="relay-toolbar__title">{t('route.deals')}</h2>
        <ExportButton request={{ table: 'deals', projectKey, filters: exportFilters(listInput(projectKey, effective, sort)), columns: columns.map((c) => c.key).flatMap((k) => (k === 'amount' ? ['amount', 'currency'] : [k])) }} fileName={`${projectKey}-deals.csv`} testId="deals-export" />
        {canEdit ? (
          <Button appearance="primary" onClick={() => setCreating(true)} testId="create-deal-open">
            {t('records.deal.create')}
          </Button>
        ) : null}
      </div>
      {canEdit ? null : <AccessNote need="edit-deals" projectKey={projectKey} projectName={ready.projectName} />}
      <div className="relay-filters" role="search" aria-label={t('records.filters.label')}>
        <ChoiceSelect inputId="filter-outcome" label={t('records.field.outcome')} value={filters.outcome} onChange={(outcome) => set({ outcome: OUTCOMES.find((o) => o === outcome) ?? 'open', stageId: '' })} options={OUTCOMES.map((o) => ({ value: o, label: t(`records.outcome.${o}`) }))} />
        {filters.outcome === 'open' ? (
          <ChoiceSelect inputId="filter-stage" label={t('records.field.stageId')} value={filters.stageId} onChange={(stageId) => set({ stageId })} options={[{ value: '', label: t('records.filters.anyStage') }, ...stages.filter((s) => s.outcome === 'open').map((s) => ({ value: s.id, label: s.name }))]} />
        ) : null}
        <ChoiceSelect inputId="filter-owner" label={t('records.field.ownerId')} value={filters.ownerId} onChange={(ownerId) => set({ ownerId })} options={[{ value: '', label: t('records.filters.anyOwner') }, ...ownerOptions(people, context.accountId)]} />
        <ChoiceSelect inputId="filter-forecast" label={t('records.field.forecastCategory')} value={filters.forecastCategory} onChange={(forecastCategory) => set({ forecastCategory })} options={[{ value: '', label: t('records.filters.anyForecast') }, ...FORECAST_CATEGORIES.map((f) => ({ value: f, label: t(`records.forecast.${f}`) }))]} />
        <ChoiceSelect inputId="filter-segment" label={t('records.field.segment')} value={filters.segment} onChange={(segment) => set({ segment })} options={[{ value: '', label: t('records.filters.anySegment') }, ...SEGMENTS.map((s) => ({ value: s, label: segmentText(s) }))]} />
        <Textfield aria-label={t('records.field.source')} placeholder={t('records.filters.source')} value={filters.source} onChange={(e) => set({ source: e.currentTarget.value })} isCompact width={140} testId="filter-source" />
        <label className="relay-filters__range">
          <span>{t('records.filters.closeFrom')}</span>
          <DateField id="filter-close-from" label={t('records.filters.closeFrom')} value={filters.closeFrom} onChange={(closeFrom) => set({ closeFrom })} locale={context.locale} />
        </label>
        <label className="relay-filters__range">
          <span>{t('records.filters.closeTo')}</span>
          <DateField id="filter-close-to" label={t('records.filters.closeTo')} value={filters.closeTo} onChange={(closeTo) => set({ closeTo })} locale={context.locale} />
        </label>
        <Button appearance="subtle" onClick={() => setFilters(EMPTY_FILTERS)}>
          {t('records.filters.clear')}
        </Button>
      </div>
      <RecordTable
        caption={t('records.deal.caption', { project: projectKey })}
        columns={columns}
        list={list}
        sort={sort}
        onSort={setSort}
        empty={canEdit ? t('records.deal.emptyCanEdit') : t('records.deal.empty')}
        testId="deals-table"
      />
      {creating ? (
        <CreateDealForm
          project={ready}
          onClose={() => setCreating(false)}
          onCreated={(deal) => {
            setCreating(false);
            list.upsert(deal);
            void showFlag({ id: `deal-${deal.id}`, title: t('records.deal.created', { name: deal.name }), type: 'success', isAutoDismiss: true });
          }}
        />
      ) : null}
      {route.recordId ? <DealDetails key={route.recordId} dealId={route.recordId} project={ready} onClose={route.close} onChanged={list.upsert} openOther={route.openOther} /> : null}
    </div>
  );
}

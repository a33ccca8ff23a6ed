import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { useCallback, useState } from 'react';
import type { DealRecord } from '../../../../src/contracts/deal';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { formatInstant } from '../../lib/gadget-format';
import { formatMoney } from '../../../../src/domain/money-format';
import { reasonsText, tierAppearance, tierText } from '../../lib/health-text';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { useAsync } from '../../lib/use-async';
import { CompanyDetails } from '../companies/CompanyDetails';
import { DealDetails } from '../deals/DealDetails';
import '../insights/insights.css';
import { dateText } from '../records/format';
import { requestPeople, usePeople } from '../../lib/people';
import type { Column } from '../records/RecordTable';
import { RecordTable } from '../records/RecordTable';
import type { RecordRoute } from '../records/route';
import { useCursorList } from '../records/use-cursor-list';
import '../records/records.css';
import { Movements, RenewalFigures } from './RenewalFigures';
import { rowAfterChange, type Row, type Window } from './renewal-rows';
import './renewals.css';

const WINDOWS: Window[] = [30, 60, 90, 'overdue'];

function whenText(daysLeft: number): string {
  if (daysLeft === 0) return t('renewals.inDays.zero');
  if (daysLeft > 0) return daysLeft === 1 ? t('renewals.inDays.one') : t('renewals.inDays.other', { count: daysLeft });
  return daysLeft === -1 ? t('renewals.lateDays.one') : t('renewals.lateDays.other', { count: -daysLeft });
}

/**
 * The Renewals subpage: the figures (due in 30/60/90 days, overdue, ARR at risk, NRR/GRR/churn, this
 * quarter's ARR movements) and the live list of open renewals for a window, each with its company's
 * ARR, health and the reasons for it. A row opens the renewal deal or its company in a drawer.
 */
export default function RenewalsPage() {
  const project = useProject();
  const context = useForgeContext();
  // Owners are asked for as pages arrive; the lookup re-renders the rows when their names do.
  const { nameOf } = usePeople([]);
  const [window, setWindow] = useState<Window>(90);
  const [open, setOpen] = useState<{ route: RecordRoute; id: string } | null>(null);
  const [refreshed, setRefreshed] = useState(false);
  const ready = project.status === 'ok' ? project.data : null;
  const projectKey = ready?.projectKey ?? '';
  const overview = useAsync(useCallback(() => (projectKey ? api.renewals.overview({ projectKey }) : Promise.resolve(null)), [projectKey]));
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      if (!projectKey || !ready?.pipeline) return { items: [] as Row[], nextCursor: null };
      const page = await api.renewals.list({ projectKey, window, limit: 50, ...(cursor ? { cursor } : {}) });
      requestPeople(page.items.map((r) => r.ownerId));
      return { items: page.items.map((r) => ({ ...r, id: r.dealId })), nextCursor: page.nextCursor };
    },
    [projectKey, ready?.pipeline, window],
  );
  const list = useCursorList<Row>(fetchPage, JSON.stringify([projectKey, !!ready?.pipeline, window]));

  if (project.status === 'loading') return <p className="relay-muted">{t('common.loading')}</p>;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  if (!ready?.pipeline) return <p className="relay-muted">{t('records.deal.noPipeline')}</p>;
  const locale = context.locale;

  // What the user just did in the drawer shows at once: the list's query may still show the deal as it was.
  const onDealChanged = (deal: DealRecord) => {
    const row = list.items.find((r) => r.dealId === deal.id);
    if (!row) return;
    const next = rowAfterChange(row, deal, window);
    if (next) list.upsert(next);
    else list.remove(deal.id);
  };

  const columns: Array<Column<Row>> = [
    {
      key: 'company',
      header: t('renewals.col.company'),
      render: (r) =>
        r.company ? (
          <button type="button" className="relay-link" onClick={() => setOpen({ route: 'companies', id: r.company!.id })} data-testid={`renewal-company-${r.dealId}`}>
            {r.company.name}
          </button>
        ) : (
          t('common.notSet')
        ),
    },
    {
      key: 'renewal',
      header: t('renewals.col.renewal'),
      render: (r) => (
        <button type="button" className="relay-link" onClick={() => setOpen({ route: 'deals', id: r.dealId })} data-testid={`renewal-open-${r.dealId}`}>
          {r.name}
        </button>
      ),
    },
    { key: 'closes', header: t('renewals.col.closes'), render: (r) => <span className={r.daysLeft < 0 ? 'relay-renewal-late' : undefined}>{`${dateText(r.closeDate, locale)} · ${whenText(r.daysLeft)}`}</span> },
    { key: 'arr', header: t('renewals.col.arr'), render: (r) => formatMoney(r.arrMinor, r.arrCurrency, locale) },
    {
      key: 'health',
      header: t('renewals.col.health'),
      render: (r) => <Lozenge appearance={tierAppearance(r.company?.health ?? 'unknown')}>{tierText(r.company?.health ?? 'unknown')}</Lozenge>,
    },
    { key: 'why', header: t('renewals.col.why'), render: (r) => <span data-testid={`renewal-why-${r.dealId}`}>{reasonsText(r.company?.healthDetail?.reasons ?? [])}</span> },
    { key: 'owner', header: t('renewals.col.owner'), render: (r) => nameOf(r.ownerId) },
  ];

  const data = overview.status === 'ok' ? overview.data : null;
  return (
    <div className="relay-records insights" data-testid="renewals-page">
      <div className="relay-toolbar">
        <h2 className="relay-toolbar__title">{t('renewals.title')}</h2>
        {data?.canRefresh && !refreshed ? (
          <Button onClick={() => void api.renewals.refresh({ projectKey }).then(() => setRefreshed(true))} testId="renewals-refresh">
            {t('renewals.refresh')}
          </Button>
        ) : null}
      </div>
      {overview.status === 'error' ? <ErrorBanner error={overview.error} onRetry={overview.reload} /> : null}
      {data?.renewsIn ? (
        <p className="relay-muted" role="note" data-testid="renewals-elsewhere">
          {t('renewals.renewsIn', { project: data.renewsIn.projectName, key: data.renewsIn.projectKey })}
        </p>
      ) : null}
      {refreshed ? <p className="relay-muted" role="status">{t('renewals.refreshing')}</p> : null}
      {data ? (
        <>
          <p className="relay-muted" data-testid="renewals-as-of">
            {data.summary ? t('renewals.asOf', { time: formatInstant(data.summary.computedAt, locale, context.timezone) }) : t('renewals.notComputed')}
          </p>
          <RenewalFigures overview={data} locale={locale} />
        </>
      ) : null}
      <div className="insights-periods" role="group" aria-label={t('renewals.window.label')}>
        {WINDOWS.map((w) => (
          <button key={w} type="button" className="insights-period" aria-pressed={w === window} onClick={() => setWindow(w)} data-testid={`renewals-window-${w}`}>
            {t(`renewals.window.${w}`)}
          </button>
        ))}
      </div>
      <RecordTable
        caption={t('renewals.caption', { project: projectKey })}
        columns={columns}
        list={list}
        empty={window === 'overdue' ? t('renewals.emptyOverdue') : t('renewals.empty')}
        testId="renewals-table"
      />
      {data ? <Movements overview={data} locale={locale} /> : null}
      {open?.route === 'deals' ? <DealDetails key={open.id} dealId={open.id} project={ready} onClose={() => setOpen(null)} onChanged={onDealChanged} openOther={(route, id) => setOpen({ route, id })} /> : null}
      {open?.route === 'companies' ? <CompanyDetails key={open.id} companyId={open.id} canEdit={ready.canEdit} onClose={() => setOpen(null)} onChanged={() => undefined} openOther={(route, id) => setOpen({ route, id })} /> : null}
    </div>
  );
}

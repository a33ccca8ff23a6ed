import Lozenge from '@atlaskit/lozenge';
import { useCallback, useState } from 'react';
import type { ContactRecord } from '../../../../src/contracts/contact';
import { api } from '../../lib/api';
import { useForgeContext } from '../../lib/context';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { useAsync } from '../../lib/use-async';
import { ContactDetails } from '../contacts/ContactDetails';
import { instantText, lifecycleStageText } from '../records/format';
import { useCompanyNames } from '../records/lookups';
import { PersonLabel, usePeople } from '../../lib/people';
import type { Column } from '../records/RecordTable';
import { RecordTable } from '../records/RecordTable';
import { useRecordRoute } from '../records/route';
import { useCursorList } from '../records/use-cursor-list';
import '../records/records.css';
import { reasonText, slaView } from './lead-format';
import { MyTasks } from './MyTasks';
import './leads.css';
import '../../lib/areas/leads';

type View = 'new' | 'unworked' | 'breached';
const VIEWS: View[] = ['new', 'unworked', 'breached'];

/**
 * The Leads tab, an SDR's queue: leads that arrived this week, those nobody has answered yet (soonest
 * due first) and those past their response time, everyone's or only mine, each with its score and
 * the reasons for it and its response clock; the caller's open tasks (a new lead's owner is told by
 * a task) beside it. Opening a lead opens its contact drawer here.
 */
export default function LeadsPage() {
  const project = useProject();
  const canEdit = project.status === 'ok' && project.data.canEdit;
  const { locale, timezone } = useForgeContext();
  const route = useRecordRoute('leads');
  const [view, setView] = useState<View>('new');
  const [mine, setMine] = useState(false);
  const settings = useAsync(useCallback(() => api.leads.settings(), []));
  const fetchPage = useCallback((cursor: string | undefined) => api.leads.list({ view, mine, limit: 25, ...(cursor ? { cursor } : {}) }), [view, mine]);
  const list = useCursorList<ContactRecord>(fetchPage, `${view}:${String(mine)}`, 25);
  const companyName = useCompanyNames(list.items.map((c) => c.companyId));
  const people = usePeople(list.items.map((c) => c.ownerId), { pending: list.status === 'loading' });
  const now = Date.now();

  const columns: Array<Column<ContactRecord>> = [
    {
      key: 'lead',
      header: t('leads.column.lead'),
      render: (c) => (
        <div className="relay-lead__who">
          <button type="button" className="relay-link" onClick={() => route.open(c.id)} data-testid={`open-lead-${c.id}`}>
            {c.name}
          </button>
          <span className="relay-muted">{[c.title, c.companyId ? companyName(c.companyId) : null].filter(Boolean).join(' · ') || c.email}</span>
        </div>
      ),
    },
    {
      key: 'score',
      header: t('leads.column.score'),
      render: (c) => (
        <span className="relay-lead__score" data-testid="lead-score">
          <strong>{c.leadScore}</strong> {c.lifecycleStage === 'mql' ? <Lozenge appearance="new">{t('leads.mql')}</Lozenge> : <span className="relay-muted">{lifecycleStageText(c.lifecycleStage)}</span>}
        </span>
      ),
    },
    {
      key: 'why',
      header: t('leads.column.why'),
      render: (c) => {
        const reasons = c.lead?.score?.reasons ?? [];
        return reasons.length === 0 ? (
          <span className="relay-muted">{t('leads.reasons.none')}</span>
        ) : (
          <ul className="relay-lead__reasons" data-testid="lead-reasons">
            {reasons.map((r) => (
              <li key={`${r.factor}:${r.matched}`}>{reasonText(r)}</li>
            ))}
          </ul>
        );
      },
    },
    { key: 'owner', header: t('records.field.ownerId'), render: (c) => <PersonLabel accountId={c.ownerId} people={people} /> },
    { key: 'source', header: t('leads.column.source'), render: (c) => c.attribution?.channel ?? t('common.notSet') },
    { key: 'arrived', header: t('leads.column.arrived'), render: (c) => instantText(c.createdAt, locale, timezone) },
    {
      key: 'response',
      header: t('leads.column.response'),
      render: (c) => {
        const sla = slaView(c.lead?.sla, now);
        return (
          <span data-testid="lead-sla">
            <Lozenge appearance={sla.tone}>{sla.text}</Lozenge>
          </span>
        );
      },
    },
  ];

  return (
    <div className="relay-records relay-leads" data-testid="leads-page">
      <div className="relay-toolbar">
        <h2 className="relay-toolbar__title">{t('leads.title')}</h2>
      </div>
      {settings.status === 'ok' ? <p className="relay-muted">{t('leads.intro', { hours: settings.data.sla.hours })}</p> : null}
      <div className="relay-leads__layout">
        <section className="relay-leads__main" aria-label={t('leads.title')}>
          <div className="relay-filters" role="group" aria-label={t('leads.view.label')}>
            <div className="relay-segmented" role="group" aria-label={t('leads.view.label')}>
              {VIEWS.map((v) => (
                <button key={v} type="button" className="relay-segmented__option" aria-pressed={v === view} onClick={() => setView(v)} data-testid={`leads-view-${v}`}>
                  {t(`leads.view.${v}`)}
                </button>
              ))}
            </div>
            <label className="relay-check">
              <input type="checkbox" checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} data-testid="leads-mine" /> {t('leads.mine')}
            </label>
            <span className="relay-muted">{t(`leads.view.${view}.help`)}</span>
          </div>
          <RecordTable
            caption={t('leads.caption')}
            columns={columns}
            list={list}
            empty={t(`leads.empty.${view}`)}
            testId="leads-table"
          />
        </section>
        <MyTasks onOpen={route.open} />
      </div>
      {route.recordId ? <ContactDetails key={route.recordId} contactId={route.recordId} canEdit={canEdit} onClose={route.close} onChanged={list.upsert} openOther={route.openOther} /> : null}
    </div>
  );
}

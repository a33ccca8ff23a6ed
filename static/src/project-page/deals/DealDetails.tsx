import Lozenge from '@atlaskit/lozenge';
import { useCallback } from 'react';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { ProjectContext } from '../../../../src/contracts/project';
import { api } from '../../lib/api';
import { useForgeContext } from '../../lib/context';
import { t } from '../../lib/i18n';
import { useAsync } from '../../lib/use-async';
import { segmentText } from '../records/format';
import { useCompanyNames } from '../records/lookups';
import { CompanyLink } from '../records/CompanyLink';
import { PersonLabel, usePeople } from '../../lib/people';
import { Facts, LoadedRecordDrawer, useDrawerRecord } from '../records/RecordDrawer';
import type { RecordRoute } from '../records/route';
import type { InlineDealField } from '../records/forms';
import { Timeline } from '../records/Timeline';
import { DealFieldEditor } from './deal-fields';
import { useContractFacts } from './ContractSection';
import { HandoffSection } from './HandoffSection';
// The drawer opens over the board too, which does not load the record views' styles itself.
import '../records/records.css';

/**
 * A deal's drawer: details (name, amount, close date, next step and its due date edit in place),
 * its company and contacts (links to their drawers), and the timeline — where an edit made here
 * shows up as an audit entry as soon as it is saved.
 */
export function DealDetails({ dealId, project, onClose, onChanged, openOther }: { dealId: string; project: ProjectContext; onClose: () => void; onChanged: (deal: DealRecord) => void; openOther: (route: RecordRoute, id: string) => void }) {
  const context = useForgeContext();
  const { loaded, record, setRecord: setDeal } = useDrawerRecord(dealId, useCallback(() => api.deals.get({ dealId }), [dealId]));
  const people = usePeople([record?.ownerId, record?.handoff?.assigneeRefused?.accountId]);
  const companyName = useCompanyNames([record?.companyId ?? null]);
  const stages = project.pipeline?.stages ?? [];
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name;

  const onRecord = (next: DealRecord) => {
    setDeal(next);
    onChanged(next);
  };
  const contract = useContractFacts({ deal: record, canEdit: project.canEdit, onRecord, openDeal: (id) => openOther('deals', id), locale: context.locale });
  const editor = (current: DealRecord, field: InlineDealField) => (
    <DealFieldEditor deal={current} field={field} canEdit={project.canEdit} onRecord={onRecord} locale={context.locale} testId={`drawer-deal-${field}`} />
  );

  return (
    <LoadedRecordDrawer loaded={loaded} record={record} label={t('records.deal.title')} onClose={onClose} testId="deal-drawer" title={(r) => (
        <>
          {r.name}{' '}
          {r.outcome !== 'open' ? <Lozenge appearance={r.outcome === 'won' ? 'success' : 'removed'}>{t(`records.outcome.${r.outcome}`)}</Lozenge> : null}
        </>
      )}>
      {(record) => (
        <>
          <section className="relay-next-step" aria-label={t('records.field.nextStep')} data-testid="deal-next-step">
            <h3 className="relay-section-title">{t('records.field.nextStep')}</h3>
            <Facts
              items={[
                { label: t('records.field.nextStep'), value: editor(record, 'nextStep') },
                { label: t('records.field.nextStepDue'), value: editor(record, 'nextStepDue') },
              ]}
            />
          </section>
          <HandoffSection deal={record} locale={context.locale} nameOf={people.nameOf} timeZone={context.timezone} />
          <Facts
            items={[
              { label: t('records.field.name'), value: editor(record, 'name') },
              { label: t('records.field.amountMinor'), value: editor(record, 'amountMinor'), testId: 'deal-amount-fact' },
              { label: t('records.field.closeDate'), value: editor(record, 'closeDate') },
              { label: t('records.field.stageId'), value: stageName(record.stageId) ?? record.stageId },
              { label: t('records.field.forecastCategory'), value: t(`records.forecast.${record.forecastCategory}`) },
              { label: t('records.field.probability'), value: t('records.value.percent', { value: record.probability }) },
              {
                label: t('records.field.companyId'),
                value: <CompanyLink companyId={record.companyId} name={companyName} open={(id) => openOther('companies', id)} testId="deal-company" />,
              },
              { label: t('records.field.contactIds'), value: <DealContacts ids={record.contactIds} open={(id) => openOther('contacts', id)} /> },
              { label: t('records.field.ownerId'), value: <PersonLabel accountId={record.ownerId} people={people} testId="record-owner" /> },
              { label: t('records.field.source'), value: record.source ?? t('common.notSet') },
              { label: t('records.field.segment'), value: segmentText(record.segment) },
              ...contract.facts,
            ]}
          />
          <section aria-label={t('records.deal.ready')} data-testid="deal-ready">
            <h3 className="relay-section-title">{t('records.deal.ready')}</h3>
            <Facts items={READY_FIELDS.map((field) => ({ label: t(`records.field.${field}`), value: editor(record, field) }))} />
          </section>
          {contract.problem}
          <Timeline
            recordType="deal"
            recordId={record.id}
            names={{ currency: record.currency, stageName, companyName: (id) => companyName(id) }}
            canEdit={project.canEdit}
            version={record.version}
            changedAt={record.updatedAt}
          />
        </>
      )}
    </LoadedRecordDrawer>
  );
}

/** The definition of ready (the won stage's exit criteria): shown and edited here, where a Data quality fix opens. */
// The contract dates are edited in the contract facts above (ContractSection), once per drawer.
const READY_FIELDS: InlineDealField[] = ['scope', 'notSold', 'stakeholders', 'successCriteria'];

/** The deal's contacts by name (one contacts/get each; a deal names at most 50, usually two or three). */
function DealContacts({ ids, open }: { ids: string[]; open: (id: string) => void }) {
  const contacts = useAsync(useCallback(() => Promise.all(ids.map((contactId) => api.contacts.get({ contactId }).catch(() => null))), [ids]));
  if (ids.length === 0) return <>{t('common.notSet')}</>;
  if (contacts.status !== 'ok') return <>{t('common.loading')}</>;
  return (
    <ul className="relay-related__list relay-related__list--inline">
      {contacts.data.map((c, i) =>
        c ? (
          <li key={c.id}>
            <button type="button" className="relay-link" onClick={() => open(c.id)}>
              {c.name}
            </button>
          </li>
        ) : (
          <li key={ids[i]}>{t('records.related.hiddenContact')}</li>
        ),
      )}
    </ul>
  );
}

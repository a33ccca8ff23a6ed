import { useCallback } from 'react';
import { CompanyRecord, UpdateCompanyInput } from '../../../../src/contracts/company';
import type { ContactRecord } from '../../../../src/contracts/contact';
import type { DealRecord } from '../../../../src/contracts/deal';
import { api } from '../../lib/api';
import { ErrorBanner } from '../../lib/components';
import { useForgeContext } from '../../lib/context';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { useAsync } from '../../lib/use-async';
import { checked } from '../records/edit';
import { textFacts } from '../records/text-fact';
import { moneyText, segmentText } from '../records/format';
import { rememberCompany } from '../records/lookups';
import { PersonLabel, usePeople } from '../../lib/people';
import { collectPage } from '../records/paging';
import { Facts, LoadedRecordDrawer, useDrawerRecord } from '../records/RecordDrawer';
import type { RecordRoute } from '../records/route';
import { Timeline } from '../records/Timeline';
import { AccountSection } from './AccountSection';

type EditableText = 'name' | 'domain' | 'industry' | 'region';

/** How many of the company's open deals in this project the drawer lists. */
const DEAL_SCAN = 200;

/**
 * A company's drawer: details (name, domain, industry and region edit in place), its contacts
 * (contacts/list by company), its open deals in this project, and its timeline.
 */
export function CompanyDetails({ companyId, canEdit, onClose, onChanged, openOther }: { companyId: string; canEdit: boolean; onClose: () => void; onChanged: (company: CompanyRecord) => void; openOther: (route: RecordRoute, id: string) => void }) {
  const context = useForgeContext();
  const { loaded, record, setRecord: setCompany } = useDrawerRecord(companyId, useCallback(() => api.companies.get({ companyId }), [companyId]));
  const people = usePeople([record?.ownerId]);

  const onRecord = (next: CompanyRecord) => {
    setCompany(next);
    rememberCompany(next);
    onChanged(next);
  };

  const text = textFacts<EditableText, CompanyRecord>({
    canEdit,
    testIdPrefix: 'company',
    recordSchema: CompanyRecord,
    prepare: (current, changes) => {
      const payload = checked(UpdateCompanyInput, { companyId: current.id, version: current.version, changes });
      return () => api.companies.update(payload);
    },
    onRecord,
  });

  return (
    <LoadedRecordDrawer loaded={loaded} record={record} label={t('records.company.title')} onClose={onClose} testId="company-drawer">
      {(record) => (
        <>
          <Facts
            items={[
              { label: t('records.field.name'), value: text(record, 'name') },
              { label: t('records.field.domain'), value: text(record, 'domain') },
              { label: t('records.field.industry'), value: text(record, 'industry') },
              { label: t('records.field.segment'), value: segmentText(record.segment) },
              { label: t('records.field.region'), value: text(record, 'region') },
              { label: t('records.field.ownerId'), value: <PersonLabel accountId={record.ownerId} people={people} testId="record-owner" /> },
              { label: t('records.field.lifecycle'), value: t(`records.lifecycle.${record.lifecycle}`) },
            ]}
          />
          <AccountSection company={record} locale={context.locale} timeZone={context.timezone} />
          <CompanyContacts companyId={record.id} open={(id) => openOther('contacts', id)} />
          <CompanyDeals companyId={record.id} open={(id) => openOther('deals', id)} />
          <Timeline recordType="company" recordId={record.id} names={{}} canEdit={canEdit} version={record.version} changedAt={record.updatedAt} />
        </>
      )}
    </LoadedRecordDrawer>
  );
}

function CompanyContacts({ companyId, open }: { companyId: string; open: (id: string) => void }) {
  const contacts = useAsync(useCallback(() => collectPage<ContactRecord>((cursor) => api.contacts.list({ companyId, limit: 50, ...(cursor ? { cursor } : {}) }), undefined, 50), [companyId]));
  return (
    <section className="relay-related" data-testid="company-contacts">
      <h3 className="relay-section-title">{t('records.related.contacts')}</h3>
      {contacts.status === 'loading' ? <p className="relay-muted">{t('common.loading')}</p> : null}
      {contacts.status === 'error' ? <ErrorBanner error={contacts.error} onRetry={contacts.reload} /> : null}
      {contacts.status === 'ok' ? (
        contacts.data.items.length === 0 ? (
          <p className="relay-muted">{t('records.related.noContacts')}</p>
        ) : (
          <ul className="relay-related__list">
            {contacts.data.items.map((c) => (
              <li key={c.id}>
                <button type="button" className="relay-link" onClick={() => open(c.id)}>
                  {c.name}
                </button>
                {c.title ? <span className="relay-muted"> · {c.title}</span> : null}
                {c.email ? <span className="relay-muted"> · {c.email}</span> : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

/** The company's open deals in this project (deals/list by company: the by-company index), up to DEAL_SCAN. */
function CompanyDeals({ companyId, open }: { companyId: string; open: (id: string) => void }) {
  const project = useProject();
  const context = useForgeContext();
  const projectKey = project.status === 'ok' ? project.data.projectKey : null;
  const deals = useAsync(
    useCallback(async () => {
      if (!projectKey) return { items: [] as DealRecord[], complete: true };
      const page = await collectPage<DealRecord>((cursor) => api.deals.list({ projectKey, companyId, limit: 100, ...(cursor ? { cursor } : {}) }), undefined, DEAL_SCAN, 4);
      return { items: page.items, complete: page.nextCursor === null };
    }, [projectKey, companyId]),
  );
  return (
    <section className="relay-related" data-testid="company-deals">
      <h3 className="relay-section-title">{t('records.related.deals')}</h3>
      {deals.status === 'loading' ? <p className="relay-muted">{t('common.loading')}</p> : null}
      {deals.status === 'error' ? <ErrorBanner error={deals.error} onRetry={deals.reload} /> : null}
      {deals.status === 'ok' ? (
        <>
          {deals.data.items.length === 0 ? (
            <p className="relay-muted">{t('records.related.noDeals')}</p>
          ) : (
            <ul className="relay-related__list">
              {deals.data.items.map((d) => (
                <li key={d.id}>
                  <button type="button" className="relay-link" onClick={() => open(d.id)}>
                    {d.name}
                  </button>
                  <span className="relay-muted"> · {moneyText(d.amountMinor, d.currency, context.locale)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="relay-field__help">{deals.data.complete ? t('records.related.dealsNote') : t('records.related.dealsPartial', { count: DEAL_SCAN })}</p>
        </>
      ) : null}
    </section>
  );
}

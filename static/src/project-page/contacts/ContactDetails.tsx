import { useCallback } from 'react';
import { ContactRecord, UpdateContactInput } from '../../../../src/contracts/contact';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { checked } from '../records/edit';
import { textFacts } from '../records/text-fact';
import { lifecycleStageText } from '../records/format';
import { useCompanyNames } from '../records/lookups';
import { CompanyLink } from '../records/CompanyLink';
import { PersonLabel, usePeople } from '../../lib/people';
import { Facts, LoadedRecordDrawer, useDrawerRecord } from '../records/RecordDrawer';
import type { RecordRoute } from '../records/route';
import { Timeline } from '../records/Timeline';
import { LeadFacts } from '../leads/LeadFacts';

type EditableText = 'name' | 'email' | 'phone' | 'title';

/** A contact's drawer: details (name, email, phone and title edit in place), the company, and the timeline. */
export function ContactDetails({ contactId, canEdit, onClose, onChanged, openOther }: { contactId: string; canEdit: boolean; onClose: () => void; onChanged: (contact: ContactRecord) => void; openOther: (route: RecordRoute, id: string) => void }) {
  const { loaded, record, setRecord: setContact } = useDrawerRecord(contactId, useCallback(() => api.contacts.get({ contactId }), [contactId]));
  const people = usePeople([record?.ownerId]);
  const companyName = useCompanyNames([record?.companyId ?? null]);

  const onRecord = (next: ContactRecord) => {
    setContact(next);
    onChanged(next);
  };

  const text = textFacts<EditableText, ContactRecord>({
    canEdit,
    testIdPrefix: 'contact',
    recordSchema: ContactRecord,
    prepare: (current, changes) => {
      const payload = checked(UpdateContactInput, { contactId: current.id, version: current.version, changes });
      return () => api.contacts.update(payload);
    },
    onRecord,
  });

  return (
    <LoadedRecordDrawer loaded={loaded} record={record} label={t('records.contact.title')} onClose={onClose} testId="contact-drawer">
      {(record) => (
        <>
          <Facts
            items={[
              { label: t('records.field.name'), value: text(record, 'name') },
              { label: t('records.field.email'), value: text(record, 'email') },
              { label: t('records.field.phone'), value: text(record, 'phone') },
              { label: t('records.field.title'), value: text(record, 'title') },
              {
                label: t('records.field.companyId'),
                value: <CompanyLink companyId={record.companyId} name={companyName} open={(id) => openOther('companies', id)} testId="contact-company" />,
              },
              { label: t('records.field.lifecycleStage'), value: lifecycleStageText(record.lifecycleStage) },
              { label: t('records.field.leadScore'), value: String(record.leadScore) },
              { label: t('records.field.ownerId'), value: <PersonLabel accountId={record.ownerId} people={people} testId="record-owner" /> },
            ]}
          />
          <LeadFacts contact={record} canEdit={canEdit} onChanged={onRecord} />
          <Timeline recordType="contact" recordId={record.id} names={{ companyName: (id) => companyName(id) }} canEdit={canEdit} version={record.version} changedAt={record.updatedAt} />
        </>
      )}
    </LoadedRecordDrawer>
  );
}

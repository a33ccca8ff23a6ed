import Textfield from '@atlaskit/textfield';
import type { ContactRecord } from '../../../../src/contracts/contact';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { CompanyPicker } from '../records/CompanyPicker';
import { CreateModal, ExistsAlready } from '../records/CreateModal';
import type { ContactDraft } from '../records/forms';
import { buildContactInput, existingHolder } from '../records/forms';
import { rememberCreatedContact } from '../records/recent';
import { useCreateForm } from '../records/use-create-form';
import { Field, FormError } from '../records/ui';

/** Creates the contact and lets the page's lists show it while storage queries catch up. */
async function createContact(input: Parameters<typeof api.contacts.create>[0]): Promise<ContactRecord> {
  const contact = await api.contacts.create(input);
  rememberCreatedContact(contact);
  return contact;
}

/**
 * New contact, optionally at a company (chosen by name). Checked with CreateContactInput and the
 * server's email normaliser before the call; a taken email names its contact, with a link to it.
 */
export function CreateContactForm({ companyId, onClose, onCreated, onOpenExisting }: { companyId?: string; onClose: () => void; onCreated: (contact: ContactRecord) => void; onOpenExisting: (id: string) => void }) {
  const initial: ContactDraft = { name: '', email: '', phone: '', title: '', companyId: companyId ?? '' };
  const { draft, set, errors, failure, saving, submit } = useCreateForm({
    initial,
    build: buildContactInput,
    create: createContact,
    onCreated,
  });
  const holder = existingHolder(failure);

  return (
    <CreateModal title={t('records.contact.create')} onClose={onClose} onSubmit={() => void submit()} saving={saving} submitLabel={t('records.create')} testId="create-contact">
      <Field label={t('records.field.name')} name="name" errors={errors}>
        <Textfield value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} autoFocus testId="contact-name" />
      </Field>
      <Field label={t('records.field.email')} name="email" errors={errors}>
        <Textfield type="email" value={draft.email} onChange={(e) => set({ email: e.currentTarget.value })} testId="contact-email" />
      </Field>
      {holder ? <ExistsAlready holder={holder} onOpen={onOpenExisting} /> : null}
      <Field label={t('records.field.title')} name="title" errors={errors}>
        <Textfield value={draft.title} onChange={(e) => set({ title: e.currentTarget.value })} testId="contact-title" />
      </Field>
      <Field label={t('records.field.phone')} name="phone" errors={errors}>
        <Textfield type="tel" value={draft.phone} onChange={(e) => set({ phone: e.currentTarget.value })} testId="contact-phone" />
      </Field>
      <Field label={t('records.field.companyId')} name="companyId" errors={errors}>
        <CompanyPicker value={draft.companyId} onChange={(id) => set({ companyId: id })} />
      </Field>
      {holder ? null : <FormError error={failure} />}
    </CreateModal>
  );
}

import { Checkbox } from '@atlaskit/checkbox';
import Textfield from '@atlaskit/textfield';
import { useEffect, useState } from 'react';
import type { ContactRecord } from '../../../../src/contracts/contact';
import type { DealRecord } from '../../../../src/contracts/deal';
import type { ProjectContext } from '../../../../src/contracts/project';
import { api } from '../../lib/api';
import { useForgeContext } from '../../lib/context';
import { DateField } from '../../lib/controls';
import { t } from '../../lib/i18n';
import { CompanyPicker } from '../records/CompanyPicker';
import { CreateModal } from '../records/CreateModal';
import type { DealDraft } from '../records/forms';
import { buildDealInput } from '../records/forms';
import { withCreatedContacts } from '../records/recent';
import { useCreateForm } from '../records/use-create-form';
import { Field, FormError, NativeSelect } from '../records/ui';

/** Currencies offered first; any ISO 4217 code the platform knows is accepted by the server. */
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'NZD', 'JPY', 'INR', 'SGD', 'BRL', 'ZAR'];

/**
 * New deal in this project: name, company and its contacts, amount typed as a decimal in the chosen
 * currency (converted to minor units with money.ts, refusing extra decimals), close date, starting
 * stage and next step. Checked with CreateDealInput before the call.
 */
export function CreateDealForm({ project, from, onClose, onCreated }: { project: ProjectContext; from?: ContactRecord; onClose: () => void; onCreated: (deal: DealRecord) => void }) {
  const context = useForgeContext();
  const openStages = (project.pipeline?.stages ?? []).filter((s) => s.outcome === 'open');
  const initial: DealDraft = { projectKey: project.projectKey, name: '', companyId: from?.companyId ?? '', amount: '', currency: 'USD', closeDate: '', stageId: openStages[0]?.id ?? '', nextStep: '', recurring: false, contractStart: '', contractEnd: '' };
  const [contactIds, setContactIds] = useState<string[]>([]);
  const [contacts, setContacts] = useState<ContactRecord[]>([]);
  const { draft, set, errors, failure, saving, submit } = useCreateForm({
    initial,
    build: buildDealInput,
    create: (input) => api.deals.create(contactIds.length > 0 ? { ...input, contactIds } : input),
    onCreated,
    // The server names the stored field; the form shows it under the amount typed.
    serverErrors: (fields) => (fields.amountMinor ? { ...fields, amount: fields.amount ?? fields.amountMinor } : fields),
  });

  // The chosen company's people (with any this page just created), offered as the deal's contacts; a
  // deal made from a lead starts with that lead (its first touch becomes the deal's source and
  // campaign), even without a company.
  useEffect(() => {
    const withLead = from && (from.companyId ?? '') === draft.companyId ? [from] : [];
    setContactIds(withLead.map((c) => c.id));
    setContacts(withLead);
    if (!draft.companyId) return;
    let live = true;
    api.contacts.list({ companyId: draft.companyId, limit: 50 }).then(
      (page) => live && setContacts([...withLead, ...withCreatedContacts(page.items, draft.companyId).filter((c) => !withLead.some((w) => w.id === c.id))]),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [draft.companyId, from]);


  return (
    <CreateModal title={t('records.deal.create')} onClose={onClose} onSubmit={() => void submit()} saving={saving} submitLabel={t('records.create')} testId="create-deal">
      <Field label={t('records.field.name')} name="name" errors={errors}>
        <Textfield value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} autoFocus testId="deal-name" />
      </Field>
      <Field label={t('records.field.companyId')} name="companyId" errors={errors}>
        <CompanyPicker value={draft.companyId} onChange={(companyId) => set({ companyId })} />
      </Field>
      {contacts.length > 0 ? (
        <fieldset className="relay-fieldset" data-testid="deal-contacts">
          <legend>{t('records.field.contactIds')}</legend>
          {contacts.map((c) => (
            <Checkbox
              key={c.id}
              label={c.name}
              isChecked={contactIds.includes(c.id)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setContactIds((ids) => (on ? [...ids, c.id] : ids.filter((id) => id !== c.id)));
              }}
              testId={`deal-contact-${c.id}`}
            />
          ))}
        </fieldset>
      ) : null}
      <div className="relay-form__row">
        <Field label={draft.recurring ? t('records.deal.arr') : t('records.field.amountMinor')} name="amount" errors={errors} help={draft.recurring ? t('records.deal.arrHelp') : t('records.deal.amountHelp')}>
          <Textfield value={draft.amount} inputMode="decimal" onChange={(e) => set({ amount: e.currentTarget.value })} testId="deal-amount" />
        </Field>
        <Field label={t('records.field.currency')} name="currency" errors={errors}>
          <NativeSelect value={draft.currency} onChange={(currency) => set({ currency })} options={CURRENCIES.map((c) => ({ value: c, label: c }))} data-testid="deal-currency" />
        </Field>
      </div>
      <Checkbox label={t('records.deal.recurring')} isChecked={draft.recurring === true} onChange={(e) => set({ recurring: e.currentTarget.checked })} testId="deal-recurring" />
      {draft.recurring ? (
        <div className="relay-form__row">
          <Field label={t('records.field.contractStart')} name="contractStart" errors={errors}>
            <DateField value={draft.contractStart ?? ''} onChange={(contractStart) => set({ contractStart })} locale={context.locale} testId="deal-contract-start" />
          </Field>
          <Field label={t('records.field.contractEnd')} name="contractEnd" errors={errors} help={t('records.deal.contractEndHelp')}>
            <DateField value={draft.contractEnd ?? ''} onChange={(contractEnd) => set({ contractEnd })} locale={context.locale} testId="deal-contract-end" />
          </Field>
        </div>
      ) : null}
      <Field label={t('records.field.closeDate')} name="closeDate" errors={errors}>
        <DateField value={draft.closeDate} onChange={(closeDate) => set({ closeDate })} locale={context.locale} testId="deal-close-date" />
      </Field>
      <Field label={t('records.field.stageId')} name="stageId" errors={errors}>
        <NativeSelect value={draft.stageId} onChange={(stageId) => set({ stageId })} options={openStages.map((s) => ({ value: s.id, label: s.name }))} data-testid="deal-stage" />
      </Field>
      <Field label={t('records.field.nextStep')} name="nextStep" errors={errors}>
        <Textfield value={draft.nextStep} onChange={(e) => set({ nextStep: e.currentTarget.value })} testId="deal-next-step" />
      </Field>
      <FormError error={failure} />
    </CreateModal>
  );
}

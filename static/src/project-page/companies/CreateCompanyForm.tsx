import Textfield from '@atlaskit/textfield';
import type { CompanyRecord } from '../../../../src/contracts/company';
import { SEGMENTS } from '../../../../src/domain/company';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { CreateModal, ExistsAlready } from '../records/CreateModal';
import type { CompanyDraft } from '../records/forms';
import { buildCompanyInput, existingHolder } from '../records/forms';
import { rememberCreatedCompany } from '../records/recent';
import { useCreateForm } from '../records/use-create-form';
import { segmentText } from '../records/format';
import { Field, FormError, NativeSelect } from '../records/ui';

/** Creates the company and lets the page's searches show it while storage queries catch up. */
async function createCompany(input: Parameters<typeof api.companies.create>[0]): Promise<CompanyRecord> {
  const company = await api.companies.create(input);
  rememberCreatedCompany(company);
  return company;
}

const EMPTY: CompanyDraft = { name: '', domain: '', industry: '', segment: '', region: '' };

/**
 * New company. Checked with CreateCompanyInput (and the domain with the same normaliser the server
 * uses) before the call; the server's VALIDATION fields land beside the same fields, and a taken
 * domain says whose it is, with a link to that company.
 */
export function CreateCompanyForm({ onClose, onCreated, onOpenExisting }: { onClose: () => void; onCreated: (company: CompanyRecord) => void; onOpenExisting: (id: string) => void }) {
  const { draft, set, errors, failure, saving, submit } = useCreateForm({ initial: EMPTY, build: buildCompanyInput, create: createCompany, onCreated });
  const holder = existingHolder(failure);

  return (
    <CreateModal title={t('records.company.create')} onClose={onClose} onSubmit={() => void submit()} saving={saving} submitLabel={t('records.create')} testId="create-company">
      <Field label={t('records.field.name')} name="name" errors={errors}>
        <Textfield value={draft.name} onChange={(e) => set({ name: e.currentTarget.value })} autoFocus testId="company-name" />
      </Field>
      <Field label={t('records.field.domain')} name="domain" errors={errors} help={t('records.company.domainHelp')}>
        <Textfield value={draft.domain} onChange={(e) => set({ domain: e.currentTarget.value })} testId="company-domain" />
      </Field>
      {holder ? <ExistsAlready holder={holder} onOpen={onOpenExisting} /> : null}
      <Field label={t('records.field.industry')} name="industry" errors={errors}>
        <Textfield value={draft.industry} onChange={(e) => set({ industry: e.currentTarget.value })} testId="company-industry" />
      </Field>
      <Field label={t('records.field.segment')} name="segment" errors={errors}>
        <NativeSelect value={draft.segment} onChange={(segment) => set({ segment })} options={[{ value: '', label: t('records.value.none') }, ...SEGMENTS.map((s) => ({ value: s, label: segmentText(s) }))]} data-testid="company-segment" />
      </Field>
      <Field label={t('records.field.region')} name="region" errors={errors}>
        <Textfield value={draft.region} onChange={(e) => set({ region: e.currentTarget.value })} testId="company-region" />
      </Field>
      {holder ? null : <FormError error={failure} />}
    </CreateModal>
  );
}

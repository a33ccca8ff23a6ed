import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import Select from '@atlaskit/select';
import Textarea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import type { DealRecord } from '../../../../src/contracts/deal';
import { SEGMENTS } from '../../../../src/domain/company';
import type { CriteriaField, Stage } from '../../../../src/domain/pipeline';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/components';
import { t } from '../../lib/i18n';
import type { CriteriaValues, FieldProblem } from './board-criteria';
import { INPUT_KIND, criteriaChanges, serverProblems } from './board-criteria';
import type { CompanyOption } from './use-company-names';

interface Option {
  label: string;
  value: string;
}

/**
 * Asks for exactly the fields a refused move named, with an input of the field's type, checks them
 * with the shared contract, saves them with one `deals/update` and hands the updated deal back so
 * the board repeats the move. Server field errors land beside their field; anything else above.
 */
export default function CriteriaDialog(props: {
  deal: DealRecord;
  fromStage: Stage | undefined;
  toStage: Stage;
  missing: CriteriaField[];
  companies: CompanyOption[];
  onSaved: (deal: DealRecord) => void;
  onClose: () => void;
}) {
  const { deal, missing, toStage } = props;
  const [values, setValues] = useState<CriteriaValues>({});
  const [problems, setProblems] = useState<Partial<Record<CriteriaField, FieldProblem>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [contacts, setContacts] = useState<Option[] | null>(null);
  const [companyId, setCompanyId] = useState<string | null>(deal.companyId);

  useEffect(() => {
    if (!missing.includes('contacts')) return undefined;
    let cancelled = false;
    const company = typeof values.companyId === 'string' ? values.companyId : companyId;
    void api.contacts
      .list({ limit: 100, ...(company ? { companyId: company } : {}) })
      .then((page) => {
        if (!cancelled) setContacts(page.items.map((c) => ({ label: c.email ? `${c.name} (${c.email})` : c.name, value: c.id })));
      })
      .catch(() => {
        if (!cancelled) setContacts([]);
      });
    return () => {
      cancelled = true;
    };
  }, [missing, companyId, values.companyId]);

  const set = (field: CriteriaField, value: string | string[]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setProblems((p) => {
      const next = { ...p };
      delete next[field];
      return next;
    });
    if (field === 'companyId' && typeof value === 'string') setCompanyId(value);
  };

  const submit = async () => {
    setFormError(null);
    const result = criteriaChanges(deal, missing, values);
    if (!result.ok) {
      setProblems(result.problems);
      return;
    }
    setSaving(true);
    try {
      const saved = await api.deals.update(result.input as Parameters<typeof api.deals.update>[0]);
      props.onSaved(saved);
    } catch (error) {
      setSaving(false);
      if (error instanceof ApiError && error.fields.length > 0) setProblems(serverProblems(missing, error.fields));
      setFormError(errorMessage(error));
    }
  };

  const problemText = (field: CriteriaField) => {
    const problem = problems[field];
    if (!problem) return null;
    return problem.kind === 'required' ? t('board.criteria.required') : problem.message;
  };

  const input = (field: CriteriaField) => {
    const id = `criteria-${field}`;
    const invalid = problems[field] !== undefined;
    const text = typeof values[field] === 'string' ? (values[field] as string) : '';
    const common = { id, isInvalid: invalid, 'aria-describedby': `${id}-error`, testId: id };
    switch (INPUT_KIND[field]) {
      case 'money':
        return <Textfield {...common} inputMode="decimal" value={text} onChange={(e) => set(field, e.currentTarget.value)} elemAfterInput={<span className="relay-muted relay-pad">{deal.currency}</span>} />;
      case 'date':
        return <Textfield {...common} type="date" value={text} onChange={(e) => set(field, e.currentTarget.value)} />;
      case 'text':
        return <Textfield {...common} value={text} maxLength={255} onChange={(e) => set(field, e.currentTarget.value)} />;
      case 'longText':
        return <Textarea id={id} isInvalid={invalid} aria-describedby={`${id}-error`} testId={id} value={text} minimumRows={2} onChange={(e) => set(field, e.currentTarget.value)} />;
      case 'segment':
        return (
          <Select<Option>
            inputId={id}
            options={SEGMENTS.map((s) => ({ value: s, label: t(`board.segment.${s}`) }))}
            placeholder={t('board.criteria.chooseSegment')}
            onChange={(o) => set(field, o?.value ?? '')}
            isInvalid={invalid}
            testId={id}
          />
        );
      case 'company':
        return (
          <Select<Option>
            inputId={id}
            options={props.companies.map((c) => ({ value: c.id, label: c.name }))}
            placeholder={t('board.criteria.chooseCompany')}
            onChange={(o) => set(field, o?.value ?? '')}
            isInvalid={invalid}
            testId={id}
          />
        );
      case 'contacts':
        return (
          <>
            <Select<Option, true>
              inputId={id}
              isMulti
              isLoading={contacts === null}
              options={contacts ?? []}
              placeholder={t('board.criteria.chooseContacts')}
              onChange={(list) => set(field, list.map((o) => o.value))}
              isInvalid={invalid}
              testId={id}
            />
            {contacts !== null && contacts.length === 0 ? <p className="relay-muted">{t('board.criteria.noContacts')}</p> : null}
          </>
        );
    }
  };

  const stageName = props.fromStage?.name ?? toStage.name;
  return (
    <Modal onClose={props.onClose} testId="criteria-dialog">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ModalHeader hasCloseButton>
          <ModalTitle>{t('board.criteria.title', { name: deal.name, stage: toStage.name })}</ModalTitle>
        </ModalHeader>
        <ModalBody>
          <p>{t('board.criteria.intro', { stage: stageName })}</p>
          {formError ? (
            <div className="relay-banner relay-banner--error" role="alert" data-testid="criteria-error">
              {formError}
            </div>
          ) : null}
          {missing.map((field) => (
            <div className="relay-field" key={field} data-testid={`criteria-field-${field}`}>
              <label className="relay-field__label" htmlFor={`criteria-${field}`}>
                {t(`board.field.${field}`)}
                {INPUT_KIND[field] === 'money' ? <span className="relay-muted">{` · ${t('board.criteria.amountHelp', { currency: deal.currency })}`}</span> : null}
              </label>
              {input(field)}
              <p className="relay-field__error" id={`criteria-${field}-error`} role={problems[field] ? 'alert' : undefined}>
                {problemText(field)}
              </p>
            </div>
          ))}
        </ModalBody>
        <ModalFooter>
          <Button appearance="subtle" onClick={props.onClose}>
            {t('common.cancel')}
          </Button>
          <Button appearance="primary" type="submit" isLoading={saving} testId="criteria-submit">
            {t('board.criteria.submit')}
          </Button>
        </ModalFooter>
      </form>
    </Modal>
  );
}

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
import { DateField } from '../../lib/controls';
import { ApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/components';
import { DialogInView } from '../../lib/dialog-in-view';
import { t } from '../../lib/i18n';
import type { CriteriaGroup, CriteriaValues, FieldProblem } from './board-criteria';
import { INPUT_KIND, criteriaChanges, criteriaGroups, serverProblems } from './board-criteria';
import type { CompanyOption } from './use-company-names';

interface Option {
  label: string;
  value: string;
}

/** Inputs that take the dialog's whole width; the short ones sit two to a row. */
const WIDE = new Set(['longText', 'contacts']);

/**
 * Select menus open in a layer of the frame's body, above the dialog, so a long list is never cut
 * off by the dialog's scrolling body (Atlaskit's modal sits on layer 510).
 */
const MENU_OUTSIDE = {
  menuPortalTarget: typeof document === 'undefined' ? null : document.body,
  menuPosition: 'fixed' as const,
  styles: { menuPortal: (base: object) => ({ ...base, zIndex: 800 }) },
};

function groupTitle(group: CriteriaGroup): string {
  return group.role === 'ready' ? t('board.criteria.group.ready', { stage: group.stage.name }) : t('board.criteria.group.exit', { stage: group.stage.name });
}

/** The sentence above the fields: the one stage that asks, or the move as a whole when several do. */
function introOf(groups: CriteriaGroup[], toStage: Stage): string {
  const only = groups.length === 1 ? groups[0] : undefined;
  if (!only) return t('board.criteria.intro.many', { stage: toStage.name });
  return only.role === 'ready' ? t('board.criteria.intro.ready', { stage: only.stage.name }) : t('board.criteria.intro.exit', { stage: only.stage.name });
}

/**
 * Asks for exactly the fields a refused move named, with an input of the field's type, checks them
 * with the shared contract, saves them with one `deals/update` and hands the updated deal back so
 * the board repeats the move. Server field errors land beside their field; anything else above.
 */
export default function CriteriaDialog(props: {
  deal: DealRecord;
  /** The project's stages, to say which stage asks for which field. */
  stages: Stage[];
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
        return <DateField id={id} value={text} onChange={(v) => set(field, v)} isInvalid={invalid} describedBy={`${id}-error`} testId={id} />;
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
            {...MENU_OUTSIDE}
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
            {...MENU_OUTSIDE}
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
              {...MENU_OUTSIDE}
            />
            {contacts !== null && contacts.length === 0 ? <p className="relay-muted">{t('board.criteria.noContacts')}</p> : null}
          </>
        );
    }
  };

  const groups = criteriaGroups(props.stages, deal.stageId, toStage, missing);
  const fieldRow = (field: CriteriaField) => (
    <div className={`relay-field${WIDE.has(INPUT_KIND[field]) ? ' relay-criteria__wide' : ''}`} key={field} data-testid={`criteria-field-${field}`}>
      <label className="relay-field__label" htmlFor={`criteria-${field}`}>
        {t(`board.field.${field}`)}
        {INPUT_KIND[field] === 'money' ? <span className="relay-muted">{` · ${t('board.criteria.amountHelp', { currency: deal.currency })}`}</span> : null}
      </label>
      {input(field)}
      <p className="relay-field__error" id={`criteria-${field}-error`} role={problems[field] ? 'alert' : undefined}>
        {problemText(field)}
      </p>
    </div>
  );
  return (
    <Modal onClose={props.onClose} testId="criteria-dialog" width="large">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ModalHeader hasCloseButton>
          <ModalTitle>{t('board.criteria.title', { name: deal.name, stage: toStage.name })}</ModalTitle>
          <DialogInView />
        </ModalHeader>
        <ModalBody>
          <p data-testid="criteria-intro">{introOf(groups, toStage)}</p>
          {formError ? (
            <div className="relay-banner relay-banner--error" role="alert" data-testid="criteria-error">
              {formError}
            </div>
          ) : null}
          {groups.map((group) =>
            groups.length === 1 ? (
              <div className="relay-criteria" key={group.stage.id}>
                {group.fields.map(fieldRow)}
              </div>
            ) : (
              <fieldset className="relay-criteria__group" key={group.stage.id} data-testid={`criteria-group-${group.stage.id}`}>
                <legend className="relay-section-title">{groupTitle(group)}</legend>
                <div className="relay-criteria">{group.fields.map(fieldRow)}</div>
              </fieldset>
            ),
          )}
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

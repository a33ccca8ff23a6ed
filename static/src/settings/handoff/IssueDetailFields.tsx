import { CreatableSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { ISSUE_LANGUAGES, type IssueLanguage } from '../../../../src/domain/delivery-issue';
import { FieldError } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import type { Option, SetField } from './editor-fields';
import { fieldState } from './editor-fields';
import type { TemplateDraft } from './template-draft';
import { addLabels } from './template-draft';
import '../../lib/areas/settings';

/**
 * The hand-off issue's labels, its due date in business days, and how many business hours delivery
 * has to accept it (the SLA sentence repeats the number typed).
 */
export function IssueDetailFields({ draft, set, errors, readOnly }: { draft: TemplateDraft; set: SetField; errors: Record<string, string>; readOnly: boolean }) {
  const labels = fieldState(errors, 'labels', 'handoff-labels-help');
  const dueDays = fieldState(errors, 'dueInBusinessDays', 'handoff-due-days-help');
  const slaHours = fieldState(errors, 'acceptWithinBusinessHours', 'handoff-sla-hours-help');
  const labelError = errors.labels ?? Object.entries(errors).find(([path]) => path.startsWith('labels.'))?.[1];
  const slaSentence = /^\s*\d+\s*$/.test(draft.acceptWithinBusinessHours) ? t('settings.handoff.slaHelp', { n: Number(draft.acceptWithinBusinessHours) }) : t('settings.handoff.slaHelp', { n: 'N' });

  return (
    <>
      <div className="relay-field">
        <label htmlFor={labels.id}>{t('settings.handoff.labels')}</label>
        <CreatableSelect<Option, true>
          inputId={labels.id}
          isMulti
          options={[]}
          value={draft.labels.map((label) => ({ value: label, label }))}
          placeholder={t('settings.handoff.labelsPlaceholder')}
          isDisabled={readOnly}
          validationState={labelError !== undefined ? 'error' : 'default'}
          aria-describedby={labelError !== undefined ? labels.errorId : labels.describedBy}
          formatCreateLabel={(typed: string) => t('settings.handoff.labelCreate', { label: typed.trim() })}
          noOptionsMessage={() => null}
          onCreateOption={(typed: string) => set('labels', addLabels(draft.labels, typed))}
          onChange={(options) => set('labels', options.map((o) => o.value))}
        />
        <span className="relay-field__help" id="handoff-labels-help">
          {t('settings.handoff.labelsHelp')}
        </span>
        <FieldError id={labels.errorId} message={labelError} />
      </div>

      <div className="relay-handoff-grid">
        <div className="relay-field">
          <label htmlFor={dueDays.id}>{t('settings.handoff.dueDays')}</label>
          <Textfield id={dueDays.id} value={draft.dueInBusinessDays} inputMode="numeric" isReadOnly={readOnly} isInvalid={dueDays.invalid} aria-describedby={dueDays.describedBy} onChange={(e) => set('dueInBusinessDays', e.currentTarget.value)} />
          <span className="relay-field__help" id="handoff-due-days-help">
            {t('settings.handoff.dueDaysHelp')}
          </span>
          <FieldError id={dueDays.errorId} message={dueDays.error} />
        </div>
        <div className="relay-field">
          <label htmlFor={slaHours.id}>{t('settings.handoff.slaHours')}</label>
          <Textfield id={slaHours.id} value={draft.acceptWithinBusinessHours} inputMode="numeric" isReadOnly={readOnly} isInvalid={slaHours.invalid} aria-describedby={slaHours.describedBy} onChange={(e) => set('acceptWithinBusinessHours', e.currentTarget.value)} />
          <span className="relay-field__help" id="handoff-sla-hours-help" data-testid="handoff-sla-sentence">
            {slaSentence}
          </span>
          <FieldError id={slaHours.errorId} message={slaHours.error} />
        </div>
      </div>

      <div className="relay-field">
        <label htmlFor="handoff-issue-language">{t('settings.handoff.issueLanguage')}</label>
        <select id="handoff-issue-language" value={draft.issueLanguage} disabled={readOnly} aria-describedby="handoff-issue-language-help" onChange={(e) => set('issueLanguage', e.currentTarget.value as IssueLanguage)} data-testid="handoff-issue-language">
          {ISSUE_LANGUAGES.map((language) => (
            <option key={language} value={language}>
              {t(`settings.handoff.issueLanguage.${language}` as MessageKey)}
            </option>
          ))}
        </select>
        <span className="relay-field__help" id="handoff-issue-language-help">
          {t('settings.handoff.issueLanguageHelp')}
        </span>
      </div>
    </>
  );
}

import { IconButton } from '@atlaskit/button/new';
import ArrowDownIcon from '@atlaskit/icon/core/arrow-down';
import ArrowUpIcon from '@atlaskit/icon/core/arrow-up';
import DeleteIcon from '@atlaskit/icon/core/delete';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import type { CriteriaField, ForecastCategory, Outcome } from '../../../src/domain/pipeline';
import { FieldError } from '../lib/components';
import { t } from '../lib/i18n';
import type { Option } from './labels';
import { criteriaOptions, forecastOptions, outcomeOptions } from './labels';
import type { StageDraft } from './pipeline-draft';
import '../lib/areas/settings';

export type StageAction = 'up' | 'down' | 'remove';

interface Props {
  stage: StageDraft;
  index: number;
  count: number;
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (patch: Partial<StageDraft>) => void;
  onAction: (action: StageAction) => void;
}

/** Ids of a stage's inputs and their error lines, by position (the tests and labels use them). */
export function stageFieldId(index: number, field: string): string {
  return `stage-${index}-${field}`;
}

/** Field props shared by the text inputs: label link, invalid state, and the error they describe. */
function described(index: number, field: string, errors: Record<string, string>) {
  const error = errors[`stages.${index}.${field}`];
  const id = stageFieldId(index, field);
  return { id, error, errorId: `${id}-error`, invalid: error !== undefined };
}

/**
 * One stage of the pipeline as a card: name, probability, forecast category, outcome, days allowed
 * and exit criteria, with move up / move down / remove as labelled buttons (the keyboard way to
 * reorder). Every message sits under the field it is about.
 */
export function StageEditor({ stage, index, count, readOnly, errors, onChange, onAction }: Props) {
  const name = described(index, 'name', errors);
  const probability = described(index, 'probability', errors);
  const maxDays = described(index, 'maxDays', errors);
  const forecast = described(index, 'forecastCategory', errors);
  const outcome = described(index, 'outcome', errors);
  const criteria = described(index, 'exitCriteria', errors);
  const label = stage.name.trim() || t('settings.stage.label', { n: index + 1 });
  const forecastChoices = forecastOptions();
  const outcomeChoices = outcomeOptions();
  const criteriaChoices = criteriaOptions();

  return (
    <li className="relay-stage" data-testid={`stage-${index}`} data-stage-id={stage.id} aria-label={t('settings.stage.label', { n: index + 1 })}>
      <div className="relay-stage__head">
        <span className="relay-stage__index" aria-hidden="true">
          {index + 1}
        </span>
        <div className="relay-field relay-stage__name">
          <label htmlFor={name.id}>{t('settings.stage.name')}</label>
          <Textfield id={name.id} value={stage.name} isInvalid={name.invalid} isReadOnly={readOnly} aria-describedby={name.invalid ? name.errorId : undefined} onChange={(e) => onChange({ name: e.currentTarget.value })} />
          <FieldError id={name.errorId} message={name.error} />
        </div>
        {readOnly ? null : (
          <div className="relay-stage__actions" role="group" aria-label={label}>
            <IconButton icon={ArrowUpIcon} label={t('settings.stage.moveUp', { name: label })} isDisabled={index === 0} onClick={() => onAction('up')} testId={`stage-${index}-up`} />
            <IconButton icon={ArrowDownIcon} label={t('settings.stage.moveDown', { name: label })} isDisabled={index === count - 1} onClick={() => onAction('down')} testId={`stage-${index}-down`} />
            <IconButton icon={DeleteIcon} label={t('settings.stage.remove', { name: label })} onClick={() => onAction('remove')} testId={`stage-${index}-remove`} />
          </div>
        )}
      </div>
      <div className="relay-stage__grid">
        <div className="relay-field">
          <label htmlFor={probability.id}>{t('settings.stage.probability')}</label>
          <Textfield id={probability.id} value={stage.probability} inputMode="numeric" isInvalid={probability.invalid} isReadOnly={readOnly} aria-describedby={probability.invalid ? probability.errorId : undefined} onChange={(e) => onChange({ probability: e.currentTarget.value })} />
          <FieldError id={probability.errorId} message={probability.error} />
        </div>
        <div className="relay-field">
          <label htmlFor={forecast.id}>{t('settings.stage.forecast')}</label>
          <Select<Option<ForecastCategory>>
            inputId={forecast.id}
            options={forecastChoices}
            value={forecastChoices.find((o) => o.value === stage.forecastCategory) ?? null}
            isDisabled={readOnly}
            isSearchable={false}
            validationState={forecast.invalid ? 'error' : 'default'}
            onChange={(option) => option && onChange({ forecastCategory: option.value })}
          />
          <FieldError id={forecast.errorId} message={forecast.error} />
        </div>
        <div className="relay-field">
          <label htmlFor={outcome.id}>{t('settings.stage.outcome')}</label>
          <Select<Option<Outcome>>
            inputId={outcome.id}
            options={outcomeChoices}
            value={outcomeChoices.find((o) => o.value === stage.outcome) ?? null}
            isDisabled={readOnly}
            isSearchable={false}
            validationState={outcome.invalid ? 'error' : 'default'}
            onChange={(option) => option && onChange({ outcome: option.value })}
          />
          <FieldError id={outcome.errorId} message={outcome.error} />
        </div>
        <div className="relay-field">
          <label htmlFor={maxDays.id}>{t('settings.stage.maxDays')}</label>
          <Textfield id={maxDays.id} value={stage.maxDays} inputMode="numeric" isInvalid={maxDays.invalid} isReadOnly={readOnly} aria-describedby={maxDays.invalid ? maxDays.errorId : `${maxDays.id}-help`} onChange={(e) => onChange({ maxDays: e.currentTarget.value })} />
          {maxDays.invalid ? null : (
            <span className="relay-field__help" id={`${maxDays.id}-help`}>
              {t('settings.stage.maxDaysHelp')}
            </span>
          )}
          <FieldError id={maxDays.errorId} message={maxDays.error} />
        </div>
      </div>
      <div className="relay-field">
        <label htmlFor={criteria.id}>{t('settings.stage.criteria')}</label>
        <Select<Option<CriteriaField>, true>
          inputId={criteria.id}
          isMulti
          options={criteriaChoices}
          value={criteriaChoices.filter((o) => stage.exitCriteria.includes(o.value))}
          isDisabled={readOnly}
          placeholder={t('settings.stage.criteriaPlaceholder')}
          validationState={criteria.invalid ? 'error' : 'default'}
          menuPlacement="auto"
          onChange={(options) => onChange({ exitCriteria: options.map((o) => o.value) })}
        />
        <span className="relay-field__help">{t('settings.stage.criteriaHelp')}</span>
        <FieldError id={criteria.errorId} message={criteria.error} />
      </div>
    </li>
  );
}

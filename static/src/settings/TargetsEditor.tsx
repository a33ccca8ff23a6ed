import Button, { IconButton } from '@atlaskit/button/new';
import DeleteIcon from '@atlaskit/icon/core/delete';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { FieldError } from '../lib/components';
import { t } from '../lib/i18n';
import type { PeriodChoice, TargetDraft } from './pipeline-draft';
import { periodName } from '../lib/period-format';
import '../lib/areas/settings';

interface Props {
  targets: TargetDraft[];
  periods: PeriodChoice[];
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (index: number, patch: Partial<TargetDraft>) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
}

/**
 * Targets per fiscal period: one row each with the period, the amount as people type it (parsed
 * into exact minor units on save) and its currency.
 */
export function TargetsEditor({ targets, periods, readOnly, errors, onChange, onAdd, onRemove }: Props) {
  return (
    <div className="relay-targets" data-testid="targets">
      {targets.length === 0 ? <p className="relay-muted">{t('settings.targets.empty')}</p> : null}
      <ul className="relay-targets__rows">
        {targets.map((target, i) => {
          const ids = { period: `target-${i}-period`, amount: `target-${i}-amount`, currency: `target-${i}-currency` };
          const err = { period: errors[`targets.${i}.period`], amount: errors[`targets.${i}.amountMinor`], currency: errors[`targets.${i}.currency`] };
          return (
            <li key={target.key} className="relay-targets__row" data-testid={`target-${i}`}>
              <div className="relay-field">
                <label htmlFor={ids.period}>{t('settings.targets.period')}</label>
                <Select<PeriodChoice>
                  inputId={ids.period}
                  options={periods}
                  value={periods.find((p) => p.value === target.period) ?? { value: target.period, label: periodName(target.period) }}
                  isDisabled={readOnly}
                  validationState={err.period ? 'error' : 'default'}
                  menuPlacement="auto"
                  onChange={(option) => option && onChange(i, { period: option.value })}
                />
                <FieldError id={`${ids.period}-error`} message={err.period} />
              </div>
              <div className="relay-field">
                <label htmlFor={ids.amount}>{t('settings.targets.amount')}</label>
                <Textfield id={ids.amount} value={target.amount} inputMode="decimal" isInvalid={err.amount !== undefined} isReadOnly={readOnly} aria-describedby={err.amount ? `${ids.amount}-error` : undefined} onChange={(e) => onChange(i, { amount: e.currentTarget.value })} />
                <FieldError id={`${ids.amount}-error`} message={err.amount} />
              </div>
              <div className="relay-field relay-targets__currency">
                <label htmlFor={ids.currency}>{t('settings.targets.currency')}</label>
                <Textfield id={ids.currency} value={target.currency} maxLength={3} isInvalid={err.currency !== undefined} isReadOnly={readOnly} aria-describedby={err.currency ? `${ids.currency}-error` : undefined} onChange={(e) => onChange(i, { currency: e.currentTarget.value.toUpperCase() })} />
                <FieldError id={`${ids.currency}-error`} message={err.currency} />
              </div>
              {readOnly ? null : (
                <div className="relay-targets__remove">
                  <IconButton icon={DeleteIcon} label={t('settings.targets.remove', { period: periodName(target.period) })} onClick={() => onRemove(i)} testId={`target-${i}-remove`} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {readOnly ? null : (
        <div>
          <Button onClick={onAdd} testId="target-add">
            {t('settings.targets.add')}
          </Button>
        </div>
      )}
    </div>
  );
}

import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { useEffect, useRef } from 'react';
import { FieldError } from '../../lib/components';
import { t } from '../../lib/i18n';
import { fieldState } from './editor-fields';
import { insertPlaceholder, PLACEHOLDERS, unknownPlaceholders } from './template-draft';
import '../../lib/areas/settings';

/**
 * The issue summary template, with a button per placeholder that inserts it at the caret (or over
 * the selection) and a warning naming any placeholder the job would not fill.
 */
export function SummaryField({ value, onChange, errors, readOnly }: { value: string; onChange: (text: string) => void; errors: Record<string, string>; readOnly: boolean }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const caretAfter = useRef<number | null>(null);
  const summary = fieldState(errors, 'summaryTemplate', 'handoff-summary-help');
  const unknown = unknownPlaceholders(value);

  // After a placeholder button, the caret sits just after what it inserted.
  useEffect(() => {
    const caret = caretAfter.current;
    if (caret === null) return;
    caretAfter.current = null;
    inputRef.current?.focus();
    inputRef.current?.setSelectionRange(caret, caret);
  }, [value]);

  const insert = (placeholder: string) => {
    const input = inputRef.current;
    const end = value.length;
    const next = insertPlaceholder(value, input?.selectionStart ?? end, input?.selectionEnd ?? end, placeholder);
    caretAfter.current = next.caret;
    onChange(next.text);
  };

  return (
    <div className="relay-field">
      <label htmlFor={summary.id}>{t('settings.handoff.summary')}</label>
      <Textfield id={summary.id} ref={inputRef} value={value} isReadOnly={readOnly} isInvalid={summary.invalid} aria-describedby={summary.describedBy} onChange={(e) => onChange(e.currentTarget.value)} />
      <span className="relay-field__help" id="handoff-summary-help">
        {t('settings.handoff.summaryHelp')}
      </span>
      {readOnly ? null : (
        <div className="relay-handoff-placeholders" role="group" aria-label={t('settings.handoff.placeholders')}>
          <span className="relay-handoff-label">{t('settings.handoff.placeholders')}</span>
          {PLACEHOLDERS.map((placeholder) => (
            <Button key={placeholder} spacing="compact" onClick={() => insert(placeholder)} aria-label={t('settings.handoff.insert', { placeholder })} testId={`handoff-insert-${placeholder.slice(2, -2)}`}>
              <code>{placeholder}</code>
            </Button>
          ))}
        </div>
      )}
      {unknown.length > 0 ? (
        <span className="relay-handoff-warning" data-testid="handoff-unknown-placeholder">
          {t('settings.handoff.unknownPlaceholder', { names: unknown.map((name) => `{{${name}}}`).join(', ') })}
        </span>
      ) : null}
      <FieldError id={summary.errorId} message={summary.error} />
    </div>
  );
}

import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import type { FormEvent, ReactNode } from 'react';
import { useId, useState } from 'react';
import { errorMessage } from '../../lib/components';
import { DateField } from '../../lib/controls';
import { t } from '../../lib/i18n';

/** A message for the cell itself (a value that cannot be saved, or a conflict explained). */
export class InlineError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InlineError';
  }
}

interface Props {
  /** The field's name, read out with the record's name: "Edit Amount of Acme: Platform rollout". */
  label: string;
  display: ReactNode;
  /** The text the editor starts with (the value as a person types it, e.g. "12000.50"). */
  initial: string;
  type?: 'text' | 'date';
  canEdit: boolean;
  onSave: (text: string) => Promise<void>;
  testId: string;
}

/**
 * Click (or Enter on) a value to edit it in place; Enter saves, Escape cancels. A failed save keeps
 * the editor open with what the user typed and the reason beside it — for a CONFLICT the caller has
 * already put the current record in the row and says what it now holds, so Save again retries
 * against the new version.
 */
export function InlineEdit({ label, display, initial, type = 'text', canEdit, onSave, testId }: Props) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errorId = useId();

  if (!canEdit) return <span data-testid={testId}>{display}</span>;

  if (!editing) {
    return (
      <button
        type="button"
        className="relay-inline"
        data-testid={testId}
        // The visible value is the button's name (WCAG 2.5.3: a label must not hide it); what pressing it does is its description.
        title={t('records.inline.edit', { field: label })}
        onClick={() => {
          setText(initial);
          setError(null);
          setEditing(true);
        }}
      >
        {display}
      </button>
    );
  }

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setSaving(true);
    setError(null);
    try {
      await onSave(text);
      setEditing(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="relay-inline-form" onSubmit={(e) => void submit(e)} data-testid={`${testId}-form`}>
      {type === 'date' ? (
        <DateField label={label} value={text} onChange={setText} isInvalid={error ? true : false} describedBy={error ? errorId : undefined} testId={`${testId}-input`} />
      ) : (
        <Textfield
          aria-label={label}
          value={text}
          autoFocus
          isCompact
          isInvalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          testId={`${testId}-input`}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(false);
            }
          }}
        />
      )}
      <div className="relay-inline-form__actions">
        <Button type="submit" appearance="primary" spacing="compact" isLoading={saving} testId={`${testId}-save`}>
          {t('common.save')}
        </Button>
        <Button type="button" spacing="compact" onClick={() => setEditing(false)} isDisabled={saving}>
          {t('common.cancel')}
        </Button>
      </div>
      {error ? (
        <span className="relay-field__error" id={errorId} role="alert" data-testid={`${testId}-error`}>
          {errorMessage(error)}
        </span>
      ) : null}
    </form>
  );
}

import Button, { IconButton } from '@atlaskit/button/new';
import ArrowDownIcon from '@atlaskit/icon/core/arrow-down';
import ArrowUpIcon from '@atlaskit/icon/core/arrow-up';
import DeleteIcon from '@atlaskit/icon/core/delete';
import Textfield from '@atlaskit/textfield';
import { useEffect, useRef, useState } from 'react';
import { FieldError } from '../../lib/components';
import { t } from '../../lib/i18n';
import type { ChecklistLine } from './template-draft';
import '../../lib/areas/settings';

type LineAction = 'up' | 'down' | 'remove';

interface Props {
  lines: ChecklistLine[];
  readOnly: boolean;
  errors: Record<string, string>;
  onChange: (index: number, text: string) => void;
  onAdd: () => void;
  onAction: (index: number, action: LineAction) => void;
}

/**
 * The checklist (one child issue per line) as an ordered list of text fields with move up / move
 * down / remove buttons: the keyboard way to reorder, no drag needed. After a move, focus stays on
 * the button that was pressed, at the line's new place, and the move is announced; after "Add line"
 * focus goes to the new, empty line.
 */
export function ChecklistEditor({ lines, readOnly, errors, onChange, onAdd, onAction }: Props) {
  const focusAfter = useRef<{ key: string; action: LineAction | 'add' } | null>(null);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    const request = focusAfter.current;
    if (!request) return;
    focusAfter.current = null;
    if (request.action === 'add') {
      const last = lines[lines.length - 1];
      if (last) document.querySelector<HTMLInputElement>(`[data-line-key="${CSS.escape(last.key)}"] input`)?.focus();
      return;
    }
    const row = document.querySelector(`[data-line-key="${CSS.escape(request.key)}"]`);
    const wanted = row?.querySelector<HTMLButtonElement>(`button[data-testid$="-${request.action}"]:not([disabled])`);
    const fallback = row?.querySelector<HTMLButtonElement>('button[data-testid$="-up"]:not([disabled]), button[data-testid$="-down"]:not([disabled])');
    (wanted ?? fallback)?.focus();
  }, [lines]);

  const act = (index: number, action: LineAction) => {
    const line = lines[index];
    if (!line) return;
    if (action !== 'remove') {
      focusAfter.current = { key: line.key, action };
      setAnnouncement(t('settings.handoff.lineMoved', { n: index + (action === 'up' ? 0 : 2), count: lines.length }));
    }
    onAction(index, action);
  };

  const add = () => {
    onAdd();
    // The new line's key is made by the draft; the effect focuses the last row's input.
    focusAfter.current = { key: '', action: 'add' };
  };

  return (
    <div className="relay-field" role="group" aria-labelledby="handoff-checklist-label">
      <span className="relay-handoff-label" id="handoff-checklist-label">
        {t('settings.handoff.checklist')}
      </span>
      <span className="relay-field__help">{t('settings.handoff.checklistHelp')}</span>
      {lines.length === 0 ? <p className="relay-muted">{t('settings.handoff.checklistEmpty')}</p> : null}
      <ol className="relay-handoff-checklist" data-testid="handoff-checklist">
        {lines.map((line, index) => {
          const id = `handoff-line-${index}`;
          const error = errors[`checklist.${index}`];
          const label = t('settings.handoff.line', { n: index + 1 });
          return (
            <li key={line.key} className="relay-handoff-line" data-line-key={line.key} data-testid={id}>
              <span className="relay-handoff-line__index" aria-hidden="true">
                {index + 1}.
              </span>
              <div className="relay-field">
                <Textfield
                  id={id}
                  aria-label={label}
                  value={line.text}
                  isReadOnly={readOnly}
                  isInvalid={error !== undefined}
                  aria-describedby={error !== undefined ? `${id}-error` : undefined}
                  onChange={(e) => onChange(index, e.currentTarget.value)}
                />
                <FieldError id={`${id}-error`} message={error} />
              </div>
              {readOnly ? null : (
                <div className="relay-handoff-line__actions" role="group" aria-label={label}>
                  <IconButton icon={ArrowUpIcon} label={t('settings.handoff.lineUp', { n: index + 1 })} isDisabled={index === 0} onClick={() => act(index, 'up')} testId={`${id}-up`} />
                  <IconButton icon={ArrowDownIcon} label={t('settings.handoff.lineDown', { n: index + 1 })} isDisabled={index === lines.length - 1} onClick={() => act(index, 'down')} testId={`${id}-down`} />
                  <IconButton icon={DeleteIcon} label={t('settings.handoff.lineRemove', { n: index + 1 })} onClick={() => act(index, 'remove')} testId={`${id}-remove`} />
                </div>
              )}
            </li>
          );
        })}
      </ol>
      <FieldError id="handoff-checklist-error" message={errors.checklist} />
      <div className="relay-visually-hidden" aria-live="polite" data-testid="handoff-line-announcement">
        {announcement}
      </div>
      {readOnly ? null : (
        <div>
          <Button onClick={add} testId="handoff-line-add">
            {t('settings.handoff.lineAdd')}
          </Button>
        </div>
      )}
    </div>
  );
}

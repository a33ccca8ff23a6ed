import SectionMessage from '@atlaskit/section-message';
import Skeleton from '@atlaskit/skeleton';
import type { ReactElement, ReactNode } from 'react';
import { cloneElement, useId } from 'react';
import { errorMessage } from '../../lib/components';
import { t } from '../../lib/i18n';
import type { FieldErrors } from './forms';

/**
 * Small pieces every record view shares: a labelled field whose error sits beside it (and is tied
 * to the input with aria-describedby, so a screen reader reads it too), a form-level error with the
 * server's own message, and table skeleton rows.
 */
export function Field({ label, name, errors, help, children }: { label: string; name: string; errors: FieldErrors; help?: string; children: ReactElement }) {
  const id = useId();
  const error = errors[name];
  const describedBy = [error ? `${id}-error` : null, help ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="relay-field" data-field={name}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, name, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, isInvalid: error ? true : undefined })}
      {help ? (
        <span className="relay-field__help" id={`${id}-help`}>
          {help}
        </span>
      ) : null}
      {error ? (
        <span className="relay-field__error" id={`${id}-error`} data-testid={`field-error-${name}`}>
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** A native select styled like Atlaskit's fields (keyboard and screen-reader behaviour come free). */
export function NativeSelect({
  value,
  onChange,
  options,
  isInvalid,
  ...rest
}: {
  value: string;
  onChange: (value: string) => void;
  options: Array<{ value: string; label: string }>;
  isInvalid?: boolean;
  id?: string;
  name?: string;
  'aria-label'?: string;
  'data-testid'?: string;
  disabled?: boolean;
}) {
  return (
    <select className={isInvalid ? 'relay-select relay-select--invalid' : 'relay-select'} value={value} onChange={(e) => onChange(e.target.value)} {...rest}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

export function FormError({ error, children }: { error: unknown; children?: ReactNode }) {
  if (!error) return null;
  return (
    <SectionMessage appearance="error" title={t('records.form.failed')} testId="form-error">
      <p>{errorMessage(error)}</p>
      {children}
    </SectionMessage>
  );
}

export function SkeletonRows({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, r) => (
        <tr key={r} aria-hidden="true" data-testid="skeleton-row">
          {Array.from({ length: columns }, (_, c) => (
            <td key={c}>
              <Skeleton width="80%" height={12} isShimmering />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

import type { ReactNode } from 'react';

/**
 * The page-level note every surface uses (styles.css `.relay-banner`): a tone, its icon, an optional
 * heading and the messages. `role` says how urgent it is to assistive tech: an error is an alert,
 * a state of the whole app a status, an explanation a note.
 */
export function Banner({ tone, role, testId, title, children }: { tone: 'info' | 'warning' | 'error'; role: 'alert' | 'status' | 'note'; testId?: string; title?: ReactNode; children: ReactNode }) {
  return (
    <div className={`relay-banner relay-banner--${tone}`} role={role} data-testid={testId}>
      <span className="relay-banner__icon" aria-hidden="true">
        {tone === 'info' ? 'i' : '!'}
      </span>
      <div className="relay-banner__body">
        {title === undefined || title === null ? null : <strong className="relay-banner__title">{title}</strong>}
        {children}
      </div>
    </div>
  );
}

import { showFlag } from '@forge/bridge';
import Heading from '@atlaskit/heading';
import type { ReactNode } from 'react';
import { Component } from 'react';
import { api } from './api';
import { ApiError } from './api-error';
import { Banner } from './banner';
import type { MessageKey } from './i18n';
import { hasMessage, listText, messageLocale, t, tn } from './i18n';
import { issueText } from './field-messages';
import { useAsync } from './use-async';
import { Avatar, usePeople, usePeopleHold } from './people';

/**
 * The page title as Jira shows its own pages: Atlaskit's heading on the product's typography, with
 * an optional line under it and actions to the right.
 */
export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children?: ReactNode }) {
  return (
    <header className="relay-header">
      <div className="relay-header__brand" aria-hidden="true">
        R
      </div>
      <div className="relay-header__text">
        <Heading size="large" as="h1">
          {title}
        </Heading>
        {subtitle ? <p className="relay-header__subtitle">{subtitle}</p> : null}
      </div>
      {children ? <div className="relay-header__actions">{children}</div> : null}
    </header>
  );
}

export function Card({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="relay-card" aria-label={title} data-testid={testId}>
      <h2 className="relay-card__title">{title}</h2>
      {children}
    </section>
  );
}

/** A field's name as forms and the timeline call it, for sentences about a field at fault. */
function fieldName(path: string): string {
  const last = path.split('.').pop() ?? path;
  for (const key of [`dealField.${last}`, `records.field.${last}`]) if (hasMessage(key)) return t(key);
  return last;
}

/**
 * The user-facing sentence for an error. Refusals Relay words itself come from the i18n resources
 * by their reason (a stage's missing exit criteria name the fields by their labels, never by their
 * keys); a payload the contract refused names its first field and what is wrong with it; other
 * VALIDATION and CONFLICT answers carry the use case's own sentence, which is English, so a user
 * in another language reads the code's translated sentence instead; everything else a fixed one.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    const reason = typeof error.details.reason === 'string' ? error.details.reason : null;
    if (reason === 'STAGE_EXIT_CRITERIA' && Array.isArray(error.details.missing)) {
      const fields = error.details.missing.filter((f): f is string => typeof f === 'string').map(fieldName);
      return tn('error.reason.STAGE_EXIT_CRITERIA', fields.length, { fields: listText(fields) });
    }
    const reasonKey = `error.reason.${reason ?? ''}`;
    if (reason && hasMessage(reasonKey)) return t(reasonKey);
    if (error.code === 'VALIDATION' && reason === null && error.fields[0]?.code) {
      const first = error.fields[0];
      return t('error.VALIDATION.field', { field: fieldName(first.path), problem: issueText(first) });
    }
    const key = `error.${error.code}`;
    const english = messageLocale() === 'en-US';
    if (english && (error.code === 'VALIDATION' || error.code === 'CONFLICT')) return error.message;
    return hasMessage(key) ? t(key) : english ? error.message : t('error.INTERNAL');
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * A failure shown in place: the server's message (see `errorMessage`), the call and code for
 * support, and a retry when the screen can simply ask again. Drawn like Atlaskit's error section
 * message with tokens rather than with the component itself: every surface loads this module
 * first, and @atlaskit/section-message brings the button, tooltip and feature-gate runtime into
 * the initial bundle (about 40 KB gzip) for one box.
 */
export function ErrorBanner({
  error,
  onRetry,
  title,
  subject,
  message,
  testId = 'error-banner',
}: {
  error: unknown;
  onRetry?: () => void;
  /** The heading; null for none (a gadget's small box names its subject instead). */
  title?: string | null;
  /** What failed, when a screen checks several things (e.g. one project of a gadget). */
  subject?: string;
  /** The sentence to show, when the surface words a failure its own way; else `errorMessage`. */
  message?: string;
  testId?: string;
}) {
  return (
    <Banner tone="error" role="alert" testId={testId} title={title === null ? null : (title ?? t('error.title'))}>
      {subject ? (
        <p className="relay-banner__message relay-banner__subject" data-testid={`${testId}-subject`}>
          {subject}
        </p>
      ) : null}
      <p className="relay-banner__message" data-testid={`${testId}-message`}>
        {message ?? errorMessage(error)}
      </p>
      {error instanceof ApiError ? <p className="relay-muted relay-mono">{`${error.callKey} · ${error.code}`}</p> : null}
      {onRetry ? (
        <button type="button" className="relay-link-button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
    </Banner>
  );
}

/**
 * A Jira flag (bottom left of the product) for what happened after an action: the server's own
 * message on failure. Flags belong to the product, so they survive the frame re-rendering.
 */
export function flagError(error: unknown, title: string = t('error.title')): void {
  try {
    showFlag({ id: `relay-error-${Date.now()}`, type: 'error', title, description: errorMessage(error), isAutoDismiss: false });
  } catch {
    // A product without flags still has the banner the screen shows.
  }
}

export function flagSuccess(title: string, description?: string): void {
  try {
    showFlag({ id: `relay-ok-${Date.now()}`, type: 'success', title, ...(description ? { description } : {}), isAutoDismiss: true });
  } catch {
    // Flags are a courtesy; the screen already shows the saved state.
  }
}

/** The error beside a form field, announced when it appears; its test id is its `id` unless named. */
export function FieldError({ id, message, testId = id }: { id?: string; message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <span className="relay-field__error" id={id} role="alert" data-testid={testId}>
      {message}
    </span>
  );
}

/**
 * Grey blocks in the shape of the page while its data loads (no spinner jumping to content), in
 * Atlaskit's skeleton tokens; plain elements for the same bundle reason as ErrorBanner.
 */
export function PageSkeleton({ rows = 3, label }: { rows?: number; label?: string }) {
  // What the skeleton stands for will name people: the footer's quiet lookup waits to join its call.
  usePeopleHold();
  return (
    <div className="relay-skeleton" role="status" aria-live="polite" aria-label={label ?? t('common.loading')} data-testid="page-skeleton">
      <span className="relay-skeleton__block relay-skeleton__block--title" />
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="relay-skeleton__block" />
      ))}
    </div>
  );
}

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    return this.state.error ? <ErrorBanner error={this.state.error} /> : this.props.children;
  }
}

/** A styled "coming later" block that says what the view will do, so nobody mistakes it for a bug. */
export function Placeholder({ feature, body }: { feature: MessageKey; body: MessageKey }) {
  return (
    <div className="relay-placeholder" role="note">
      <p className="relay-placeholder__title">{t('placeholder.arrives', { feature: t(feature) })}</p>
      <p className="relay-placeholder__body">{t(body)}</p>
    </div>
  );
}

/**
 * Calls `system/status` through the real bridge and says in one quiet line, at the foot of
 * full-width pages, who the resolver saw (by name, as Jira shows people) and for which project:
 * a working line proves the whole path (bridge → invoke → resolver → storage) for this surface.
 */
export function ConnectionStatus() {
  const status = useAsync(() => api.system.status());
  const accountId = status.status === 'ok' ? status.data.accountId : null;
  // Quiet: the footer's own name joins the screen's people lookup rather than making one of its own.
  const people = usePeople([accountId], { quiet: true });
  const name = accountId ? people.nameOf(accountId) : '';
  return (
    <footer className="relay-connection" aria-label={t('connection.title')} data-testid="connection-status">
      {status.status === 'loading' ? <span className="relay-muted">{t('connection.checking')}</span> : null}
      {status.status === 'error' ? (
        <span className="relay-field__error" role="alert">
          {`${t('connection.failed')} ${errorMessage(status.error)}`}{' '}
          <button type="button" className="relay-link-button" onClick={status.reload}>
            {t('common.retry')}
          </button>
        </span>
      ) : null}
      {status.status === 'ok' ? (
        <span className="relay-muted">
          {t('connection.ok')}
          {' · '}
          <span className="relay-person relay-connection__user">
            {t('connection.signedInAs')} <Avatar person={people.person(status.data.accountId)} name={name} size={16} label={null} /> <span data-testid="connection-user">{name}</span>
          </span>
          {' · '}
          {t('connection.project')} <span className="relay-mono" data-testid="connection-project-key">{status.data.projectKey ?? t('common.notSet')}</span>
        </span>
      ) : null}
    </footer>
  );
}

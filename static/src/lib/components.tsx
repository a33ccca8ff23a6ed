import type { ReactNode } from 'react';
import { Component } from 'react';
import { api } from './api';
import { ApiError } from './api-error';
import { useForgeContext } from './context';
import type { MessageKey } from './i18n';
import { hasMessage, t } from './i18n';
import { useAsync } from './use-async';

export function PageHeader({ title, subtitle, children }: { title: string; subtitle?: string; children?: ReactNode }) {
  return (
    <header className="relay-header">
      <div className="relay-header__brand" aria-hidden="true">
        R
      </div>
      <div className="relay-header__text">
        <h1 className="relay-header__title">{title}</h1>
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

/** The user-facing sentence for an error: the resolver's own message for VALIDATION / CONFLICT, a fixed one otherwise. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'VALIDATION' || error.code === 'CONFLICT') return error.message;
    const key = `error.${error.code}`;
    return hasMessage(key) ? t(key) : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorBanner({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="relay-banner relay-banner--error" role="alert">
      <strong>{t('error.title')}</strong>
      <p>{errorMessage(error)}</p>
      {error instanceof ApiError ? <p className="relay-muted relay-mono">{`${error.callKey} · ${error.code}`}</p> : null}
      {onRetry ? (
        <button type="button" className="relay-button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      ) : null}
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

function formatInstant(ms: number, locale: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

/**
 * Calls `system/status` through the real bridge and shows who the resolver saw: a working card
 * proves the whole path (bridge → invoke → resolver → storage) for this surface.
 */
export function ConnectionCard() {
  const context = useForgeContext();
  const status = useAsync(() => api.system.status());
  return (
    <Card title={t('connection.title')} testId="connection-card">
      {status.status === 'loading' ? <p className="relay-muted">{t('connection.checking')}</p> : null}
      {status.status === 'error' ? <ErrorBanner error={status.error} onRetry={status.reload} /> : null}
      {status.status === 'ok' ? (
        <>
          <p className="relay-lozenge relay-lozenge--success">{t('connection.ok')}</p>
          <dl className="relay-facts">
            <dt>{t('connection.account')}</dt>
            <dd className="relay-mono" data-testid="connection-account-id">
              {status.data.accountId}
            </dd>
            <dt>{t('connection.project')}</dt>
            <dd className="relay-mono" data-testid="connection-project-key">
              {status.data.projectKey ?? t('common.notSet')}
            </dd>
            {status.data.issueKey ? (
              <>
                <dt>{t('connection.issue')}</dt>
                <dd className="relay-mono">{status.data.issueKey}</dd>
              </>
            ) : null}
            <dt>{t('connection.module')}</dt>
            <dd className="relay-mono">{status.data.moduleKey}</dd>
            <dt>{t('connection.installedAt')}</dt>
            <dd data-testid="connection-installed-at">{formatInstant(status.data.installedAt, context.locale, context.timezone)}</dd>
          </dl>
        </>
      ) : null}
    </Card>
  );
}

import { router } from '@forge/bridge';
import { useCallback } from 'react';
import type { SetupLink, SetupStep } from '../../../src/contracts/setup';
import { api } from '../lib/api';
import { ConnectionStatus, ErrorBanner, flagError, PageHeader, PageSkeleton } from '../lib/components';
import { hasMessage, listText, t, type MessageKey } from '../lib/i18n';
import { mount } from '../lib/mount';
import { useAsync } from '../lib/use-async';
import './get-started.css';
import '../lib/areas/setup';

const text = (key: string, vars: Record<string, string | number> = {}) => (hasMessage(key) ? t(key as MessageKey, vars) : key);

/** Opens where a step is done: Relay's own modules through Forge's router, Jira pages by their site path. */
function open(link: SetupLink): void {
  const target = link.kind === 'module' ? { target: 'module' as const, moduleKey: link.moduleKey, ...(link.projectKey ? { projectKey: link.projectKey } : {}) } : link.path;
  void router.navigate(target as Parameters<typeof router.navigate>[0]).catch((error: unknown) => flagError(error));
}

/** The facts a step was detected from, in words (who holds the permission, which currencies lack a rate, …). */
function Facts({ step }: { step: SetupStep }) {
  const lines: string[] = [];
  const id = step.id;
  if (id === 'crm-enabled' && step.projectKeys.length > 0) lines.push(text('setup.step.crm-enabled.facts', { projects: listText(step.projectKeys) }));
  if (id === 'edit-permission') {
    for (const [project, people] of Object.entries(step.holders ?? {})) {
      lines.push(people.length > 0 ? text('setup.step.edit-permission.holders', { project, people: listText(people) }) : text('setup.step.edit-permission.nobody', { project }));
    }
  }
  if (id === 'handoff-template' && step.projectKeys.length > 0) lines.push(text('setup.step.handoff-template.facts', { projects: listText(step.projectKeys) }));
  if (id === 'exchange-rates') {
    if ((step.currencies ?? []).length > 0) lines.push(text('setup.step.exchange-rates.missing', { currencies: listText(step.currencies ?? []) }));
    if (step.projectKeys.length > 0) lines.push(text('setup.step.exchange-rates.waiting', { projects: listText(step.projectKeys) }));
  }
  if (id === 'gadgets' && (step.dashboards ?? []).length > 0) lines.push(text('setup.step.gadgets.facts', { dashboards: listText((step.dashboards ?? []).map((d) => d.name)) }));
  if (lines.length === 0) return null;
  return (
    <ul className="relay-setup__facts" data-testid="setup-facts">
      {lines.map((line) => (
        <li key={line}>{line}</li>
      ))}
    </ul>
  );
}

function Step({ step, index }: { step: SetupStep; index: number }) {
  const action = step.id === 'crm-enabled' && step.link?.kind === 'jira' ? 'setup.step.crm-enabled.actionNone' : `setup.step.${step.id}.action`;
  return (
    <li className={`relay-setup__step relay-setup__step--${step.state}`} data-testid={`setup-step-${step.id}`} data-state={step.state}>
      <span className="relay-setup__marker" aria-hidden="true">
        {step.state === 'done' ? '✓' : index + 1}
      </span>
      <div className="relay-setup__body">
        <h2 className="relay-setup__title">
          {text(`setup.step.${step.id}.title`)} <span className={`relay-setup__state relay-setup__state--${step.state}`}>{text(`setup.state.${step.state}`)}</span>
        </h2>
        <p>{text(`setup.step.${step.id}.body`)}</p>
        <Facts step={step} />
        {step.link ? (
          <button type="button" className={`relay-button${step.state === 'todo' ? ' relay-button--primary' : ''}`} onClick={() => open(step.link!)} data-testid={`setup-action-${step.id}`}>
            {text(action)}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function Checklist() {
  const load = useCallback(() => api.setup.checklist(), []);
  const checklist = useAsync(load);
  if (checklist.status === 'loading') return <PageSkeleton rows={6} />;
  if (checklist.status === 'error') return <ErrorBanner error={checklist.error} onRetry={checklist.reload} />;
  const { steps, done, total } = checklist.data;
  return (
    <>
      <p className="relay-setup__progress" data-testid="setup-progress">
        {t('setup.progress', { done, total })}{' '}
        <button type="button" className="relay-link-button" onClick={checklist.reload}>
          {t('setup.recheck')}
        </button>
      </p>
      <ol className="relay-setup" aria-label={t('setup.title')}>
        {steps.map((step, index) => (
          <Step key={step.id} step={step} index={index} />
        ))}
      </ol>
    </>
  );
}

/** Jira settings → Apps → Manage apps → Relay → Get started (`useAsGetStarted`). */
function GetStarted() {
  return (
    <div className="relay-page">
      <PageHeader title={t('setup.title')} subtitle={t('setup.subtitle')} />
      <main className="relay-main" data-testid="get-started-page">
        <Checklist />
      </main>
      <ConnectionStatus />
    </div>
  );
}

void mount(GetStarted);

import { requestJira, view } from '@forge/bridge';
import type { ReactNode } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { ApiError } from './api-error';
import { ErrorBanner, errorMessage, FieldError } from './components';
import type { RefreshMinutes } from './gadget-config';
import { REFRESH_MINUTES } from './gadget-config';
import { useForgeContext } from './context';
import { t } from './i18n';
import { Defined } from './tip';
import { useAsync } from './use-async';
import './gadget.css';

export { Defined, HintedButton } from './tip';

/**
 * What both Relay gadgets share: the edit/view switch, the project picker, the definition tooltip
 * and a data hook that keeps the last numbers on screen while it asks again.
 */

const ProjectPage = z.object({ values: z.array(z.object({ key: z.string(), name: z.string() })) });
export type ProjectOption = z.infer<typeof ProjectPage>['values'][number];

/**
 * The projects the signed-in user can browse, as Jira answers them (asUser through the bridge).
 * Whether the CRM is on in one is Relay's answer, not Jira's: the edit view asks the resolver.
 */
export async function browsableProjects(): Promise<ProjectOption[]> {
  const response = await requestJira('/rest/api/3/project/search?maxResults=100&orderBy=name');
  if (!response.ok) throw new Error(t('gadgets.edit.projectsFailed', { status: response.status }));
  return ProjectPage.parse(await response.json()).values;
}

/** The server's own sentence for a failure: a gadget names the project it cannot show, so say why. */
export function gadgetErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.code === 'NOT_FOUND') {
    return error.details.reason === 'CRM_NOT_ENABLED' ? t('error.reason.CRM_NOT_ENABLED') : t('gadgets.error.projectNotFound');
  }
  return errorMessage(error);
}

/** A failure with the server's message; `subject` names what failed when a form checks several things (a project). */
export function GadgetProblem({ error, onRetry, subject }: { error: unknown; onRetry?: () => void; subject?: string }) {
  return <ErrorBanner error={error} title={null} message={gadgetErrorMessage(error)} testId="gadget-error" {...(onRetry ? { onRetry } : {})} {...(subject ? { subject } : {})} />;
}

/**
 * The project select of an edit view. Jira lists what the user may browse; typing a key remains
 * possible when the list cannot load, and the resolver has the last word either way.
 */
export function ProjectField({ value, onChange, error }: { value: string; onChange: (key: string) => void; error: string | null }) {
  const projects = useAsync(browsableProjects);
  return (
    <div className="relay-field">
      <label htmlFor="relay-gadget-project">{t('gadget.edit.project')}</label>
      {projects.status === 'ok' && projects.data.length > 0 ? (
        <select id="relay-gadget-project" name="projectKey" value={value} onChange={(e) => onChange(e.target.value)} aria-describedby="relay-gadget-project-help">
          <option value="">{t('gadget.edit.projectPlaceholder')}</option>
          {projects.data.map((p) => (
            <option key={p.key} value={p.key}>{`${p.name} (${p.key})`}</option>
          ))}
        </select>
      ) : (
        <input id="relay-gadget-project" name="projectKey" value={value} placeholder={t('gadget.edit.projectKeyInput')} onChange={(e) => onChange(e.target.value.toUpperCase())} aria-describedby="relay-gadget-project-help" />
      )}
      <span className="relay-field__help" id="relay-gadget-project-help">
        {t('gadget.edit.projectHelp')}
      </span>
      {projects.status === 'error' ? <span className="relay-muted">{errorMessage(projects.error)}</span> : null}
      <FieldError message={error} testId="gadget-project-error" />
    </div>
  );
}

/** How often a gadget reads its figures again (off, or every N minutes), as both edit forms offer it. */
export function RefreshField({ value, onChange, name }: { value: RefreshMinutes; onChange: (minutes: RefreshMinutes) => void; name: string }) {
  return (
    <div className="relay-field">
      <label htmlFor="relay-gadget-refresh">{t('gadgets.edit.refresh')}</label>
      <select id="relay-gadget-refresh" name={name} value={String(value)} onChange={(e) => onChange(Number(e.target.value) as RefreshMinutes)}>
        {REFRESH_MINUTES.map((minutes) => (
          <option key={minutes} value={String(minutes)}>
            {minutes === 0 ? t('gadgets.edit.refreshOff') : t('gadgets.edit.refreshEvery', { minutes })}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The end of an edit view: why the last save failed, if it did, then Cancel and Save; Cancel asks
 * Jira to close the editor without saving.
 */
export function EditActions({ saving, failure }: { saving: boolean; failure: unknown }) {
  return (
    <>
      {failure ? <GadgetProblem error={failure} /> : null}
      <div className="relay-actions">
        <button type="button" className="relay-button" onClick={() => void view.close().catch(() => undefined)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="relay-button relay-button--primary" disabled={saving}>
          {saving ? t('gadget.edit.saving') : t('common.save')}
        </button>
      </div>
    </>
  );
}

/**
 * Save of an edit view: `submit` hands the configuration to Jira (`view.submit`), which stores it on
 * the gadget and reopens the view; when Jira refuses, `failure` says why for the form to show.
 */
export function useSubmitConfiguration() {
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const submit = async (config: Record<string, unknown>) => {
    setSaving(true);
    try {
      await view.submit(config);
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };
  return { saving, failure, submit };
}

/**
 * One figure with its label, its definition one hover away, and under it the data it was computed
 * from (`basis`: "3 won, 1 lost closing Oct 1 – Dec 31"), so nobody has to guess what a number covers.
 */
export function Metric({ label, definition, value, testId, sub, basis }: { label: string; definition: ReactNode; value: string; testId: string; sub?: ReactNode; basis?: ReactNode }) {
  return (
    <div className="relay-metric" data-testid={`${testId}-tile`}>
      <span className="relay-metric__label">{label}</span>
      <Defined definition={definition} testId={testId}>
        {value}
      </Defined>
      {sub ? <span className="relay-metric__sub">{sub}</span> : null}
      {basis ? (
        <span className="relay-metric__basis" data-testid={`${testId}-basis`}>
          {basis}
        </span>
      ) : null}
    </div>
  );
}

export interface GadgetData<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * One load per render, again on `reload()` and every `intervalMs` when given. Unlike useAsync the
 * last answer stays on screen while the next one loads, so a timed refresh never flashes a skeleton.
 */
export function useGadgetData<T>(load: () => Promise<T>, intervalMs: number | null): GadgetData<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    loadRef.current().then(
      (data) => {
        if (mine === generation.current) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (mine === generation.current) setState((s) => ({ data: s.data, error, loading: false }));
      },
    );
  }, []);

  useEffect(() => {
    reload();
    return () => {
      generation.current++;
    };
  }, [reload]);

  useEffect(() => {
    if (intervalMs === null) return undefined;
    const timer = setInterval(reload, intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, reload]);

  return { ...state, reload };
}

/** A gadget that has no usable configuration yet: say what to do, in Jira's words. */
export function NotConfigured() {
  return (
    <div className="relay-gadget" data-testid="gadget-view">
      <p className="relay-muted" data-testid="gadget-not-configured">
        {t('gadgets.view.notConfigured')}
      </p>
    </div>
  );
}

/**
 * One resource serves both views of a gadget; Jira says which with `extension.entryPoint`. The
 * configuration is read through the kind's schema (`read`), so the view never trusts raw storage.
 */
export function GadgetFrame<C>({ read, edit, show }: { read: (raw: unknown) => C | null; edit: (saved: C | null, raw: Record<string, unknown>) => ReactNode; show: (config: C | null) => ReactNode }) {
  const context = useForgeContext();
  const raw = context.extension.gadgetConfiguration ?? {};
  const config = read(raw);
  return <>{context.extension.entryPoint === 'edit' ? edit(config, raw) : show(config)}</>;
}

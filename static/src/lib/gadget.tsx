import { requestJira, view } from '@forge/bridge';
import type { FormEvent } from 'react';
import { useState } from 'react';
import { z } from 'zod';
import { ErrorBanner, Placeholder } from './components';
import { useForgeContext } from './context';
import type { GadgetConfig, GadgetKind, Period } from './gadget-config';
import { configSchema, GADGETS, periodKey } from './gadget-config';
import { t } from './i18n';
import { useAsync } from './use-async';

const ProjectPage = z.object({ values: z.array(z.object({ key: z.string(), name: z.string() })) });
type ProjectOption = z.infer<typeof ProjectPage>['values'][number];

/** The projects the signed-in user can browse, as Jira answers them (asUser through the bridge). */
async function browsableProjects(): Promise<ProjectOption[]> {
  const response = await requestJira('/rest/api/3/project/search?maxResults=100&orderBy=name');
  if (!response.ok) throw new Error(`Jira answered ${response.status} to the project search`);
  return ProjectPage.parse(await response.json()).values;
}

/**
 * The edit view of a gadget: project and period. Saving hands the configuration to Jira with
 * `view.submit`, which stores it on the gadget and reopens the view; cancelling closes the editor.
 */
export function GadgetEdit({ kind, initial }: { kind: GadgetKind; initial: Partial<GadgetConfig> }) {
  const spec = GADGETS[kind];
  const projects = useAsync(browsableProjects);
  const [projectKey, setProjectKey] = useState(initial.projectKey ?? '');
  const [period, setPeriod] = useState<Period>(initial.period ?? spec.periods[0]);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = configSchema(kind).safeParse({ projectKey: projectKey.trim().toUpperCase(), period });
    if (!parsed.success) {
      setProblem(projectKey.trim() ? (parsed.error.issues[0]?.message ?? t('gadget.edit.projectRequired')) : t('gadget.edit.projectRequired'));
      return;
    }
    setProblem(null);
    setSaving(true);
    try {
      await view.submit(parsed.data);
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  return (
    <form className="relay-gadget relay-form" onSubmit={(event) => void onSubmit(event)} aria-label={t('gadget.edit.title')}>
      <h1 className="relay-card__title">{t('gadget.edit.title')}</h1>
      <div className="relay-field">
        <label htmlFor="relay-gadget-project">{t('gadget.edit.project')}</label>
        {projects.status === 'ok' && projects.data.length > 0 ? (
          <select id="relay-gadget-project" name="projectKey" value={projectKey} onChange={(e) => setProjectKey(e.target.value)}>
            <option value="">{t('gadget.edit.projectPlaceholder')}</option>
            {projects.data.map((p) => (
              <option key={p.key} value={p.key}>{`${p.name} (${p.key})`}</option>
            ))}
          </select>
        ) : (
          // Without a project list (still loading, or Jira refused) the key can still be typed.
          <input id="relay-gadget-project" name="projectKey" value={projectKey} placeholder={t('gadget.edit.projectKeyInput')} onChange={(e) => setProjectKey(e.target.value)} />
        )}
        <span className="relay-field__help">{t('gadget.edit.projectHelp')}</span>
        {problem ? (
          <span className="relay-field__error" role="alert">
            {problem}
          </span>
        ) : null}
      </div>
      <div className="relay-field">
        <label htmlFor="relay-gadget-period">{t('gadget.edit.period')}</label>
        <select id="relay-gadget-period" name="period" value={period} onChange={(e) => setPeriod(e.target.value as Period)}>
          {spec.periods.map((p) => (
            <option key={p} value={p}>
              {t(periodKey(p))}
            </option>
          ))}
        </select>
      </div>
      {failure ? <ErrorBanner error={failure} /> : null}
      <div className="relay-actions">
        <button type="button" className="relay-button" onClick={() => void view.close().catch(() => undefined)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="relay-button relay-button--primary" disabled={saving}>
          {saving ? t('gadget.edit.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}

/** The gadget on the dashboard: its saved configuration, and what it will show once its feature lands. */
export function GadgetView({ kind, config }: { kind: GadgetKind; config: GadgetConfig | null }) {
  const spec = GADGETS[kind];
  return (
    <div className="relay-gadget" data-testid="gadget-view">
      {config ? (
        <dl className="relay-facts" data-testid="gadget-config">
          <dt>{t('gadget.view.project')}</dt>
          <dd className="relay-mono" data-testid="gadget-config-project">
            {config.projectKey}
          </dd>
          <dt>{t('gadget.view.period')}</dt>
          <dd data-testid="gadget-config-period">{t(periodKey(config.period))}</dd>
        </dl>
      ) : (
        <p className="relay-muted" data-testid="gadget-not-configured">
          {t('gadget.view.notConfigured')}
        </p>
      )}
      <Placeholder feature={spec.feature} body={spec.featureBody} />
    </div>
  );
}

/** One resource serves both views of a gadget; Jira says which with `extension.entryPoint`. */
export function GadgetApp({ kind }: { kind: GadgetKind }) {
  const context = useForgeContext();
  const saved = configSchema(kind).safeParse(context.extension.gadgetConfiguration ?? {});
  if (context.extension.entryPoint === 'edit') {
    const raw = context.extension.gadgetConfiguration ?? {};
    const initial: Partial<GadgetConfig> = saved.success ? saved.data : { projectKey: typeof raw.projectKey === 'string' ? raw.projectKey : '' };
    return <GadgetEdit kind={kind} initial={initial} />;
  }
  return <GadgetView kind={kind} config={saved.success ? saved.data : null} />;
}

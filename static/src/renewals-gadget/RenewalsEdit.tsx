import type { FormEvent } from 'react';
import { useState } from 'react';
import { api } from '../lib/api';
import { FieldError } from '../lib/components';
import { EditActions, GadgetProblem, RefreshField, useSubmitConfiguration } from '../lib/gadget';
import type { HealthFilter, Horizon, RefreshMinutes, RenewalsConfig } from '../lib/gadget-config';
import { HEALTH_FILTER, HORIZONS, MAX_PIPELINE_PROJECTS, RenewalsConfig as RenewalsConfigSchema } from '../lib/gadget-config';
import { tierText } from '../lib/health-text';
import { t } from '../lib/i18n';
import { useProjectChecks } from '../lib/use-project-checks';
import { ProjectsField } from '../pipeline-gadget/ProjectsField';

type FieldErrors = Partial<Record<'project' | 'health', string>>;


/**
 * The Renewals gadget's edit view: the projects (each checked with Relay, which names why it cannot
 * report on one), the horizon, the health tiers to count and the refresh. The view submits what
 * RenewalsConfig accepts, nothing else.
 */
export function RenewalsEdit({ saved, initialProjectKeys }: { saved: RenewalsConfig | null; initialProjectKeys: string[] }) {
  const [projectKeys, setProjectKeys] = useState<string[]>(saved?.projectKeys ?? initialProjectKeys);
  const [horizonDays, setHorizonDays] = useState<Horizon>(saved?.horizonDays ?? 90);
  const [health, setHealth] = useState<HealthFilter[]>(saved?.health ?? [...HEALTH_FILTER]);
  const [refreshMinutes, setRefreshMinutes] = useState<RefreshMinutes>(saved?.refreshMinutes ?? 0);
  const { checks, settle } = useProjectChecks(projectKeys, (projectKey) => api.gadgets.renewals({ projectKey, horizonDays: 30 }).then(() => undefined));
  const [errors, setErrors] = useState<FieldErrors>({});
  const { saving, failure, submit } = useSubmitConfiguration();

  const toggleTier = (tier: HealthFilter, on: boolean) => setHealth((current) => HEALTH_FILTER.filter((t) => (t === tier ? on : current.includes(t))));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors = {};
    const { problem } = await settle();
    if (problem) next.project = problem;
    if (health.length === 0) next.health = t('gadget.renewals.healthRequired');
    const parsed = RenewalsConfigSchema.safeParse({ projectKeys, horizonDays, health, refreshMinutes });
    if (!parsed.success) for (const issue of parsed.error.issues) next[issue.path[0] === 'health' ? 'health' : 'project'] ??= issue.message;
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    await submit(parsed.data);
  };

  const checking = projectKeys.some((key) => checks[key]?.status === 'checking');
  const problems = projectKeys.flatMap((key) => {
    const state = checks[key];
    return state?.status === 'error' ? [{ key, error: state.error }] : [];
  });
  return (
    <form className="relay-gadget relay-form" onSubmit={(event) => void onSubmit(event)} aria-label={t('gadget.edit.title')} data-testid="renewals-gadget-edit">
      <h1 className="relay-gadget__title">{t('gadget.edit.title')}</h1>
      <ProjectsField value={projectKeys} onChange={setProjectKeys} error={errors.project ?? null} help={t('gadget.renewals.projectsHelp', { max: MAX_PIPELINE_PROJECTS })} />
      {checking ? (
        <span className="relay-muted" role="status">
          {t('gadgets.edit.projectChecking')}
        </span>
      ) : null}
      {problems.map((p) => (
        <GadgetProblem key={p.key} error={p.error} subject={p.key} />
      ))}
      <div className="relay-field">
        <label htmlFor="relay-gadget-horizon">{t('gadgets.edit.horizon')}</label>
        <select id="relay-gadget-horizon" name="horizonDays" value={String(horizonDays)} onChange={(e) => setHorizonDays(Number(e.target.value) as Horizon)}>
          {HORIZONS.map((days) => (
            <option key={days} value={String(days)}>
              {t('gadgets.edit.horizonDays', { days })}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="relay-field relay-projects" data-testid="gadget-health">
        <legend className="relay-projects__legend">{t('gadget.renewals.health')}</legend>
        <ul className="relay-projects__list">
          {HEALTH_FILTER.map((tier) => (
            <li key={tier}>
              <label className="relay-projects__option">
                <input type="checkbox" name="health" value={tier} checked={health.includes(tier)} onChange={(e) => toggleTier(tier, e.target.checked)} />
                <span>{tierText(tier)}</span>
              </label>
            </li>
          ))}
        </ul>
        <span className="relay-field__help">{t('gadget.renewals.healthHelp')}</span>
        <FieldError message={errors.health} />
      </fieldset>
      <RefreshField name="refreshMinutes" value={refreshMinutes} onChange={setRefreshMinutes} />
      <EditActions saving={saving} failure={failure} />
    </form>
  );
}

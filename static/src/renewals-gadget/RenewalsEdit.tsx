import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { EditActions, GadgetProblem, gadgetErrorMessage, ProjectField, submitConfiguration } from '../lib/gadget';
import type { Horizon, RenewalsConfig } from '../lib/gadget-config';
import { HORIZONS, RenewalsConfig as RenewalsConfigSchema } from '../lib/gadget-config';
import { t } from '../lib/i18n';

type CheckState = { status: 'idle' | 'checking' | 'ok' } | { status: 'error'; error: unknown };

/** The Renewals gadget's edit view: the project (checked with Relay, which names why it cannot report) and the horizon. */
export function RenewalsEdit({ saved, initialProjectKey }: { saved: RenewalsConfig | null; initialProjectKey: string }) {
  const [projectKey, setProjectKey] = useState(saved?.projectKey ?? initialProjectKey);
  const [horizonDays, setHorizonDays] = useState<Horizon>(saved?.horizonDays ?? 90);
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const pendingCheck = useRef<{ projectKey: string; result: Promise<CheckState> } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    const key = projectKey.trim();
    if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(key)) {
      setCheck({ status: 'idle' });
      return undefined;
    }
    let current = true;
    setCheck({ status: 'checking' });
    const pending = api.gadgets.renewals({ projectKey: key, horizonDays: 30 }).then(
      (): CheckState => ({ status: 'ok' }),
      (error: unknown): CheckState => ({ status: 'error', error }),
    );
    pendingCheck.current = { projectKey: key, result: pending };
    void pending.then((state) => current && setCheck(state));
    return () => {
      current = false;
    };
  }, [projectKey]);

  const checkNow = check;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = RenewalsConfigSchema.safeParse({ projectKey: projectKey.trim(), horizonDays });
    let message: string | null = null;
    // Save pressed while the project is still being checked waits for Relay's answer.
    const pending = pendingCheck.current;
    const check = pending && pending.projectKey === projectKey.trim() ? await pending.result : checkNow;
    if (!projectKey.trim()) message = t('gadget.edit.projectRequired');
    else if (!parsed.success) message = parsed.error.issues[0]?.message ?? t('gadget.edit.projectRequired');
    else if (check.status === 'error') message = gadgetErrorMessage(check.error);
    else if (check.status !== 'ok') message = t('gadgets.edit.projectChecking');
    setProblem(message);
    if (message || !parsed.success) return;
    setSaving(true);
    const error = await submitConfiguration(parsed.data);
    if (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  return (
    <form className="relay-gadget relay-form" onSubmit={(event) => void onSubmit(event)} aria-label={t('gadget.edit.title')} data-testid="renewals-gadget-edit">
      <h1 className="relay-gadget__title">{t('gadget.edit.title')}</h1>
      <ProjectField value={projectKey} onChange={setProjectKey} error={problem} />
      {check.status === 'checking' ? (
        <span className="relay-muted" role="status">
          {t('gadgets.edit.projectChecking')}
        </span>
      ) : null}
      {check.status === 'error' ? <GadgetProblem error={check.error} /> : null}
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
      {failure ? <GadgetProblem error={failure} /> : null}
      <EditActions saving={saving} />
    </form>
  );
}

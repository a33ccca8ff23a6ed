import { requestJira } from '@forge/bridge';
import type { FormEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { formatAmount, MoneyError, parseAmount } from '../../../src/domain/money';
import { SEGMENTS } from '../../../src/domain/company';
import { api } from '../lib/api';
import type { PipelineConfig, PipelinePeriod, RefreshMinutes, SegmentDimension } from '../lib/gadget-config';
import { DIMENSION_LABELS, PERIOD_LABELS, PIPELINE_PERIODS, PipelineConfig as PipelineConfigSchema, REFRESH_MINUTES, SEGMENT_DIMENSIONS } from '../lib/gadget-config';
import { EditActions, GadgetProblem, gadgetErrorMessage, ProjectField, submitConfiguration } from '../lib/gadget';
import { t } from '../lib/i18n';

/** What the resolver says about the chosen project: its reporting currency and the segment values it has seen. */
interface ProjectCheck {
  projectKey: string;
  reportingCurrency: string;
  values: Record<SegmentDimension, string[]>;
}

type CheckState = { status: 'idle' } | { status: 'checking'; projectKey: string } | { status: 'ok'; check: ProjectCheck } | { status: 'error'; projectKey: string; error: unknown };

/**
 * Asks Relay whether it can report on the project (NOT_FOUND when the user cannot browse it, or the
 * CRM is not on there: the message says which), in the currency the target override is typed in.
 * Segment values come from the computed metrics, so the picker offers values that have deals.
 */
async function checkProject(projectKey: string): Promise<ProjectCheck> {
  const [gadget, metrics] = await Promise.all([api.gadgets.pipeline({ projectKey, period: 'quarter' }), api.metrics.project({ projectKey })]);
  const segments = metrics.metrics?.segments;
  const valuesOf = (dimension: SegmentDimension) => Object.keys(segments?.[dimension] ?? {}).filter((v) => v !== 'none').sort();
  return {
    projectKey,
    reportingCurrency: gadget.reportingCurrency,
    values: { owner: valuesOf('owner'), segment: [...new Set([...SEGMENTS, ...valuesOf('segment')])], source: valuesOf('source'), region: valuesOf('region') },
  };
}

const UserPage = z.array(z.object({ accountId: z.string(), displayName: z.string().optional() }));

/** Owners are account ids in the metrics; Jira (as the user) names them. */
async function userNames(): Promise<Record<string, string>> {
  const response = await requestJira('/rest/api/3/users/search?maxResults=200');
  if (!response.ok) return {};
  const parsed = UserPage.safeParse(await response.json());
  return parsed.success ? Object.fromEntries(parsed.data.map((u) => [u.accountId, u.displayName ?? u.accountId])) : {};
}

type FieldErrors = Partial<Record<'project' | 'segmentValue' | 'target', string>>;

export function PipelineEdit({ saved, initialProjectKey }: { saved: PipelineConfig | null; initialProjectKey: string }) {
  const [projectKey, setProjectKey] = useState(saved?.projectKey ?? initialProjectKey);
  const [period, setPeriod] = useState<PipelinePeriod>(saved?.period ?? 'quarter');
  const [dimension, setDimension] = useState<SegmentDimension | ''>(saved?.segment?.dimension ?? '');
  const [segmentValue, setSegmentValue] = useState(saved?.segment?.value ?? '');
  const [targetText, setTargetText] = useState(saved?.targetOverrideMinor !== undefined && saved.targetCurrency ? formatAmount({ amountMinor: saved.targetOverrideMinor, currency: saved.targetCurrency }) : '');
  const [refreshMinutes, setRefreshMinutes] = useState<RefreshMinutes>(saved?.refreshMinutes ?? 0);
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const pendingCheck = useRef<{ projectKey: string; result: Promise<CheckState> } | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    const key = projectKey.trim();
    if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(key)) {
      setCheck({ status: 'idle' });
      return undefined;
    }
    let current = true;
    setCheck({ status: 'checking', projectKey: key });
    const pending = checkProject(key).then(
      (result): CheckState => ({ status: 'ok', check: result }),
      (error: unknown): CheckState => ({ status: 'error', projectKey: key, error }),
    );
    pendingCheck.current = { projectKey: key, result: pending };
    void pending.then((state) => current && setCheck(state));
    return () => {
      current = false;
    };
  }, [projectKey]);

  useEffect(() => {
    if (dimension !== 'owner') return undefined;
    let current = true;
    void userNames().then((found) => current && setNames(found));
    return () => {
      current = false;
    };
  }, [dimension]);

  const currency = check.status === 'ok' ? check.check.reportingCurrency : (saved?.targetCurrency ?? null);
  const knownValues = check.status === 'ok' && dimension ? check.check.values[dimension] : [];
  const valueOptions = segmentValue && !knownValues.includes(segmentValue) ? [segmentValue, ...knownValues] : knownValues;
  const labelOf = (value: string) => (dimension === 'owner' ? (names[value] ?? value) : value);

  const checkNow = check;
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors = {};
    // Save pressed while the project is still being checked waits for Relay's answer.
    const pending = pendingCheck.current;
    const check = pending && pending.projectKey === projectKey.trim() ? await pending.result : checkNow;
    const currency = check.status === 'ok' ? check.check.reportingCurrency : (saved?.targetCurrency ?? null);
    if (!projectKey.trim()) next.project = t('gadget.edit.projectRequired');
    else if (check.status === 'error') next.project = gadgetErrorMessage(check.error);
    else if (check.status !== 'ok') next.project = t('gadgets.edit.projectChecking');
    let targetOverrideMinor: number | undefined;
    if (targetText.trim()) {
      if (!currency) next.target = t('gadgets.edit.targetNeedsProject');
      else {
        try {
          targetOverrideMinor = parseAmount(targetText, currency).amountMinor;
          if (targetOverrideMinor < 0) next.target = t('gadgets.edit.targetPositive');
        } catch (error) {
          next.target = error instanceof MoneyError ? error.message : String(error);
        }
      }
    }
    if (dimension && !segmentValue.trim()) next.segmentValue = t('gadgets.edit.segmentValueRequired');
    const candidate = {
      projectKey: projectKey.trim(),
      period,
      refreshMinutes,
      ...(dimension && segmentValue.trim() ? { segment: { dimension, value: segmentValue.trim(), ...(dimension === 'owner' && names[segmentValue] ? { label: names[segmentValue] } : {}) } } : {}),
      ...(targetOverrideMinor !== undefined && currency ? { targetOverrideMinor, targetCurrency: currency } : {}),
    };
    const parsed = PipelineConfigSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'projectKey' ? 'project' : issue.path[0] === 'segment' ? 'segmentValue' : 'target';
        next[field] ??= issue.message;
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    setSaving(true);
    const error = await submitConfiguration(parsed.data);
    if (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  return (
    <form className="relay-gadget relay-form" onSubmit={(event) => void onSubmit(event)} aria-label={t('gadget.edit.title')} data-testid="pipeline-gadget-edit">
      <h1 className="relay-gadget__title">{t('gadget.edit.title')}</h1>
      <ProjectField value={projectKey} onChange={setProjectKey} error={errors.project ?? null} />
      {check.status === 'checking' ? (
        <span className="relay-muted" role="status">
          {t('gadgets.edit.projectChecking')}
        </span>
      ) : null}
      {check.status === 'error' ? <GadgetProblem error={check.error} /> : null}

      <div className="relay-field">
        <label htmlFor="relay-gadget-period">{t('gadget.edit.period')}</label>
        <select id="relay-gadget-period" name="period" value={period} onChange={(e) => setPeriod(e.target.value as PipelinePeriod)}>
          {PIPELINE_PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(PERIOD_LABELS[p])}
            </option>
          ))}
        </select>
      </div>

      <div className="relay-field">
        <label htmlFor="relay-gadget-dimension">{t('gadgets.edit.segmentDimension')}</label>
        <select
          id="relay-gadget-dimension"
          name="dimension"
          value={dimension}
          onChange={(e) => {
            setDimension(e.target.value as SegmentDimension | '');
            setSegmentValue('');
          }}
        >
          <option value="">{t('gadgets.edit.segmentAll')}</option>
          {SEGMENT_DIMENSIONS.map((d) => (
            <option key={d} value={d}>
              {t(DIMENSION_LABELS[d])}
            </option>
          ))}
        </select>
        <span className="relay-field__help">{t('gadgets.edit.segmentHelp')}</span>
      </div>

      {dimension ? (
        <div className="relay-field">
          <label htmlFor="relay-gadget-segment-value">{t('gadgets.edit.segmentValue')}</label>
          {valueOptions.length > 0 ? (
            <select id="relay-gadget-segment-value" name="segmentValue" value={segmentValue} onChange={(e) => setSegmentValue(e.target.value)} aria-describedby="relay-gadget-segment-error">
              <option value="">{t('gadgets.edit.segmentValuePlaceholder')}</option>
              {valueOptions.map((v) => (
                <option key={v} value={v}>
                  {labelOf(v)}
                </option>
              ))}
            </select>
          ) : (
            <input id="relay-gadget-segment-value" name="segmentValue" value={segmentValue} onChange={(e) => setSegmentValue(e.target.value)} aria-describedby="relay-gadget-segment-error" />
          )}
          {errors.segmentValue ? (
            <span className="relay-field__error" id="relay-gadget-segment-error" role="alert">
              {errors.segmentValue}
            </span>
          ) : null}
        </div>
      ) : null}

      <div className="relay-field">
        <label htmlFor="relay-gadget-target">{currency ? t('gadgets.edit.targetIn', { currency }) : t('gadgets.edit.target')}</label>
        <input id="relay-gadget-target" name="target" inputMode="decimal" value={targetText} onChange={(e) => setTargetText(e.target.value)} aria-describedby="relay-gadget-target-help" />
        <span className="relay-field__help" id="relay-gadget-target-help">
          {t('gadgets.edit.targetHelp')}
        </span>
        {errors.target ? (
          <span className="relay-field__error" role="alert" data-testid="gadget-target-error">
            {errors.target}
          </span>
        ) : null}
      </div>

      <div className="relay-field">
        <label htmlFor="relay-gadget-refresh">{t('gadgets.edit.refresh')}</label>
        <select id="relay-gadget-refresh" name="refresh" value={String(refreshMinutes)} onChange={(e) => setRefreshMinutes(Number(e.target.value) as RefreshMinutes)}>
          {REFRESH_MINUTES.map((m) => (
            <option key={m} value={String(m)}>
              {m === 0 ? t('gadgets.edit.refreshOff') : t('gadgets.edit.refreshEvery', { minutes: m })}
            </option>
          ))}
        </select>
      </div>

      {failure ? <GadgetProblem error={failure} /> : null}
      <EditActions saving={saving} />
    </form>
  );
}

import { requestJira } from '@forge/bridge';
import type { FormEvent } from 'react';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { minorDigits, MoneyError, parseAmount } from '../../../src/domain/money';
import { formatMoneyInput } from '../../../src/domain/money-format';
import { SEGMENTS } from '../../../src/domain/company';
import { api } from '../lib/api';
import type { PipelineConfig, PipelinePeriod, RefreshMinutes, SegmentDimension } from '../lib/gadget-config';
import { DIMENSION_LABELS, PERIOD_LABELS, PIPELINE_PERIODS, PipelineConfig as PipelineConfigSchema, SEGMENT_DIMENSIONS } from '../lib/gadget-config';
import { FieldError } from '../lib/components';
import { EditActions, GadgetProblem, RefreshField, useSubmitConfiguration } from '../lib/gadget';
import { exampleNumber, numberForInput, typedNumber } from '../lib/field-messages';
import { t } from '../lib/i18n';
import type { ProjectCheckState } from '../lib/use-project-checks';
import { PROJECT_KEY_PATTERN, useProjectChecks } from '../lib/use-project-checks';
import { ProjectsField } from './ProjectsField';

/** What the resolver says about the chosen project: its reporting currency and the segment values it has seen. */
interface ProjectCheck {
  projectKey: string;
  reportingCurrency: string;
  values: Record<SegmentDimension, string[]>;
}

type CheckState = ProjectCheckState<ProjectCheck>;


/**
 * Asks Relay, project by project, whether it can report on it (NOT_FOUND when the user cannot browse it, or the
 * CRM is not on there: the message says which), in the currency the target override is typed in.
 * Segment values come from the computed metrics, so the picker offers values that have deals.
 */
async function checkProject(projectKey: string): Promise<ProjectCheck> {
  const [gadget, metrics] = await Promise.all([api.gadgets.pipeline({ projectKey, period: 'quarter' }), api.metrics.project({ projectKey })]);
  const segments = metrics.metrics?.segments;
  // Values with deals in any period shown (a segment that only closes next quarter is still offered).
  const valuesOf = (dimension: SegmentDimension) => [...new Set(Object.values(segments ?? {}).flatMap((byDimension) => Object.keys(byDimension[dimension] ?? {})))].filter((v) => v !== 'none').sort();
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

/** Segment values seen in any of the chosen projects, each once, sorted. */
function unionValues(checks: ProjectCheck[], dimension: SegmentDimension): string[] {
  return [...new Set(checks.flatMap((c) => c.values[dimension]))].sort();
}

export function PipelineEdit({ saved, initialProjectKeys }: { saved: PipelineConfig | null; initialProjectKeys: string[] }) {
  const [projectKeys, setProjectKeys] = useState<string[]>(saved?.projectKeys ?? initialProjectKeys);
  const [period, setPeriod] = useState<PipelinePeriod>(saved?.period ?? 'quarter');
  const [dimension, setDimension] = useState<SegmentDimension | ''>(saved?.segment?.dimension ?? '');
  const [segmentValue, setSegmentValue] = useState(saved?.segment?.value ?? '');
  const [targetText, setTargetText] = useState(saved?.targetOverrideMinor !== undefined && saved.targetCurrency ? numberForInput(formatMoneyInput(saved.targetOverrideMinor, saved.targetCurrency)) : '');
  const [refreshMinutes, setRefreshMinutes] = useState<RefreshMinutes>(saved?.refreshMinutes ?? 0);
  const { checks, settle } = useProjectChecks(projectKeys, checkProject);
  const [names, setNames] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const { saving, failure, submit } = useSubmitConfiguration();

  useEffect(() => {
    if (dimension !== 'owner') return undefined;
    let current = true;
    void userNames().then((found) => current && setNames(found));
    return () => {
      current = false;
    };
  }, [dimension]);

  const chosenChecks = projectKeys.flatMap((key): Array<{ key: string; state: CheckState }> => {
    const state = checks[key] ?? (PROJECT_KEY_PATTERN.test(key) ? { status: 'checking' } : null);
    return state ? [{ key, state }] : [];
  });
  const answered = chosenChecks.flatMap(({ state }) => (state.status === 'ok' ? [state.check] : []));
  // The reporting currency is the site's: any project's answer gives it.
  const currency = answered[0]?.reportingCurrency ?? saved?.targetCurrency ?? null;
  const knownValues = dimension ? unionValues(answered, dimension) : [];
  const valueOptions = segmentValue && !knownValues.includes(segmentValue) ? [segmentValue, ...knownValues] : knownValues;
  const labelOf = (value: string) => (dimension === 'owner' ? (names[value] ?? value) : value);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const next: FieldErrors = {};
    const { settled, problem } = await settle();
    if (problem) next.project = problem;
    const currency = settled.flatMap(({ state }) => (state?.status === 'ok' ? [state.check.reportingCurrency] : []))[0] ?? saved?.targetCurrency ?? null;
    let targetOverrideMinor: number | undefined;
    if (targetText.trim()) {
      const plain = typedNumber(targetText);
      if (!currency) next.target = t('gadgets.edit.targetNeedsProject');
      else if (plain === null) next.target = t('records.error.amount', { example: exampleNumber('12000.50') });
      else {
        try {
          targetOverrideMinor = parseAmount(plain, currency).amountMinor;
          if (targetOverrideMinor < 0) next.target = t('gadgets.edit.targetPositive');
        } catch (error) {
          // The domain's MoneyError words the problem in English; the form says it in the user's language.
          next.target = error instanceof MoneyError && error.problem === 'AMOUNT_PRECISION' ? t('records.error.amountPrecision', { currency, digits: minorDigits(currency) }) : t('records.error.amount', { example: exampleNumber('12000.50') });
        }
      }
    }
    if (dimension && !segmentValue.trim()) next.segmentValue = t('gadgets.edit.segmentValueRequired');
    const candidate = {
      projectKeys,
      period,
      refreshMinutes,
      ...(dimension && segmentValue.trim() ? { segment: { dimension, value: segmentValue.trim(), ...(dimension === 'owner' && names[segmentValue] ? { label: names[segmentValue] } : {}) } } : {}),
      ...(targetOverrideMinor !== undefined && currency ? { targetOverrideMinor, targetCurrency: currency } : {}),
    };
    const parsed = PipelineConfigSchema.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] === 'projectKeys' ? 'project' : issue.path[0] === 'segment' ? 'segmentValue' : 'target';
        next[field] ??= issue.message;
      }
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || !parsed.success) return;
    await submit(parsed.data);
  };

  return (
    <form className="relay-gadget relay-form" onSubmit={(event) => void onSubmit(event)} aria-label={t('gadget.edit.title')} data-testid="pipeline-gadget-edit">
      <h1 className="relay-gadget__title">{t('gadget.edit.title')}</h1>
      <ProjectsField value={projectKeys} onChange={setProjectKeys} error={errors.project ?? null} />
      {chosenChecks.some(({ state }) => state.status === 'checking') ? (
        <span className="relay-muted" role="status">
          {t('gadgets.edit.projectChecking')}
        </span>
      ) : null}
      {chosenChecks.map(({ key, state }) => (state.status === 'error' ? <GadgetProblem key={key} error={state.error} subject={key} /> : null))}

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
          <FieldError id="relay-gadget-segment-error" message={errors.segmentValue} />
        </div>
      ) : null}

      <div className="relay-field">
        <label htmlFor="relay-gadget-target">{currency ? t('gadgets.edit.targetIn', { currency }) : t('gadgets.edit.target')}</label>
        <input id="relay-gadget-target" name="target" inputMode="decimal" value={targetText} onChange={(e) => setTargetText(e.target.value)} aria-describedby="relay-gadget-target-help" />
        <span className="relay-field__help" id="relay-gadget-target-help">
          {dimension ? t('gadgets.edit.targetHelpSegment') : t('gadgets.edit.targetHelp')}
        </span>
        <FieldError message={errors.target} testId="gadget-target-error" />
      </div>

      <RefreshField name="refresh" value={refreshMinutes} onChange={setRefreshMinutes} />

      <EditActions saving={saving} failure={failure} />
    </form>
  );
}

import { exampleNumber, issueText, numberForInput, typedNumber } from '../lib/field-messages';
import type { z } from 'zod';
import type { PipelineRecord } from '../../../src/contracts/pipeline';
import { UpdatePipelineInput } from '../../../src/contracts/pipeline';
import type { FieldError } from '../../../src/contracts/envelope';
import { isCurrency, MoneyError, parseAmount } from '../../../src/domain/money';
import { formatMoneyInput } from '../../../src/domain/money-format';
import type { FiscalCalendar, PeriodKind } from '../../../src/domain/periods';
import { periodOf, shiftPeriod } from '../../../src/domain/periods';
import type { CriteriaField, ForecastCategory, Outcome } from '../../../src/domain/pipeline';
import { pipelineProblems } from '../../../src/domain/pipeline';
import { t } from '../lib/i18n';
import { periodText } from '../lib/period-format';
import '../lib/areas/settings';

/**
 * The settings form's state and its rules, kept apart from React so they are unit-tested: numbers
 * stay the text the admin typed until the form is checked, and checking turns the draft into the
 * exact `pipelines/update` input (validated with the shared zod schema and the domain's
 * `pipelineProblems`, as the server will) or into messages keyed by field path
 * (`stages.2.probability`, `targets.0.amountMinor`), the same paths the server's VALIDATION uses.
 */
export interface StageDraft {
  id: string;
  name: string;
  probability: string;
  forecastCategory: ForecastCategory;
  outcome: Outcome;
  exitCriteria: CriteriaField[];
  /** Empty for "no limit". */
  maxDays: string;
}

export interface TargetDraft {
  /** A stable React key: periods can be edited, so they cannot be the key. */
  key: string;
  period: string;
  amount: string;
  currency: string;
}

export interface PipelineDraft {
  stages: StageDraft[];
  targets: TargetDraft[];
}

export type UpdateInput = z.input<typeof UpdatePipelineInput>;

export interface Checked {
  /** The call's input when the draft is valid, else null. */
  input: UpdateInput | null;
  /** Messages beside fields, by path. */
  fields: Record<string, string>;
  /** Messages about the whole pipeline (e.g. "exactly one won stage"). */
  general: string[];
}

export function draftOf(record: Pick<PipelineRecord, 'stages' | 'targets'>): PipelineDraft {
  return {
    stages: record.stages.map((s) => ({ ...s, exitCriteria: [...s.exitCriteria], probability: String(s.probability), maxDays: s.maxDays === null ? '' : String(s.maxDays) })),
    targets: record.targets.map((target, i) => ({ key: `target-${i}-${target.period}`, period: target.period, amount: numberForInput(formatMoneyInput(target.amountMinor, target.currency)), currency: target.currency })),
  };
}

/** Moves a stage one place up (-1) or down (+1); a move past either end changes nothing. */
export function moveStage(draft: PipelineDraft, index: number, delta: -1 | 1): PipelineDraft {
  const to = index + delta;
  if (index < 0 || index >= draft.stages.length || to < 0 || to >= draft.stages.length) return draft;
  const stages = [...draft.stages];
  const [moved] = stages.splice(index, 1);
  if (!moved) return draft;
  stages.splice(to, 0, moved);
  return { ...draft, stages };
}

/**
 * A new open stage, placed after the last open stage (before won/lost, where new steps of a sales
 * process go), starting at that stage's probability and forecast category.
 */
export function addStage(draft: PipelineDraft, id: string, name: string): PipelineDraft {
  let lastOpen = -1;
  draft.stages.forEach((s, i) => {
    if (s.outcome === 'open') lastOpen = i;
  });
  const previous = draft.stages[lastOpen];
  const stage: StageDraft = {
    id,
    name,
    probability: previous?.probability ?? '10',
    forecastCategory: previous?.forecastCategory ?? 'pipeline',
    outcome: 'open',
    exitCriteria: [],
    maxDays: '',
  };
  const stages = [...draft.stages];
  stages.splice(lastOpen + 1, 0, stage);
  return { ...draft, stages };
}

export function updateStage(draft: PipelineDraft, index: number, patch: Partial<StageDraft>): PipelineDraft {
  return { ...draft, stages: draft.stages.map((s, i) => (i === index ? { ...s, ...patch } : s)) };
}

export function removeStage(draft: PipelineDraft, index: number): PipelineDraft {
  return { ...draft, stages: draft.stages.filter((_, i) => i !== index) };
}

export function addTarget(draft: PipelineDraft, key: string, period: string, currency: string): PipelineDraft {
  return { ...draft, targets: [...draft.targets, { key, period, amount: '', currency }] };
}

export function updateTarget(draft: PipelineDraft, index: number, patch: Partial<TargetDraft>): PipelineDraft {
  return { ...draft, targets: draft.targets.map((target, i) => (i === index ? { ...target, ...patch } : target)) };
}

export function removeTarget(draft: PipelineDraft, index: number): PipelineDraft {
  return { ...draft, targets: draft.targets.filter((_, i) => i !== index) };
}

const WHOLE = /^\d+$/;

/** A whole number typed in a field, or NaN (which the schema then refuses). */
function wholeNumber(text: string): number {
  const trimmed = text.trim();
  return WHOLE.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Server or client field errors → messages by path; errors on the whole list go to `general`. */
export function splitFieldErrors(errors: readonly FieldError[], known: Record<string, string> = {}): Pick<Checked, 'fields' | 'general'> {
  const fields: Record<string, string> = { ...known };
  const general: string[] = [];
  for (const { path, message } of errors) {
    if (/^(stages|targets)\.\d+\.\w+$/.test(path)) fields[path] ??= message;
    else if (!general.includes(message)) general.push(message);
  }
  return { fields, general };
}

/**
 * Checks the draft as the server will and builds the `pipelines/update` input. The form's own
 * messages (numbers, amounts, currencies, repeated periods) come first; the schema's and the
 * domain's fill the paths still without one.
 */
export function checkDraft(draft: PipelineDraft, projectKey: string, version: number): Checked {
  const own: FieldError[] = [];
  const stages = draft.stages.map((s, i) => {
    const probability = wholeNumber(s.probability);
    if (Number.isNaN(probability) || probability > 100) own.push({ path: `stages.${i}.probability`, message: t('settings.error.probability') });
    const maxDays = s.maxDays.trim() === '' ? null : wholeNumber(s.maxDays);
    if (maxDays !== null && (Number.isNaN(maxDays) || maxDays < 1)) own.push({ path: `stages.${i}.maxDays`, message: t('settings.error.maxDays') });
    return { id: s.id, name: s.name.trim(), probability, forecastCategory: s.forecastCategory, outcome: s.outcome, exitCriteria: s.exitCriteria, maxDays };
  });

  const seen = new Set<string>();
  const targets = draft.targets.map((target, i) => {
    const currency = target.currency.trim().toUpperCase();
    const plain = typedNumber(target.amount);
    let amountMinor = Number.NaN;
    if (!isCurrency(currency)) {
      own.push({ path: `targets.${i}.currency`, message: t('settings.error.currency') });
    } else if (target.amount.trim() === '') {
      own.push({ path: `targets.${i}.amountMinor`, message: t('settings.error.amountRequired') });
    } else if (plain === null) {
      own.push({ path: `targets.${i}.amountMinor`, message: t('settings.error.amount', { example: exampleNumber('250000.50') }) });
    } else {
      try {
        amountMinor = parseAmount(plain, currency).amountMinor;
        if (amountMinor < 0) own.push({ path: `targets.${i}.amountMinor`, message: t('settings.error.amountNegative') });
      } catch (error) {
        own.push({ path: `targets.${i}.amountMinor`, message: error instanceof MoneyError && error.problem === 'AMOUNT_PRECISION' ? t('settings.error.amountPrecision', { currency }) : t('settings.error.amount', { example: exampleNumber('250000.50') }) });
      }
    }
    if (seen.has(target.period)) own.push({ path: `targets.${i}.period`, message: t('settings.error.duplicatePeriod') });
    seen.add(target.period);
    return { period: target.period, amountMinor, currency };
  });

  const input: UpdateInput = { projectKey, version, stages, targets };
  const parsed = UpdatePipelineInput.safeParse(input);
  const schemaErrors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issueText(issue) }));
  const domainErrors = pipelineProblems({ stages });
  const { fields, general } = splitFieldErrors([...own, ...domainErrors, ...schemaErrors]);
  const valid = Object.keys(fields).length === 0 && general.length === 0;
  return { input: valid ? input : null, fields, general };
}

export interface PeriodChoice {
  value: string;
  label: string;
}

/**
 * Periods a target can be set for, in the site's fiscal calendar: the quarters of last, this and
 * next fiscal year, then this and next year's months, each labelled with its dates. Periods already
 * used by a saved target are kept even when older.
 */
export function periodChoices(today: string, existing: readonly string[], calendar: FiscalCalendar, locale = 'en-US'): PeriodChoice[] {
  const run = (kind: PeriodKind, from: number, count: number) => {
    const current = periodOf(today, kind, calendar);
    const first = shiftPeriod(current, -(current.index - 1) + from, calendar);
    return Array.from({ length: count }, (_, i) => shiftPeriod(first, i, calendar).key);
  };
  const keys = [...run('quarter', -4, 12), ...run('month', 0, 24)];
  for (const key of existing) if (!keys.includes(key)) keys.unshift(key);
  return keys.map((value) => ({ value, label: periodText(value, calendar, locale) }));
}

/** The next period without a target (this quarter first), for "Add target". */
export function nextFreePeriod(today: string, used: readonly string[], calendar: FiscalCalendar): string {
  let period = periodOf(today, 'quarter', calendar);
  for (let i = 0; i < 40 && used.includes(period.key); i += 1) period = shiftPeriod(period, 1, calendar);
  return period.key;
}

export function sameDraft(a: PipelineDraft, b: PipelineDraft): boolean {
  const strip = (d: PipelineDraft) => ({ stages: d.stages, targets: d.targets.map(({ period, amount, currency }) => ({ period, amount, currency })) });
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

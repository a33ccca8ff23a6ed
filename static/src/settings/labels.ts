import type { CriteriaField, ForecastCategory, Outcome } from '../../../src/domain/pipeline';
import { CRITERIA_FIELDS, FORECAST_CATEGORIES, OUTCOMES } from '../../../src/domain/pipeline';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';

/**
 * Readable names for the pipeline's vocabulary (deal fields a stage can require, forecast
 * categories, outcomes). The keys live in common.json because the board's "missing fields" form and
 * the tables name the same things.
 */
export function criteriaLabel(field: CriteriaField): string {
  return t(`dealField.${field}` satisfies MessageKey);
}

export function forecastLabel(category: ForecastCategory): string {
  return t(`forecast.${category}` satisfies MessageKey);
}

export function outcomeLabel(outcome: Outcome): string {
  return t(`outcome.${outcome}` satisfies MessageKey);
}

export interface Option<T extends string> {
  value: T;
  label: string;
}

export const criteriaOptions = (): Option<CriteriaField>[] => CRITERIA_FIELDS.map((value) => ({ value, label: criteriaLabel(value) }));
export const forecastOptions = (): Option<ForecastCategory>[] => FORECAST_CATEGORIES.map((value) => ({ value, label: forecastLabel(value) }));
export const outcomeOptions = (): Option<Outcome>[] => OUTCOMES.map((value) => ({ value, label: outcomeLabel(value) }));

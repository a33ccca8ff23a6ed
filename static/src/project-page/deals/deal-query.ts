import type { z } from 'zod';
import type { ListDealsInput } from '../../../../src/contracts/deal';
import type { Segment } from '../../../../src/domain/company';
import type { ForecastCategory, Outcome } from '../../../../src/domain/pipeline';
import { FORECAST_CATEGORIES } from '../../../../src/domain/pipeline';
import { SEGMENTS } from '../../../../src/domain/company';
import { isIsoDate } from '../../../../src/domain/periods';
import type { SortState } from '../records/RecordTable';

/** The deals table's filters as the controls hold them ('' = any). */
export interface DealFilters {
  outcome: Outcome;
  stageId: string;
  ownerId: string;
  forecastCategory: string;
  segment: string;
  source: string;
  closeFrom: string;
  closeTo: string;
}

export const EMPTY_FILTERS: DealFilters = { outcome: 'open', stageId: '', ownerId: '', forecastCategory: '', segment: '', source: '', closeFrom: '', closeTo: '' };

const SORTS = ['closeDate', 'updatedAt', 'position'] as const;

/**
 * The deals/list input for the table's state: empty controls are left out, a half-typed or
 * reversed date range is dropped rather than sent (the server would refuse the whole list), and an
 * unknown sort column falls back to the close date.
 */
export function listInput(projectKey: string, filters: DealFilters, sort: SortState, cursor?: string): z.input<typeof ListDealsInput> {
  const from = isIsoDate(filters.closeFrom) ? filters.closeFrom : undefined;
  const to = isIsoDate(filters.closeTo) ? filters.closeTo : undefined;
  const range = from && to && from > to ? {} : { ...(from ? { closeFrom: from } : {}), ...(to ? { closeTo: to } : {}) };
  const forecast = FORECAST_CATEGORIES.find((f) => f === filters.forecastCategory) as ForecastCategory | undefined;
  const segment = SEGMENTS.find((s) => s === filters.segment) as Segment | undefined;
  return {
    projectKey,
    outcome: filters.outcome,
    ...(filters.outcome === 'open' && filters.stageId ? { stageId: filters.stageId } : {}),
    ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
    ...(forecast ? { forecastCategory: forecast } : {}),
    ...(segment ? { segment } : {}),
    ...(filters.source.trim() ? { source: filters.source.trim() } : {}),
    ...range,
    sort: SORTS.find((s) => s === sort.key) ?? 'closeDate',
    direction: sort.direction,
    limit: 50,
    ...(cursor ? { cursor } : {}),
  };
}

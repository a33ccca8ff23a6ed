import type { z } from 'zod';
import type { ExportInput } from '../../../../src/contracts/export';
import type { ListDealsInput } from '../../../../src/contracts/deal';

type DealsExport = Extract<z.input<typeof ExportInput>, { table: 'deals' }>;

/** The deals table's list input as export filters: the same filters and sort, without paging. */
export function exportFilters(list: z.input<typeof ListDealsInput>): NonNullable<DealsExport['filters']> {
  const { projectKey: _key, limit: _limit, cursor: _cursor, ...filters } = list;
  return filters;
}

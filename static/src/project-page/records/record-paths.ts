/** The record part of a subpage path: pure, so it is unit-tested without the bridge. */
export type RecordRoute = 'deals' | 'companies' | 'contacts' | 'leads';

/** `/deals/abc` → 'abc'; the record part of a subpage path, when there is one. */
export function recordIdFromPath(pathname: string | undefined, route: RecordRoute): string | undefined {
  const parts = (pathname ?? '').split('/').filter((p) => p.length > 0);
  return parts[0] === route && parts[1] ? decodeURIComponent(parts[1]) : undefined;
}

/** The subpage path of a record, which is how a drawer is opened, linked and reloaded; with a field, the drawer opens at it. */
export function recordPath(route: RecordRoute, id: string, field?: string): string {
  return `/${route}/${encodeURIComponent(id)}${field ? `/${encodeURIComponent(field)}` : ''}`;
}

/** `/deals/abc/nextStep` → 'nextStep': the field a "fix" link opens the drawer at. */
export function recordFieldFromPath(pathname: string | undefined): string | undefined {
  const parts = (pathname ?? '').split('/').filter((p) => p.length > 0);
  return parts[2] ? decodeURIComponent(parts[2]) : undefined;
}

/** `/pipeline/deals/abc` → 'abc': a deal opened from the board, whose drawer opens over the board. */
export function boardDealIdFromPath(pathname: string | undefined): string | undefined {
  const parts = (pathname ?? '').split('/').filter((p) => p.length > 0);
  return parts[0] === 'pipeline' && parts[1] === 'deals' && parts[2] ? decodeURIComponent(parts[2]) : undefined;
}

/** The board's path with a deal's drawer open, keeping the board's filters (`?owner=…`). */
export function boardDealPath(dealId: string, search = ''): string {
  return `/pipeline/deals/${encodeURIComponent(dealId)}${search}`;
}

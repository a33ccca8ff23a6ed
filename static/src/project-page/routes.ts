import type { MessageKey } from '../lib/i18n';

/** The project page's subpages, in manifest.yml order (modules.jira:projectPage.pages[].route). */
export const ROUTES = ['pipeline', 'deals', 'companies', 'contacts', 'leads', 'renewals', 'insights', 'data-quality', 'import-export'] as const;
export type Route = (typeof ROUTES)[number];

export const DEFAULT_ROUTE: Route = 'pipeline';

/** `/deals`, `deals/` or `/deals/123` → 'deals'; anything unknown (or the page root) → the pipeline. */
export function routeFromPath(pathname: string): Route {
  const first = pathname.split('/').find((part) => part.length > 0) ?? '';
  return (ROUTES as readonly string[]).includes(first) ? (first as Route) : DEFAULT_ROUTE;
}

export function pathOf(route: Route): string {
  return `/${route}`;
}

export function titleKey(route: Route): MessageKey {
  return `route.${route}`;
}

export function featureKeys(route: Route): { feature: MessageKey; body: MessageKey } {
  return { feature: `feature.${route}`, body: `feature.${route}.body` };
}

import { lazy, Suspense } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import { ConnectionCard, PageHeader, Placeholder } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { useProductPath } from '../lib/history';
import { t } from '../lib/i18n';
import { ProjectProvider } from '../lib/project';
import type { Route } from './routes';
import { featureKeys, pathOf, ROUTES, routeFromPath, titleKey } from './routes';

/** Each built subpage is its own chunk, so the first paint loads only the page the user opened. */
const VIEWS: Partial<Record<Route, LazyExoticComponent<ComponentType>>> = {
  pipeline: lazy(() => import('./pipeline/PipelinePage')),
  deals: lazy(() => import('./deals/DealsPage')),
  companies: lazy(() => import('./companies/CompaniesPage')),
  contacts: lazy(() => import('./contacts/ContactsPage')),
};

/** The CRM project page: subpage navigation kept in Jira's URL, one view per subpage. */
export function App() {
  const context = useForgeContext();
  const { pathname, push } = useProductPath();
  const route = routeFromPath(pathname ?? '');
  const projectKey = context.extension.project?.key ?? '';
  const View = VIEWS[route];
  return (
    <ProjectProvider>
      <div className="relay-page">
        <PageHeader title={t('app.name')} subtitle={t('projectPage.subtitle', { project: projectKey })} />
        <nav className="relay-nav" aria-label={t('nav.label')}>
          {ROUTES.map((r) => (
            <button key={r} type="button" className="relay-nav__link" aria-current={pathname !== undefined && r === route ? 'page' : undefined} onClick={() => push(pathOf(r))}>
              {t(titleKey(r))}
            </button>
          ))}
        </nav>
        <div className="relay-layout">
          <main aria-label={t(titleKey(route))} data-testid="subpage" data-route={pathname === undefined ? '' : route}>
            {pathname === undefined ? null : View ? (
              <Suspense fallback={<p className="relay-muted">{t('common.loading')}</p>}>
                <View />
              </Suspense>
            ) : (
              <Placeholder {...featureKeys(route)} />
            )}
          </main>
          <aside>
            <ConnectionCard />
          </aside>
        </div>
      </div>
    </ProjectProvider>
  );
}

import { ConnectionCard, PageHeader, Placeholder } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { useProductPath } from '../lib/history';
import { t } from '../lib/i18n';
import { featureKeys, pathOf, ROUTES, routeFromPath, titleKey } from './routes';

/** The CRM project page: subpage navigation kept in Jira's URL, one view per subpage, and the connection check. */
export function App() {
  const context = useForgeContext();
  const { pathname, push } = useProductPath();
  const route = routeFromPath(pathname ?? '');
  const projectKey = context.extension.project?.key ?? '';
  return (
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
          <Placeholder {...featureKeys(route)} />
        </main>
        <aside>
          <ConnectionCard />
        </aside>
      </div>
    </div>
  );
}

import { lazy, Suspense } from 'react';
import type { ComponentType, KeyboardEvent, LazyExoticComponent } from 'react';
import { ApiError } from '../lib/api-error';
import { Banner } from '../lib/banner';
import { ConnectionStatus, ErrorBanner, PageHeader, PageSkeleton, Placeholder } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { useProductPath } from '../lib/history';
import { t } from '../lib/i18n';
import { ProjectProvider, useProject } from '../lib/project';
import type { Route } from './routes';
import { featureKeys, pathOf, ROUTES, routeFromPath, titleKey } from './routes';

/** Each built subpage is its own chunk, so the first paint loads only the page the user opened. */
const VIEWS: Partial<Record<Route, LazyExoticComponent<ComponentType>>> = {
  pipeline: lazy(() => import('./pipeline/PipelinePage')),
  deals: lazy(() => import('./deals/DealsPage')),
  companies: lazy(() => import('./companies/CompaniesPage')),
  contacts: lazy(() => import('./contacts/ContactsPage')),
  leads: lazy(() => import('./leads/LeadsPage')),
  renewals: lazy(() => import('./renewals/RenewalsPage')),
  insights: lazy(() => import('./insights/InsightsPage')),
  'import-export': lazy(() => import('./import-export/ImportExportPage')),
  'data-quality': lazy(() => import('./quality/DataQualityPage')),
};

/**
 * Subpages that show a project's deals, so they need its pipeline. Companies and contacts are
 * site-wide records: they work in a project that has not enabled the CRM yet.
 */
const NEEDS_PIPELINE: ReadonlySet<Route> = new Set<Route>(['pipeline', 'deals']);

/** Shown once per project (first visit), so it stays out of the initial bundle. */
const EnableCrm = lazy(() => import('./EnableCrm').then((m) => ({ default: m.EnableCrm })));

/**
 * The subpage links, styled as Jira's page tabs. They are buttons in a <nav> (each moves Jira's
 * URL through the product history) with `aria-current` on the open one; Left/Right/Home/End move
 * focus along the row as in a tab list, Tab leaves it.
 */
function SubpageNav({ current, onOpen }: { current: Route | undefined; onOpen: (route: Route) => void }) {
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>('button'));
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    buttons[(next + buttons.length) % buttons.length]?.focus();
  };
  return (
    <nav className="relay-nav" aria-label={t('nav.label')} onKeyDown={onKeyDown}>
      {ROUTES.map((r) => (
        <button key={r} type="button" className="relay-nav__link" data-testid={`nav-${r}`} aria-current={r === current ? 'page' : undefined} onClick={() => onOpen(r)}>
          {t(titleKey(r))}
        </button>
      ))}
    </nav>
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'NOT_FOUND';
}

/**
 * Jira shows a project's pages only to people who can browse it; a link or a stale tab can still
 * land here. Say so in the product's words, not as an error with a call and a code.
 */
function NoProject() {
  const context = useForgeContext();
  return (
    <Banner tone="info" role="note" testId="no-project" title={t('access.noProject.title')}>
      <p className="relay-banner__message">{t('access.noProject.body', { project: context.extension.project?.key ?? '' })}</p>
    </Banner>
  );
}

/** The open subpage: gated on the project context where it needs the pipeline, lazily loaded. */
function Subpage({ route }: { route: Route }) {
  const project = useProject();
  const View = VIEWS[route];
  if (NEEDS_PIPELINE.has(route)) {
    if (project.status === 'loading') return <PageSkeleton rows={4} />;
    if (project.status === 'error') return isNotFound(project.error) ? <NoProject /> : <ErrorBanner error={project.error} onRetry={project.reload} />;
    if (project.data.pipeline === null) {
      return (
        <Suspense fallback={<PageSkeleton rows={4} />}>
          <EnableCrm />
        </Suspense>
      );
    }
  }
  if (!View) return <Placeholder {...featureKeys(route)} />;
  return (
    <Suspense fallback={<PageSkeleton rows={4} />}>
      <View />
    </Suspense>
  );
}

/**
 * The page's first stop for keyboard users on the board: skips the tabs and the filters (a dozen
 * stops) straight to the first card, hidden until focused as skip links are.
 */
function SkipToFirstCard() {
  const skip = () => {
    const card = document.querySelector<HTMLElement>('[data-testid^="deal-card-"]') ?? document.querySelector<HTMLElement>('[data-testid="pipeline-board"] [role="region"]');
    card?.focus();
  };
  return (
    <button type="button" className="relay-skip-link" onClick={skip} data-testid="skip-to-card">
      {t('board.skipToCard')}
    </button>
  );
}

/** The project's name once the context is in; its key until then (the key is in Jira's context at once). */
function ProjectTitle() {
  const context = useForgeContext();
  const project = useProject();
  const name = project.status === 'ok' ? project.data.projectName : (context.extension.project?.key ?? '');
  return <>{t('projectPage.subtitle', { project: name })}</>;
}

/** The CRM project page: heading, subpage navigation kept in Jira's URL, one view per subpage. */
export function App() {
  const { pathname, push } = useProductPath();
  const route = routeFromPath(pathname ?? '');
  return (
    <ProjectProvider>
      <div className="relay-page">
        {pathname !== undefined && route === 'pipeline' ? <SkipToFirstCard /> : null}
        <PageHeader title={t('app.name')} subtitle={<ProjectTitle />} />
        <SubpageNav current={pathname === undefined ? undefined : route} onOpen={(r) => push(pathOf(r))} />
        <main className="relay-main" aria-label={t(titleKey(route))} data-testid="subpage" data-route={pathname === undefined ? '' : route}>
          {pathname === undefined ? <PageSkeleton rows={4} /> : <Subpage route={route} />}
        </main>
        <ConnectionStatus />
      </div>
    </ProjectProvider>
  );
}

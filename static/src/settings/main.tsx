import { lazy, Suspense } from 'react';
import { ConnectionStatus, ErrorBanner, PageHeader, PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { t } from '../lib/i18n';
import { mount } from '../lib/mount';
import { ProjectProvider, useProject } from '../lib/project';
import '../lib/areas/settings';

/**
 * The editors and the first-visit screen are chunks of their own: the page's first paint (header,
 * skeleton, footer) needs only the shared entry, and the editors' form controls load while the
 * project context does (issue 12: every entry within its initial-JavaScript budget).
 */
const PipelineSettings = lazy(() => import('./PipelineSettings').then((m) => ({ default: m.PipelineSettings })));
const EnableCrm = lazy(() => import('../project-page/EnableCrm').then((m) => ({ default: m.EnableCrm })));

/** Renewal settings load on their own, after the pipeline editor. */
const RenewalSettings = lazy(() => import('./RenewalSettings').then((m) => ({ default: m.RenewalSettings })));

/** Loading, failure, not enabled yet, or the editor (read only unless the user administers the project). */
function SettingsBody() {
  const project = useProject();
  if (project.status === 'loading') return <PageSkeleton rows={5} />;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  const { pipeline, projectKey, projectName, canAdmin, site } = project.data;
  return (
    <Suspense fallback={<PageSkeleton rows={5} />}>
      {pipeline === null ? (
        <EnableCrm />
      ) : (
        // Keyed by version: a reload after someone else's save starts the editor from their pipeline.
        <>
          <PipelineSettings key={`${pipeline.projectId}:${pipeline.version}`} projectKey={projectKey} projectName={projectName} initial={pipeline} canAdmin={canAdmin} calendar={{ startMonth: site.fiscalYearStartMonth }} />
          <Suspense fallback={<PageSkeleton rows={2} />}>
            <RenewalSettings projectKey={projectKey} />
          </Suspense>
        </>
      )}
    </Suspense>
  );
}

/** Project settings → Relay CRM: the project's pipeline stages, exit criteria, targets and hand-off. */
function Settings() {
  const context = useForgeContext();
  return (
    <ProjectProvider>
      <div className="relay-page">
        <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle', { project: context.extension.project?.key ?? '' })} />
        <main className="relay-main" data-testid="settings-page">
          <SettingsBody />
        </main>
        <ConnectionStatus />
      </div>
    </ProjectProvider>
  );
}

void mount(Settings);

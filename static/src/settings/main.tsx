import { ConnectionStatus, ErrorBanner, PageHeader, PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { t } from '../lib/i18n';
import { mount } from '../lib/mount';
import { ProjectProvider, useProject } from '../lib/project';
import { EnableCrm } from '../project-page/EnableCrm';
import { PipelineSettings } from './PipelineSettings';

/** Loading, failure, not enabled yet, or the editor (read only unless the user administers the project). */
function SettingsBody() {
  const project = useProject();
  if (project.status === 'loading') return <PageSkeleton rows={5} />;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  const { pipeline, projectKey, canAdmin, site } = project.data;
  if (pipeline === null) return <EnableCrm />;
  // Keyed by version: a reload after someone else's save starts the editor from their pipeline.
  return <PipelineSettings key={`${pipeline.projectId}:${pipeline.version}`} projectKey={projectKey} initial={pipeline} canAdmin={canAdmin} calendar={{ startMonth: site.fiscalYearStartMonth }} />;
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

import { ErrorBanner, PageSkeleton } from '../../lib/components';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import '../records/records.css';
import './import-export.css';
import { ExportButton } from './ExportButton';
import { ImportJobs, useImportList } from './ImportJobs';
import { ImportWizard } from './ImportWizard';
import '../../lib/areas/imports';

/**
 * The Import / Export subpage: the import form (for people who may write records), every import
 * the user may see with its progress, and whole-table exports (each table also exports its own view).
 */
export default function ImportExportPage() {
  const project = useProject();
  const projectKey = project.status === 'ok' ? project.data.projectKey : '';
  const list = useImportList(projectKey);
  if (project.status === 'loading') return <PageSkeleton rows={4} />;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  const ctx = project.data;
  return (
    <div className="relay-import-export" data-testid="import-export-page">
      {ctx.canEdit ? <ImportWizard project={ctx} onStarted={list.reload} /> : null}
      <ImportJobs list={list} />
      <section className="relay-card" aria-label={t('exports.title')} data-testid="export-panel">
        <h2 className="relay-card__title">{t('exports.title')}</h2>
        <p className="relay-muted">{t('exports.intro')}</p>
        <div className="relay-export-all">
          {ctx.pipeline ? <ExportButton request={{ table: 'deals', projectKey }} fileName={`${projectKey}-deals.csv`} label={t('exports.all.deals')} testId="export-all-deals" /> : null}
          <ExportButton request={{ table: 'companies', projectKey }} fileName="companies.csv" label={t('exports.all.companies')} testId="export-all-companies" />
          <ExportButton request={{ table: 'contacts', projectKey }} fileName="contacts.csv" label={t('exports.all.contacts')} testId="export-all-contacts" />
          <ExportButton request={{ table: 'contacts', projectKey, filters: { consentGranted: true } }} fileName="contacts-marketing.csv" label={t('exports.marketing')} testId="export-marketing" />
        </div>
      </section>
    </div>
  );
}

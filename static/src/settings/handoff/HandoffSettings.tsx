import { api } from '../../lib/api';
import { Card, ErrorBanner, PageSkeleton } from '../../lib/components';
import { t } from '../../lib/i18n';
import { useAsync } from '../../lib/use-async';
import { HandoffEditor } from './HandoffEditor';
import { LeadSlaSetting } from './LeadSlaSetting';
import './handoff.css';
import '../../lib/areas/settings';

/**
 * Project settings → "Hand-off to delivery": the template a won deal's delivery issue is made from
 * (`handoff/template`, saved with `handoff/save-template`) and a preview of that issue for a chosen
 * deal (`handoff/preview`). Its own card with its own save, separate from the pipeline form: the two
 * records have their own versions, so one can be saved (or conflict) without the other.
 */
export function HandoffSettings({ projectKey, canAdmin }: { projectKey: string; canAdmin: boolean }) {
  const template = useAsync(() => api.handoff.template({ projectKey }));
  return (
    <div className="relay-handoff-section">
      <Card title={t('settings.handoff.title')} testId="handoff-card">
        <p className="relay-muted">{t('settings.handoff.help')}</p>
        {template.status === 'loading' ? <PageSkeleton rows={6} label={t('settings.handoff.loading')} /> : null}
        {template.status === 'error' ? <ErrorBanner error={template.error} onRetry={template.reload} /> : null}
        {template.status === 'ok' ? <HandoffEditor projectKey={projectKey} initial={template.data} canAdmin={canAdmin} /> : null}
        <section className="relay-handoff-preview" aria-label={t('settings.handoff.leadSla')}>
          <h3 className="relay-subtitle">{t('settings.handoff.leadSla')}</h3>
          <LeadSlaSetting />
        </section>
      </Card>
    </div>
  );
}

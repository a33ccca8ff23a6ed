import { useCallback } from 'react';
import { api } from '../lib/api';
import { ConnectionStatus, ErrorBanner, PageHeader, PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { t } from '../lib/i18n';
import { mount } from '../lib/mount';
import { useAsync } from '../lib/use-async';
import { HealthWeightsForm } from './HealthWeightsForm';
import { SiteSettingsForm } from './SiteSettingsForm';
import './admin.css';

/** Loads the site settings once; the form is keyed by version so a reload starts from what is stored. */
function AdminBody() {
  const { locale } = useForgeContext();
  const load = useCallback(() => api.settings.site(), []);
  const settings = useAsync(load);
  if (settings.status === 'loading') return <PageSkeleton rows={6} />;
  if (settings.status === 'error') return <ErrorBanner error={settings.error} onRetry={settings.reload} />;
  return (
    <>
      <SiteSettingsForm key={settings.data.version} initial={settings.data} locale={locale} />
      <HealthWeightsForm />
    </>
  );
}

/** Jira settings → Apps → Relay CRM: site-wide administration. */
function Admin() {
  return (
    <div className="relay-page">
      <PageHeader title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <main className="relay-main" data-testid="admin-page">
        <AdminBody />
      </main>
      <ConnectionStatus />
    </div>
  );
}

void mount(Admin);

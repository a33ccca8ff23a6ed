import { lazy, Suspense, useCallback, useState } from 'react';
import { api } from '../lib/api';
import { ConnectionStatus, ErrorBanner, PageHeader, PageSkeleton } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { t } from '../lib/i18n';
import { mount } from '../lib/mount';
import { useAsync } from '../lib/use-async';
import { HealthWeightsForm } from './HealthWeightsForm';
import { SiteSettingsForm } from './SiteSettingsForm';
import './admin.css';
import '../lib/areas/leads';

/** Personal data (export, erase) is its own chunk: the settings form paints without it. */
const PersonalData = lazy(() => import('./PersonalData').then((m) => ({ default: m.PersonalData })));

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

// The Inbound leads tab is its own chunk: the admin page's first paint stays within its bundle budget.
const LeadsAdmin = lazy(() => import('./leads/LeadsAdmin').then((m) => ({ default: m.LeadsAdmin })));

const TABS = ['site', 'leads'] as const;
type Tab = (typeof TABS)[number];

/** Jira settings → Apps → Relay CRM: site-wide administration, in two tabs (site settings; inbound leads). */
function Admin() {
  const [tab, setTab] = useState<Tab>('site');
  return (
    <div className="relay-page">
      <PageHeader title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <main className="relay-main" data-testid="admin-page">
        <div className="admin-tabs" role="tablist" aria-label={t('admin.tab.label')}>
          {TABS.map((name) => (
            <button key={name} type="button" role="tab" id={`admin-tab-${name}`} aria-selected={tab === name} aria-controls={`admin-panel-${name}`} onClick={() => setTab(name)} data-testid={`admin-tab-${name}`}>
              {t(name === 'site' ? 'admin.tab.site' : 'admin.tab.leads')}
            </button>
          ))}
        </div>
        <div role="tabpanel" id={`admin-panel-${tab}`} aria-labelledby={`admin-tab-${tab}`}>
          {tab === 'site' ? (
            <>
              <AdminBody />
              <Suspense fallback={null}>
                <PersonalData />
              </Suspense>
            </>
          ) : (
            <Suspense fallback={<PageSkeleton rows={6} />}>
              <LeadsAdmin />
            </Suspense>
          )}
        </div>
      </main>
      <ConnectionStatus />
    </div>
  );
}

void mount(Admin);

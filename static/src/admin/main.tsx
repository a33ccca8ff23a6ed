import { ConnectionCard, PageHeader, Placeholder } from '../lib/components';
import { t } from '../lib/i18n';
import { mount } from '../lib/mount';

/** Jira settings → Apps → Relay CRM: site-wide administration. */
function Admin() {
  return (
    <div className="relay-page">
      <PageHeader title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <div className="relay-layout">
        <Placeholder feature="admin.feature" body="admin.feature.body" />
        <ConnectionCard />
      </div>
    </div>
  );
}

void mount(Admin);

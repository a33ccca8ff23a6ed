import { ConnectionCard, PageHeader, Placeholder } from '../lib/components';
import { useForgeContext } from '../lib/context';
import { t } from '../lib/i18n';
import { mount } from '../lib/mount';

/** Project settings → Relay CRM: the connection check now; pipeline and hand-off settings arrive later. */
function Settings() {
  const context = useForgeContext();
  return (
    <div className="relay-page">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle', { project: context.extension.project?.key ?? '' })} />
      <div className="relay-layout">
        <Placeholder feature="settings.feature" body="settings.feature.body" />
        <ConnectionCard />
      </div>
    </div>
  );
}

void mount(Settings);

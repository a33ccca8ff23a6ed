import Button from '@atlaskit/button/new';
import { useCallback, useState } from 'react';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { ErrorBanner, flagError, flagSuccess, PageSkeleton } from '../../lib/components';
import { t } from '../../lib/i18n';
import { useAsync } from '../../lib/use-async';
import type { DraftErrors, LeadSettings } from '../../admin/leads/lead-draft';
import { checkLeadDraft, draftOf } from '../../admin/leads/lead-draft';
import { SlaFields } from '../../admin/leads/SlaEditor';
import '../../lib/areas/leads';

/**
 * The lead response SLA in the project settings: site-wide, so it is the same here as on the admin
 * page; a Jira administrator saves it from here (the SLA alone, at the version read), everyone else
 * reads it.
 */
export function LeadSlaSetting() {
  const settings = useAsync(useCallback(() => api.leads.settings(), []));
  if (settings.status === 'loading') return <PageSkeleton rows={2} />;
  if (settings.status === 'error') return <ErrorBanner error={settings.error} onRetry={settings.reload} />;
  return <SlaForm key={settings.data.version} initial={settings.data} />;
}

function SlaForm({ initial }: { initial: LeadSettings }) {
  const [record, setRecord] = useState(initial);
  const [sla, setSla] = useState(initial.sla);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(sla) !== JSON.stringify(record.sla);

  const save = async () => {
    const checked = checkLeadDraft({ ...draftOf(record), sla }, record.version, ['sla']);
    setErrors(checked.fields);
    if (!checked.input) return;
    setSaving(true);
    try {
      const saved = await api.leads.saveSettings(checked.input);
      setRecord(saved);
      setSla(saved.sla);
      flagSuccess(t('admin.leads.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        flagError(error, t('admin.leads.conflict'));
        void api.leads.settings().then((fresh) => {
          setRecord(fresh);
          setSla(fresh.sla);
        }, flagError);
      } else flagError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="lead-sla-setting">
      <p className="relay-muted">{t('admin.leads.sla.help')}</p>
      <SlaFields sla={sla} errors={errors} readOnly={!record.canEdit} onChange={setSla} idPrefix="project-sla" />
      {record.canEdit ? (
        <Button appearance="primary" isDisabled={!dirty || saving} isLoading={saving} onClick={() => void save()} testId="lead-sla-save">
          {t('admin.leads.save')}
        </Button>
      ) : (
        <p className="relay-muted">{t('admin.leads.sla.readOnly')}</p>
      )}
    </div>
  );
}

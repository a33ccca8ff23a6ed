import Button from '@atlaskit/button/new';
import { requestJira } from '@forge/bridge';
import { useCallback, useState } from 'react';
import { z } from 'zod';
import { RenewalSettingsRecord } from '../../../src/contracts/renewal';
import { api } from '../lib/api';
import { ErrorBanner } from '../lib/components';
import { t } from '../lib/i18n';
import { useAsync } from '../lib/use-async';
import { useRecord } from '../lib/use-record';
import { conflictCurrent } from '../project-page/records/forms';

type Record = z.infer<typeof RenewalSettingsRecord>;
const Projects = z.object({ values: z.array(z.object({ key: z.string(), name: z.string() })) });

/** The projects the admin can browse (Jira lists them); Relay checks on save that the CRM is on in the one chosen. */
async function projectOptions(): Promise<Array<{ key: string; name: string }>> {
  const response = await requestJira('/rest/api/3/project/search?maxResults=100&orderBy=name');
  if (!response.ok) return [];
  const parsed = Projects.safeParse(await response.json());
  return parsed.success ? parsed.data.values : [];
}

/**
 * Project settings → Renewals: whether Relay opens renewal deals for this project's contracts, how
 * many days before the contract ends, and in which project. Saved at the version read; a save by
 * someone else meanwhile shows theirs.
 */
export function RenewalSettings({ projectKey }: { projectKey: string }) {
  const [draft, setDraft] = useState({ enabled: true, daysBefore: '90', target: '' });
  const draftOf = (next: Record) => setDraft({ enabled: next.enabled, daysBefore: String(next.daysBefore), target: next.targetProjectKey ?? '' });
  const { loaded, record, adopt } = useRecord(useCallback(() => api.renewals.settings({ projectKey }), [projectKey]), draftOf);
  const projects = useAsync(projectOptions);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  if (loaded.status === 'error') return <ErrorBanner error={loaded.error} onRetry={loaded.reload} />;
  if (!record) return <p className="relay-muted">{t('common.loading')}</p>;
  const readOnly = !record.canEdit;

  const save = async () => {
    setSaving(true);
    setFailure(null);
    setSaved(false);
    try {
      adopt(await api.renewals.saveSettings({ projectKey, version: record.version, enabled: draft.enabled, daysBefore: Number(draft.daysBefore), targetProjectKey: draft.target === '' || draft.target === projectKey ? null : draft.target }));
      setSaved(true);
    } catch (error) {
      const current = conflictCurrent(error, RenewalSettingsRecord);
      if (current) adopt(current);
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  const options = (projects.status === 'ok' ? projects.data : []).filter((p) => p.key !== projectKey);
  return (
    <section className="relay-card" aria-label={t('renewals.settings.title')} data-testid="renewal-settings">
      <h2 className="relay-card__title">{t('renewals.settings.title')}</h2>
      <p className="relay-muted">{t('renewals.settings.intro')}</p>
      {readOnly ? <p className="relay-muted">{t('renewals.settings.readOnly')}</p> : null}
      <label className="relay-field relay-field--inline">
        <input type="checkbox" checked={draft.enabled} disabled={readOnly} onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })} data-testid="renewal-enabled" />
        <span>{t('renewals.settings.enabled')}</span>
      </label>
      <label className="relay-field">
        <span>{t('renewals.settings.daysBefore')}</span>
        <input type="number" min={1} max={365} value={draft.daysBefore} disabled={readOnly} onChange={(e) => setDraft({ ...draft, daysBefore: e.target.value })} data-testid="renewal-days" />
      </label>
      <label className="relay-field">
        <span>{t('renewals.settings.target')}</span>
        <select value={draft.target} disabled={readOnly} onChange={(e) => setDraft({ ...draft, target: e.target.value })} data-testid="renewal-target">
          <option value="">{t('renewals.settings.targetSelf')}</option>
          {record.targetProjectKey && !options.some((p) => p.key === record.targetProjectKey) ? <option value={record.targetProjectKey}>{`${record.targetProjectName ?? record.targetProjectKey} (${record.targetProjectKey})`}</option> : null}
          {options.map((p) => (
            <option key={p.key} value={p.key}>{`${p.name} (${p.key})`}</option>
          ))}
        </select>
        <span className="relay-field__help">{t('renewals.settings.targetHelp')}</span>
      </label>
      {failure ? <ErrorBanner error={failure} /> : null}
      {saved ? (
        <p className="relay-muted" role="status">
          {t('renewals.settings.saved')}
        </p>
      ) : null}
      {readOnly ? null : (
        <Button appearance="primary" onClick={() => void save()} isDisabled={saving} testId="renewal-save">
          {t('common.save')}
        </Button>
      )}
    </section>
  );
}

import Button from '@atlaskit/button/new';
import { useCallback, useState } from 'react';
import type { z } from 'zod';
import { HealthWeightsRecord } from '../../../src/contracts/renewal';
import type { HealthWeights } from '../../../src/domain/health';
import { api } from '../lib/api';
import { ErrorBanner } from '../lib/components';
import type { MessageKey } from '../lib/i18n';
import { t } from '../lib/i18n';
import { useRecord } from '../lib/use-record';
import { conflictCurrent } from '../project-page/records/forms';

type Record = z.infer<typeof HealthWeightsRecord>;
const FIELDS: Array<{ key: keyof HealthWeights; label: MessageKey; max: number }> = [
  { key: 'overdueIssue', label: 'renewals.health.overdueIssue', max: 100 },
  { key: 'blockedIssue', label: 'renewals.health.blockedIssue', max: 100 },
  { key: 'openBug', label: 'renewals.health.openBug', max: 100 },
  { key: 'handoffBreach', label: 'renewals.health.handoffBreach', max: 100 },
  { key: 'inactivity', label: 'renewals.health.inactivity', max: 100 },
  { key: 'inactivityDays', label: 'renewals.health.inactivityDays', max: 365 },
  { key: 'renewalSoon', label: 'renewals.health.renewalSoon', max: 100 },
  { key: 'renewalOverdue', label: 'renewals.health.renewalOverdue', max: 100 },
  { key: 'goodAtLeast', label: 'renewals.health.goodAtLeast', max: 100 },
  { key: 'averageAtLeast', label: 'renewals.health.averageAtLeast', max: 100 },
];

/**
 * Admin page → Customer health: the points each signal costs and where the tiers start, saved as a
 * site setting at the version read. Scores follow at the next daily run (or a linked issue's event).
 */
export function HealthWeightsForm() {
  const [draft, setDraft] = useState<Partial<Record['weights']>>({});
  const draftOf = (next: Record) => setDraft(next.weights);
  const { loaded, record, adopt } = useRecord(useCallback(() => api.settings.health(), []), draftOf);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (loaded.status === 'error') return <ErrorBanner error={loaded.error} onRetry={loaded.reload} />;
  if (!record) return <p className="relay-muted">{t('common.loading')}</p>;
  const readOnly = !record.canEdit;
  const save = async () => {
    setFailure(null);
    setSaved(false);
    try {
      adopt(await api.settings.saveHealth({ version: record.version, weights: { ...record.weights, ...draft } }));
      setSaved(true);
    } catch (error) {
      const current = conflictCurrent(error, HealthWeightsRecord);
      if (current) adopt(current);
      setFailure(error);
    }
  };
  return (
    <section className="relay-card" aria-label={t('renewals.health.title')} data-testid="health-weights">
      <h2 className="relay-card__title">{t('renewals.health.title')}</h2>
      <p className="relay-muted">{t('renewals.health.intro')}</p>
      {readOnly ? <p className="relay-muted">{t('renewals.health.readOnly')}</p> : null}
      <div className="relay-weights">
        {FIELDS.map((f) => (
          <label key={f.key} className="relay-field">
            <span>{t(f.label)}</span>
            <input
              type="number"
              min={f.key === 'inactivityDays' ? 1 : 0}
              max={f.max}
              value={draft[f.key] ?? ''}
              disabled={readOnly}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value === '' ? undefined : Number(e.target.value) })}
              data-testid={`weight-${f.key}`}
            />
          </label>
        ))}
      </div>
      {failure ? <ErrorBanner error={failure} /> : null}
      {saved ? (
        <p className="relay-muted" role="status">
          {t('renewals.health.saved')}
        </p>
      ) : null}
      {readOnly ? null : (
        <div className="relay-actions">
          <Button appearance="subtle" onClick={() => setDraft(record.defaults)} testId="weights-defaults">
            {t('renewals.health.reset')}
          </Button>
          <Button appearance="primary" onClick={() => void save()} testId="weights-save">
            {t('common.save')}
          </Button>
        </div>
      )}
    </section>
  );
}

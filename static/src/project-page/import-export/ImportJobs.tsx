import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { useEffect, useState } from 'react';
import type { ImportJobRecord } from '../../../../src/contracts/import';
import { api } from '../../lib/api';
import { ErrorBanner, flagError } from '../../lib/components';
import { t } from '../../lib/i18n';
import { usePeople } from '../../lib/people';
import { download, rejectedRowsCsv } from './import-file';

const ACTIVE = new Set(['uploading', 'queued', 'running']);
const APPEARANCE = { uploading: 'default', queued: 'default', running: 'inprogress', done: 'success', cancelled: 'moved', failed: 'removed' } as const;

export interface ImportList {
  items: ImportJobRecord[] | null;
  error: unknown;
  /** Asks again; a job this screen just started is shown from then on, whatever the list says. */
  reload: (started?: ImportJobRecord) => void;
}

/**
 * The imports list, asked again every two seconds while any import is moving (so the bars move
 * without the list blinking); a reload or another user starts from what the server has. The list
 * is a storage query, which trails writes by a few seconds: a job started here is read by its id
 * (always current) until the list shows it, so the bar appears at once.
 */
export function useImportList(projectKey: string): ImportList {
  const [items, setItems] = useState<ImportJobRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [started, setStarted] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    const read = async () => {
      const answer = await api.imports.list({ projectKey });
      const listed = new Set(answer.items.map((j) => j.id));
      const missing = started.filter((id) => !listed.has(id));
      const own = await Promise.all(missing.map((jobId) => api.imports.get({ jobId })));
      return { items: [...own, ...answer.items], shown: started.filter((id) => listed.has(id)) };
    };
    read().then(
      (answer) => {
        if (!live) return;
        setItems(answer.items);
        setError(null);
        if (answer.shown.length > 0) setStarted((ids) => ids.filter((id) => !answer.shown.includes(id)));
      },
      (failure: unknown) => live && setError(failure),
    );
    return () => {
      live = false;
    };
  }, [projectKey, tick, started]);
  const moving = (items ?? []).some((j) => ACTIVE.has(j.status));
  useEffect(() => {
    if (!moving) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), 2000);
    return () => clearTimeout(timer);
  }, [moving, items]);
  const reload = (job?: ImportJobRecord) => {
    if (job) setStarted((ids) => (ids.includes(job.id) ? ids : [job.id, ...ids]));
    else setTick((n) => n + 1);
  };
  return { items, error, reload };
}

function JobRow({ job, onChanged }: { job: ImportJobRecord; onChanged: () => void }) {
  const { nameOf } = usePeople([job.createdBy]);
  const percent = job.progress.size > 0 ? Math.floor((job.progress.read / job.progress.size) * 100) : 0;
  const cancel = async () => {
    try {
      await api.imports.cancel({ jobId: job.id });
      onChanged();
    } catch (error) {
      flagError(error);
    }
  };
  const report = async () => {
    try {
      const csv = await rejectedRowsCsv(job.id, { line: t('imports.report.line'), reason: t('imports.report.reason') });
      download(`${job.fileName.replace(/\.csv$/i, '')}-rejected.csv`, [csv]);
    } catch (error) {
      flagError(error);
    }
  };
  return (
    <li className="relay-import-job" data-testid={`import-job-${job.id}`} data-status={job.status}>
      <div className="relay-import-job__head">
        <strong>{t('imports.job.kind', { kind: t(`imports.kind.${job.kind}`), file: job.fileName })}</strong>
        <Lozenge appearance={APPEARANCE[job.status]}>{t(`imports.job.status.${job.status}`)}</Lozenge>
        {job.canReadReport ? null : <span className="relay-muted">{t('imports.job.by', { name: nameOf(job.createdBy) })}</span>}
      </div>
      <div className="relay-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-label={t('imports.job.progress', { percent })} data-testid="import-progress">
        <div className="relay-progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <p className="relay-muted" data-testid="import-counts">
        {t('imports.job.progress', { percent })} · {t('imports.job.counts', { rows: job.counts.rows, imported: job.counts.imported, updated: job.counts.updated, rejected: job.counts.rejected })}
        {job.counts.companiesCreated > 0 ? ` · ${t('imports.job.companies', { count: job.counts.companiesCreated })}` : ''}
      </p>
      {job.error ? <p className="relay-field__error">{job.error}</p> : null}
      <div className="relay-import-job__actions">
        {job.canReadReport && ACTIVE.has(job.status) && !job.cancelRequested ? (
          <Button appearance="subtle" onClick={() => void cancel()} testId="import-cancel">
            {t('imports.job.cancel')}
          </Button>
        ) : null}
        {job.cancelRequested && ACTIVE.has(job.status) ? <span className="relay-muted">{t('imports.job.cancelling')}</span> : null}
        {job.canReadReport && job.counts.rejected > 0 ? (
          <Button onClick={() => void report()} testId="import-report">
            {t('imports.job.report')}
          </Button>
        ) : null}
      </div>
    </li>
  );
}

/** The caller's imports and the ones running on the site, with progress, counts, cancel and the rejected rows. */
export function ImportJobs({ list }: { list: ImportList }) {
  return (
    <section className="relay-card" aria-label={t('imports.jobs')} data-testid="import-jobs">
      <h2 className="relay-card__title">{t('imports.jobs')}</h2>
      {list.error ? <ErrorBanner error={list.error} onRetry={() => list.reload()} /> : null}
      {list.items?.length === 0 ? <p className="relay-muted">{t('imports.jobs.empty')}</p> : null}
      {list.items === null && !list.error ? <p className="relay-muted">{t('common.loading')}</p> : null}
      <ul className="relay-import-jobs">
        {(list.items ?? []).map((job) => (
          <JobRow key={job.id} job={job} onChanged={() => list.reload()} />
        ))}
      </ul>
    </section>
  );
}

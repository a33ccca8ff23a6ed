import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { useEffect, useMemo, useState } from 'react';
import type { ImportJobRecord } from '../../../../src/contracts/import';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { ErrorBanner, flagError } from '../../lib/components';
import { t } from '../../lib/i18n';
import { usePeople } from '../../lib/people';
import { download, rejectedRowsCsv } from './import-file';
import '../../lib/areas/imports';

const ACTIVE = new Set(['uploading', 'queued', 'running']);
const APPEARANCE = { uploading: 'default', queued: 'default', running: 'inprogress', done: 'success', cancelled: 'moved', failed: 'removed' } as const;

export interface ImportList {
  items: ImportJobRecord[] | null;
  error: unknown;
  /** Asks again; a job this screen just started is shown from then on, whatever the list says. */
  reload: (started?: ImportJobRecord) => void;
}

/** Busy answers (the site's storage quota spent for the moment, often by the import itself) asked again before the list shows the error. */
const BUSY_RETRIES = 5;

/**
 * Ids of imports started in this tab, kept for the session so a reload still reads them by id until
 * the list shows them (Custom UI frames keep their origin's storage; without it, only until the reload).
 */
function sessionIds(projectKey: string): { read: () => string[]; write: (ids: string[]) => void } {
  const key = `relay.imports.started.${projectKey}`;
  return {
    read: () => {
      try {
        const ids: unknown = JSON.parse(window.sessionStorage.getItem(key) ?? '[]');
        return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
      } catch {
        return [];
      }
    },
    write: (ids) => {
      try {
        window.sessionStorage.setItem(key, JSON.stringify(ids));
      } catch {
        // No session storage: the ids live until the page reloads.
      }
    },
  };
}

/**
 * The imports list, asked again every two seconds while any import is moving (so the bars move
 * without the list blinking); a reload or another user starts from what the server has. The list
 * is a storage query, which trails writes by a few seconds: a job started here is read by its id
 * (always current) until the list shows it, so the bar appears at once, after a reload too. A busy
 * answer is asked again a few seconds later rather than leaving the screen without its bars.
 */
export function useImportList(projectKey: string): ImportList {
  const [items, setItems] = useState<ImportJobRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const [busy, setBusy] = useState(0);
  const session = useMemo(() => sessionIds(projectKey), [projectKey]);
  const [started, setStarted] = useState<string[]>([]);
  // The project is known only once its context arrived: its ids are read then, and written on each change.
  useEffect(() => setStarted(projectKey ? session.read() : []), [session, projectKey]);
  const keepStarted = (update: (ids: string[]) => string[]) =>
    setStarted((ids) => {
      const next = update(ids);
      if (projectKey) session.write(next);
      return next;
    });
  useEffect(() => {
    if (!projectKey) return undefined;
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
        setBusy(0);
        if (answer.shown.length > 0) keepStarted((ids) => ids.filter((id) => !answer.shown.includes(id)));
      },
      (failure: unknown) => {
        if (!live) return;
        if (failure instanceof ApiError && failure.code === 'RATE_LIMITED' && busy < BUSY_RETRIES) setBusy((n) => n + 1);
        else setError(failure);
      },
    );
    return () => {
      live = false;
    };
    // `busy` is read here, not a reason to ask again: the timer below asks.
  }, [projectKey, tick, started]);
  useEffect(() => {
    if (busy === 0) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), 2000 * busy);
    return () => clearTimeout(timer);
  }, [busy]);
  const moving = (items ?? []).some((j) => ACTIVE.has(j.status));
  useEffect(() => {
    if (!moving) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), 2000);
    return () => clearTimeout(timer);
  }, [moving, items]);
  const reload = (job?: ImportJobRecord) => {
    if (job) keepStarted((ids) => (ids.includes(job.id) ? ids : [job.id, ...ids]));
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

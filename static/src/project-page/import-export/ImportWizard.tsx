import Button from '@atlaskit/button/new';
import { useMemo, useState } from 'react';
import type { ImportJobRecord } from '../../../../src/contracts/import';
import { IMPORT_TARGETS, type ImportKind, type ImportTarget } from '../../../../src/domain/import-fields';
import { readRow, type MatchBy } from '../../../../src/domain/import-row';
import type { DateOrder } from '../../../../src/domain/import-values';
import { ErrorBanner, flagSuccess } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import type { ProjectContext } from '../../../../src/contracts/project';
import { NativeSelect } from '../records/ui';
import { previewOf, sendAndStart, type FilePreview } from './import-file';
import '../../lib/areas/imports';

const DELIMITER_KEY: Record<string, MessageKey> = { ',': 'imports.delimiter.comma', ';': 'imports.delimiter.semicolon', '\t': 'imports.delimiter.tab', '|': 'imports.delimiter.pipe' };
const MATCH_BY: Record<ImportKind, MatchBy[]> = { companies: ['domain', 'externalId'], contacts: ['email', 'externalId'], deals: ['externalId'] };
const MAX_BYTES = 20 * 1024 * 1024;

const targetLabel = (target: ImportTarget) => t(`imports.target.${target}` as MessageKey);

/**
 * The import form: what the file holds, the file, its columns mapped to Relay's fields (suggested
 * from the header, HubSpot, Salesforce and Pipedrive exports recognised), a preview of the first
 * rows with each cell checked by the same rules as the job, the options, and Start.
 */
export function ImportWizard({ project, onStarted }: { project: ProjectContext; onStarted: (job: ImportJobRecord) => void }) {
  const [kind, setKind] = useState<ImportKind>('contacts');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<FilePreview | null>(null);
  const [mapping, setMapping] = useState<Array<ImportTarget | null>>([]);
  const [mode, setMode] = useState<'create' | 'update'>('create');
  const [matchBy, setMatchBy] = useState<MatchBy>('email');
  const [dateOrder, setDateOrder] = useState<DateOrder>('mdy');
  const [currency, setCurrency] = useState(project.site.reportingCurrency);
  const [sending, setSending] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = (nextKind: ImportKind, loaded: { name: string; text: string } | null) => {
    setError(null);
    if (!loaded) return;
    const next = previewOf(nextKind, loaded.text);
    if (next.header.length === 0) {
      setFileError(t('imports.file.empty'));
      return;
    }
    setPreview(next);
    setMapping(next.mapping);
    setDateOrder(next.dateOrder);
    setMatchBy(MATCH_BY[nextKind][0]!);
    if (nextKind === 'deals') setMode(next.mapping.includes('externalId') ? mode : 'create');
  };

  const chooseKind = (value: string) => {
    const next = (['companies', 'contacts', 'deals'] as const).find((k) => k === value) ?? 'contacts';
    setKind(next);
    load(next, file);
  };

  const chooseFile = async (list: FileList | null) => {
    const chosen = list?.[0];
    setFileError(null);
    setPreview(null);
    if (!chosen) return;
    if (chosen.size > MAX_BYTES) {
      setFileError(t('imports.file.tooLarge', { size: (chosen.size / 1024 / 1024).toFixed(1) }));
      return;
    }
    const loaded = { name: chosen.name, text: await chosen.text() };
    setFile(loaded);
    load(kind, loaded);
  };

  const options = { kind, mode, matchBy, dateOrder, defaultCurrency: currency };
  const checked = useMemo(
    () => (preview ? preview.rows.map((row) => ({ row, reading: readRow(options, mapping, row.cells, kind === 'deals' ? project.pipeline : null) })) : []),
    [preview, mapping, kind, mode, matchBy, dateOrder, currency, project.pipeline],
  );

  const start = async () => {
    if (!file || !preview) return;
    setError(null);
    try {
      const job = await sendAndStart({ ...options, projectKey: project.projectKey, fileName: file.name, text: file.text, mapping }, (part, parts) => setSending(t('imports.uploading', { part, parts })));
      flagSuccess(t('imports.started', { file: file.name }));
      setFile(null);
      setPreview(null);
      onStarted(job);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(null);
    }
  };

  const targets = IMPORT_TARGETS[kind] as readonly ImportTarget[];
  return (
    <section className="relay-card relay-import" aria-label={t('imports.title')} data-testid="import-wizard">
      <h2 className="relay-card__title">{t('imports.title')}</h2>
      <p className="relay-muted">{t('imports.intro')}</p>
      <div className="relay-import__pick">
        <label>
          <span>{t('imports.kind')}</span>
          <NativeSelect value={kind} onChange={chooseKind} options={(['companies', 'contacts', 'deals'] as const).filter((k) => k !== 'deals' || project.pipeline).map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))} data-testid="import-kind" />
        </label>
        <label>
          <span>{t('imports.file')}</span>
          <input type="file" accept=".csv,text/csv" onChange={(e) => void chooseFile(e.currentTarget.files)} data-testid="import-file" />
          <span className="relay-muted">{t('imports.file.help')}</span>
        </label>
      </div>
      {fileError ? <p className="relay-field__error" role="alert">{fileError}</p> : null}
      {preview ? (
        <>
          <p className="relay-muted" data-testid="import-source">
            {t(`imports.source.${preview.source}`)} {t('imports.format', { delimiter: t(DELIMITER_KEY[preview.delimiter] ?? 'imports.delimiter.comma'), columns: preview.header.length })}
          </p>
          <h3>{t('imports.mapping')}</h3>
          <table className="relay-table relay-import__mapping" data-testid="import-mapping">
            <thead>
              <tr>
                <th scope="col">{t('imports.mapping.column')}</th>
                <th scope="col">{t('imports.mapping.field')}</th>
                <th scope="col">{t('imports.mapping.sample')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.header.map((header, i) => (
                <tr key={`${header}-${i}`}>
                  <td>{header}</td>
                  <td>
                    <NativeSelect
                      aria-label={header}
                      value={mapping[i] ?? ''}
                      onChange={(value) => setMapping((m) => m.map((v, j) => (j === i ? (targets.find((tg) => tg === value) ?? null) : v)))}
                      options={[{ value: '', label: t('imports.mapping.skip') }, ...targets.map((tg) => ({ value: tg, label: targetLabel(tg) }))]}
                      data-testid={`import-map-${i}`}
                    />
                  </td>
                  <td className="relay-muted">{preview.rows[0]?.cells[i] ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('imports.preview')}</h3>
          <div className="relay-table-wrap">
            <table className="relay-table relay-import__preview" data-testid="import-preview">
              <thead>
                <tr>
                  <th scope="col">{t('imports.preview.line')}</th>
                  {preview.header.map((h, i) => (mapping[i] ? <th key={i} scope="col">{targetLabel(mapping[i]!)}</th> : null))}
                  <th scope="col" />
                </tr>
              </thead>
              <tbody>
                {checked.map(({ row, reading }) => (
                  <tr key={row.line} data-testid={`import-preview-${row.line}`} className={reading.plan ? undefined : 'relay-import__rejected'}>
                    <td>{row.line}</td>
                    {preview.header.map((_, i) => {
                      if (!mapping[i]) return null;
                      const problem = reading.problems.find((p) => p.column === i);
                      return (
                        <td key={i} className={problem ? 'relay-import__bad' : undefined} title={problem?.message}>
                          {row.cells[i] ?? ''}
                          {problem ? <span className="relay-field__error">{problem.message}</span> : null}
                        </td>
                      );
                    })}
                    <td>{reading.plan ? t('imports.preview.ok') : `${t('imports.preview.rejected')}${reading.problems.filter((p) => p.column === null).map((p) => `: ${p.message}`).join('')}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('imports.options')}</h3>
          <div className="relay-import__options">
            <label>
              <span>{t('imports.mode')}</span>
              <NativeSelect value={mode} onChange={(v) => setMode(v === 'update' ? 'update' : 'create')} options={[{ value: 'create', label: t('imports.mode.create') }, { value: 'update', label: t('imports.mode.update') }]} data-testid="import-mode" />
            </label>
            {mode === 'update' ? (
              <label>
                <span>{t('imports.matchBy')}</span>
                <NativeSelect value={matchBy} onChange={(v) => setMatchBy(MATCH_BY[kind].find((m) => m === v) ?? MATCH_BY[kind][0]!)} options={MATCH_BY[kind].map((m) => ({ value: m, label: t(`imports.matchBy.${m}`) }))} data-testid="import-match" />
              </label>
            ) : null}
            <label>
              <span>{t('imports.dateOrder')}</span>
              <NativeSelect value={dateOrder} onChange={(v) => setDateOrder(v === 'dmy' ? 'dmy' : 'mdy')} options={[{ value: 'mdy', label: t('imports.dateOrder.mdy') }, { value: 'dmy', label: t('imports.dateOrder.dmy') }]} />
            </label>
            {kind === 'deals' ? (
              <label>
                <span>{t('imports.currency')}</span>
                <input className="relay-input" value={currency} maxLength={3} onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())} />
              </label>
            ) : null}
          </div>
          {error ? <ErrorBanner error={error} /> : null}
          <div className="relay-import__actions">
            <Button appearance="primary" onClick={() => void start()} isLoading={sending !== null} testId="import-start">
              {t('imports.start')}
            </Button>
            {sending ? <span role="status">{sending}</span> : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

import Button from '@atlaskit/button/new';
import { useCallback, useEffect } from 'react';
import { useSlices } from './use-slices';
import type { z } from 'zod';
import type { DealProblem, DealQualitySlice } from '../../../../src/contracts/quality';
import { fixField, mergeCompleteness } from '../../../../src/domain/data-quality';
import type { CriteriaField } from '../../../../src/domain/pipeline';
import { api } from '../../lib/api';
import { ErrorBanner, PageSkeleton } from '../../lib/components';
import { useProductPath } from '../../lib/history';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { useProject } from '../../lib/project';
import { useAsync } from '../../lib/use-async';
import { usePeople } from '../../lib/people';
import { recordPath } from '../records/record-paths';
import '../records/records.css';
import './quality.css';
import { Duplicates } from './Duplicates';
import '../../lib/areas/quality';

type Slice = z.infer<typeof DealQualitySlice>;
type Problem = z.infer<typeof DealProblem>;

const fieldLabel = (field: string) => t(`records.field.${fixField(field as CriteriaField)}` as MessageKey);

function percent(entry: { open: number; complete: number }): string {
  return t('quality.share', { percent: entry.open === 0 ? 100 : Math.round((entry.complete / entry.open) * 100) });
}

/** The field a problem's fix opens the drawer at. */
function fixOf(problem: Problem): string {
  if (problem.kind === 'missing-fields') return fixField(problem.fields[0]!);
  if (problem.kind === 'stale') return 'stageId';
  return problem.kind === 'no-next-step' ? 'nextStep' : 'nextStepDue';
}

/**
 * Data quality: completeness per stage and owner (the glossary's definition), the open deals to fix
 * with one click each to the field in the deal's drawer, and shared records missing a company or a
 * domain. Large projects are read in slices, added up as they come.
 */
export default function DataQualityPage() {
  const project = useProject();
  const { push } = useProductPath();
  const projectKey = project.status === 'ok' ? project.data.projectKey : '';
  const { slices, error, loading, load } = useSlices<Slice>(useCallback((cursor?: string) => api.quality.deals({ projectKey, ...(cursor ? { cursor } : {}) }), [projectKey]));
  const { nameOf } = usePeople(slices.flatMap((s) => [...Object.keys(s.byOwner), ...s.flagged.map((f) => f.ownerId)]));
  const records = useAsync(useCallback(() => api.quality.records({ projectKey: projectKey || 'X0' }), [projectKey]));

  useEffect(() => {
    if (projectKey && project.status === 'ok' && project.data.pipeline) void load();
  }, [projectKey, project.status, load]);

  if (project.status === 'loading') return <PageSkeleton rows={4} />;
  if (project.status === 'error') return <ErrorBanner error={project.error} onRetry={project.reload} />;
  const pipeline = project.data.pipeline;
  const stageName = (id: string) => pipeline?.stages.find((s) => s.id === id)?.name ?? id;
  const byStage = slices.reduce((acc, s) => mergeCompleteness(acc, s.byStage), {} as Slice['byStage']);
  const byOwner = slices.reduce((acc, s) => mergeCompleteness(acc, s.byOwner), {} as Slice['byOwner']);
  const total = Object.values(byStage).reduce((acc, e) => ({ open: acc.open + e.open, complete: acc.complete + e.complete }), { open: 0, complete: 0 });
  const flagged = slices.flatMap((s) => s.flagged);
  const next = slices[slices.length - 1]?.nextCursor ?? null;

  const problemText = (p: Problem, stageId: string) =>
    p.kind === 'missing-fields'
      ? t('quality.problem.missing-fields', { stage: stageName(stageId), fields: p.fields.map(fieldLabel).join(', ') })
      : p.kind === 'stale'
        ? t('quality.problem.stale', { days: p.days, stage: stageName(stageId), maxDays: p.maxDays })
        : p.kind === 'next-step-overdue'
          ? t('quality.problem.next-step-overdue', { due: p.due })
          : t('quality.problem.no-next-step');

  return (
    <div className="relay-quality" data-testid="data-quality-page">
      {pipeline ? (
        <section className="relay-card" aria-label={t('quality.completeness')}>
          <h2 className="relay-card__title">{t('quality.completeness')}</h2>
          <p className="relay-muted">{t('quality.completeness.help')}</p>
          {error ? <ErrorBanner error={error} onRetry={() => void load()} /> : null}
          <p className="relay-quality__total" data-testid="quality-total">
            <strong>{percent(total)}</strong> {t('quality.all')} · {t('quality.scanned', { count: total.open })}
          </p>
          <div className="relay-quality__tables">
            <table className="relay-table" data-testid="quality-by-stage">
              <caption>{t('quality.byStage')}</caption>
              <thead>
                <tr><th scope="col">{t('quality.stage')}</th><th scope="col">{t('quality.open')}</th><th scope="col">{t('quality.complete')}</th></tr>
              </thead>
              <tbody>
                {pipeline.stages.filter((s) => s.outcome === 'open').map((s) => (
                  <tr key={s.id}><td>{s.name}</td><td>{byStage[s.id]?.open ?? 0}</td><td>{percent(byStage[s.id] ?? { open: 0, complete: 0 })}</td></tr>
                ))}
              </tbody>
            </table>
            <table className="relay-table" data-testid="quality-by-owner">
              <caption>{t('quality.byOwner')}</caption>
              <thead>
                <tr><th scope="col">{t('quality.owner')}</th><th scope="col">{t('quality.open')}</th><th scope="col">{t('quality.complete')}</th></tr>
              </thead>
              <tbody>
                {Object.entries(byOwner).map(([owner, entry]) => (
                  <tr key={owner}><td>{nameOf(owner)}</td><td>{entry.open}</td><td>{percent(entry)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          {next ? <Button onClick={() => void load(next)} isLoading={loading}>{t('quality.loadMore')}</Button> : null}
        </section>
      ) : null}
      {pipeline ? (
        <section className="relay-card" aria-label={t('quality.deals')}>
          <h2 className="relay-card__title">{t('quality.deals')}</h2>
          {slices.length > 0 && flagged.length === 0 ? <p className="relay-muted">{t('quality.deals.none')}</p> : null}
          <ul className="relay-quality__list" data-testid="quality-deals">
            {flagged.slice(0, 300).map((item) => (
              <li key={item.dealId} data-testid={`quality-deal-${item.dealId}`}>
                <strong>{item.name}</strong> <span className="relay-muted">{nameOf(item.ownerId)}</span>
                <ul>
                  {item.problems.map((p) => (
                    <li key={p.kind}>
                      {problemText(p, item.stageId)}{' '}
                      <button type="button" className="relay-link" onClick={() => push(recordPath('deals', item.dealId, fixOf(p)))} aria-label={t('quality.fix.label', { what: problemText(p, item.stageId), name: item.name })} data-testid={`fix-${item.dealId}-${p.kind}`}>
                        {t('quality.fix')}
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="relay-card" aria-label={t('quality.duplicates')} data-testid="quality-duplicates">
        <h2 className="relay-card__title">{t('quality.duplicates')}</h2>
        <div className="relay-quality__tables">
          <Duplicates kind="contacts" canMerge={project.status === 'ok' && project.data.canEdit} />
          <Duplicates kind="companies" canMerge={project.status === 'ok' && project.data.canEdit} />
        </div>
      </section>
      <section className="relay-card" aria-label={t('quality.records')}>
        <h2 className="relay-card__title">{t('quality.records')}</h2>
        {records.status === 'error' ? <ErrorBanner error={records.error} onRetry={records.reload} /> : null}
        {records.status === 'ok' ? (
          <div className="relay-quality__tables">
            {(['contactsWithoutCompany', 'contactsWithoutOwner', 'companiesWithoutDomain'] as const).map((kind) => (
              <div key={kind} data-testid={`quality-${kind}`}>
                <h3>{t(`quality.${kind}`)}</h3>
                {records.data[kind].items.length === 0 ? <p className="relay-muted">{t('quality.none')}</p> : null}
                <ul className="relay-quality__list">
                  {records.data[kind].items.map((r) => (
                    <li key={r.id}>
                      {r.name}{' '}
                      <button type="button" className="relay-link" onClick={() => push(kind === 'companiesWithoutDomain' ? recordPath('companies', r.id, 'domain') : recordPath('contacts', r.id, kind === 'contactsWithoutOwner' ? 'ownerId' : 'companyId'))} data-testid={`fix-${r.id}`}>
                        {t('quality.fix')}
                      </button>
                    </li>
                  ))}
                </ul>
                {records.data[kind].more ? <p className="relay-muted">{t('quality.more')}</p> : null}
              </div>
            ))}
          </div>
        ) : null}
      </section>
    </div>
  );
}

import { IconButton } from '@atlaskit/button/new';
import Button from '@atlaskit/button/new';
import DeleteIcon from '@atlaskit/icon/core/delete';
import Lozenge from '@atlaskit/lozenge';
import { useState } from 'react';
import { SEGMENTS, type Segment } from '../../../../src/domain/company';
import { isMql, scoreLead } from '../../../../src/domain/lead-scoring';
import { Card, FieldError } from '../../lib/components';
import type { MessageKey } from '../../lib/i18n';
import { t } from '../../lib/i18n';
import { segmentText } from '../../project-page/records/format';
import { reasonText } from '../../project-page/leads/lead-format';
import type { DraftErrors, LeadDraft, RuleList } from './lead-draft';
import { addRule, numberOf, removeRule, setRule } from './lead-draft';
import { SegmentSelect } from './SegmentSelect';
import '../../lib/areas/leads';

const LISTS: Array<[RuleList, MessageKey]> = [
  ['titles', 'admin.leads.scoring.titles'],
  ['regions', 'admin.leads.scoring.regions'],
  ['sources', 'admin.leads.scoring.sources'],
  ['formTypes', 'admin.leads.scoring.formTypes'],
];

interface Example {
  title: string;
  segment: Segment | null;
  region: string;
  source: string;
  formType: string;
}

/**
 * The shared scoring rules: segment points, keyword lists with points and the MQL threshold, and a
 * preview that scores an example lead with the rules as edited (the same scoreLead the web trigger
 * runs), so an admin sees the effect before saving.
 */
export function ScoringEditor({ draft, errors, readOnly, onChange }: { draft: LeadDraft; errors: DraftErrors; readOnly: boolean; onChange: (next: LeadDraft) => void }) {
  const scoring = draft.scoring;
  return (
    <Card title={t('admin.leads.scoring.title')} testId="admin-leads-scoring">
      <p className="relay-muted">{t('admin.leads.scoring.help')}</p>
      <div className="admin-leads__scoring">
        <div className="admin-leads__rules">
          <div className="admin-row">
            <div className="relay-field">
              <label htmlFor="mql-threshold">{t('admin.leads.scoring.threshold')}</label>
              <input id="mql-threshold" type="number" min={1} max={100} value={Number.isNaN(scoring.mqlThreshold) ? '' : scoring.mqlThreshold} readOnly={readOnly} onChange={(e) => onChange({ ...draft, scoring: { ...scoring, mqlThreshold: numberOf(e.currentTarget.value) } })} data-testid="mql-threshold" />
              <FieldError id="mql-threshold-error" message={errors['scoring.mqlThreshold']} />
            </div>
          </div>
          <fieldset className="admin-leads__group">
            <legend>{t('admin.leads.scoring.segments')}</legend>
            <div className="admin-row">
              {SEGMENTS.map((segment) => (
                <div className="relay-field" key={segment}>
                  <label htmlFor={`segment-points-${segment}`}>{segmentText(segment)}</label>
                  <input id={`segment-points-${segment}`} type="number" value={Number.isNaN(scoring.segments[segment]) ? '' : scoring.segments[segment]} readOnly={readOnly} onChange={(e) => onChange({ ...draft, scoring: { ...scoring, segments: { ...scoring.segments, [segment]: numberOf(e.currentTarget.value) } } })} />
                  <FieldError id={`segment-points-${segment}-error`} message={errors[`scoring.segments.${segment}`]} />
                </div>
              ))}
            </div>
          </fieldset>
          {LISTS.map(([list, title]) => (
            <fieldset className="admin-leads__group" key={list} data-testid={`rules-${list}`}>
              <legend>{t(title)}</legend>
              <ul className="admin-leads__list admin-leads__list--grid">
                {scoring[list].map((rule, i) => (
                  <li key={`${list}-${i}`} className="admin-leads__rule">
                    <div className="relay-field">
                      <label htmlFor={`${list}-${i}-match`}>{t('admin.leads.scoring.match')}</label>
                      <input id={`${list}-${i}-match`} value={rule.match} readOnly={readOnly} onChange={(e) => onChange(setRule(draft, list, i, { match: e.currentTarget.value }))} />
                      <FieldError id={`${list}-${i}-match-error`} message={errors[`scoring.${list}.${i}.match`]} />
                    </div>
                    <div className="relay-field">
                      <label htmlFor={`${list}-${i}-points`}>{t('admin.leads.scoring.points')}</label>
                      <input id={`${list}-${i}-points`} type="number" value={Number.isNaN(rule.points) ? '' : rule.points} readOnly={readOnly} onChange={(e) => onChange(setRule(draft, list, i, { points: numberOf(e.currentTarget.value) }))} />
                      <FieldError id={`${list}-${i}-points-error`} message={errors[`scoring.${list}.${i}.points`]} />
                    </div>
                    {readOnly ? null : <IconButton icon={DeleteIcon} label={t('admin.leads.scoring.remove', { match: rule.match || '…' })} onClick={() => onChange(removeRule(draft, list, i))} />}
                  </li>
                ))}
              </ul>
              {readOnly ? null : (
                <Button onClick={() => onChange(addRule(draft, list))} testId={`add-${list}`}>
                  {t('admin.leads.scoring.add')}
                </Button>
              )}
            </fieldset>
          ))}
        </div>
        <Preview draft={draft} />
      </div>
    </Card>
  );
}

/** The example lead an admin edits freely; scored as they type, never stored. */
function Preview({ draft }: { draft: LeadDraft }) {
  const [example, setExample] = useState<Example>({ title: 'VP Marketing', segment: 'mid-market', region: 'EMEA', source: 'webinar', formType: 'demo-request' });
  const set = (change: Partial<Example>) => setExample({ ...example, ...change });
  const clean = (text: string) => (text.trim() === '' ? null : text);
  const valid = !Number.isNaN(draft.scoring.mqlThreshold) && Object.values(draft.scoring.segments).every((p) => !Number.isNaN(p));
  const result = valid
    ? scoreLead(draft.scoring, { segment: example.segment, title: clean(example.title), region: clean(example.region), touches: [{ source: example.source.trim() || 'inbound', formType: clean(example.formType) }] })
    : null;
  return (
    <aside className="admin-leads__preview" aria-labelledby="lead-preview-title" data-testid="scoring-preview">
      <h3 id="lead-preview-title" className="relay-section-title">
        {t('admin.leads.preview.title')}
      </h3>
      <p className="relay-muted">{t('admin.leads.preview.help')}</p>
      {(['title', 'region', 'source', 'formType'] as const).map((field) => (
        <div className="relay-field" key={field}>
          <label htmlFor={`preview-${field}`}>{t(field === 'title' ? 'admin.leads.preview.title.field' : `admin.leads.preview.${field}`)}</label>
          <input id={`preview-${field}`} value={example[field]} onChange={(e) => set({ [field]: e.currentTarget.value })} data-testid={`preview-${field}`} />
        </div>
      ))}
      <div className="relay-field">
        <label htmlFor="preview-segment">{t('admin.leads.preview.segment')}</label>
        <SegmentSelect id="preview-segment" value={example.segment} onChange={(segment) => set({ segment })} />
      </div>
      {result ? (
        <div aria-live="polite">
          <p className="admin-leads__score" data-testid="preview-score">
            <strong>{t('admin.leads.preview.score', { score: result.score })}</strong> {t('leads.drawer.score', { score: result.score, fit: result.fit, intent: result.intent })}{' '}
            {isMql(result.score, draft.scoring) ? <Lozenge appearance="new">{t('leads.mql')}</Lozenge> : <Lozenge>{t('admin.leads.preview.notMql', { threshold: draft.scoring.mqlThreshold })}</Lozenge>}
          </p>
          <ul data-testid="preview-reasons">
            {result.reasons.map((r) => (
              <li key={`${r.factor}:${r.matched}`}>{reasonText(r)}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </aside>
  );
}

import Button, { IconButton } from '@atlaskit/button/new';
import DeleteIcon from '@atlaskit/icon/core/delete';
import SectionMessage from '@atlaskit/section-message';
import { useState } from 'react';
import { canRoute } from '../../../../src/domain/lead-routing';
import { Card, FieldError } from '../../lib/components';
import { t } from '../../lib/i18n';
import { segmentText } from '../../project-page/records/format';
import type { PersonChoice as Person } from '../../settings/handoff/jira-lookups';
import type { DraftErrors, LeadDraft } from './lead-draft';
import { SegmentSelect } from './SegmentSelect';
import '../../lib/areas/leads';

type Routing = LeadDraft['routing'];

function PersonSelect({ id, value, people, nameOf, allowNone, disabled, onChange }: { id: string; value: string | null; people: Person[]; nameOf: (id: string) => string; allowNone?: boolean; disabled: boolean; onChange: (id: string | null) => void }) {
  const known = people.some((p) => p.accountId === value);
  return (
    <select id={id} value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value || null)}>
      {allowNone || value === null ? <option value="">{t('admin.leads.routing.nobody')}</option> : null}
      {value && !known ? <option value={value}>{nameOf(value)}</option> : null}
      {people.map((p) => (
        <option key={p.accountId} value={p.accountId}>
          {p.displayName}
        </option>
      ))}
    </select>
  );
}

/**
 * Who gets new leads: in turn over a list of people, or by region and segment rules (first match
 * wins), with a fallback owner for the rest. A lead no one can take is refused by the web trigger
 * (NOT_CONFIGURED), so the editor says so before saving.
 */
export function RoutingEditor({ draft, errors, readOnly, people, nameOf, onChange }: { draft: LeadDraft; errors: DraftErrors; readOnly: boolean; people: Person[]; nameOf: (id: string) => string; onChange: (next: LeadDraft) => void }) {
  const routing = draft.routing;
  const set = (change: Partial<Routing>) => onChange({ ...draft, routing: { ...routing, ...change } });
  const [adding, setAdding] = useState<string>('');
  const addable = people.filter((p) => !routing.owners.includes(p.accountId));
  return (
    <Card title={t('admin.leads.routing.title')} testId="admin-leads-routing">
      <fieldset className="admin-leads__group">
        <legend>{t('admin.leads.routing.mode')}</legend>
        {(['round-robin', 'rules'] as const).map((mode) => (
          <label key={mode} className="relay-check">
            <input type="radio" name="routing-mode" value={mode} checked={routing.mode === mode} disabled={readOnly} onChange={() => set({ mode })} data-testid={`routing-${mode}`} />{' '}
            {t(mode === 'round-robin' ? 'admin.leads.routing.roundRobin' : 'admin.leads.routing.rules')}
          </label>
        ))}
      </fieldset>
      {routing.mode === 'round-robin' ? (
        <fieldset className="admin-leads__group" data-testid="routing-owners">
          <legend>{t('admin.leads.routing.owners')}</legend>
          <ol className="admin-leads__list">
            {routing.owners.map((owner, i) => (
              <li key={owner} className="admin-leads__owner" data-testid="routing-owner">
                <span>{nameOf(owner)}</span>
                {readOnly ? null : <IconButton icon={DeleteIcon} label={t('admin.leads.scoring.remove', { match: nameOf(owner) })} onClick={() => set({ owners: routing.owners.filter((_, j) => j !== i) })} />}
                <FieldError id={`routing-owner-${i}-error`} message={errors[`routing.owners.${i}`]} />
              </li>
            ))}
          </ol>
          {readOnly ? null : (
            <div className="admin-leads__add">
              <label htmlFor="routing-add-owner" className="relay-visually-hidden">
                {t('admin.leads.routing.addOwner')}
              </label>
              <select id="routing-add-owner" className="admin-select" value={adding} onChange={(e) => setAdding(e.currentTarget.value)} data-testid="routing-add-select">
                <option value="">{t('admin.leads.routing.addOwner')}</option>
                {addable.map((p) => (
                  <option key={p.accountId} value={p.accountId}>
                    {p.displayName}
                  </option>
                ))}
              </select>
              <Button
                isDisabled={!adding}
                onClick={() => {
                  set({ owners: [...routing.owners, adding] });
                  setAdding('');
                }}
                testId="routing-add-owner"
              >
                {t('admin.leads.scoring.add')}
              </Button>
            </div>
          )}
          <FieldError id="routing-owners-error" message={errors['routing.owners']} />
        </fieldset>
      ) : (
        <fieldset className="admin-leads__group" data-testid="routing-rules">
          <legend>{t('admin.leads.routing.rules')}</legend>
          <ul className="admin-leads__list">
            {routing.rules.map((rule, i) => {
              const update = (change: Partial<Routing['rules'][number]>) => set({ rules: routing.rules.map((r, j) => (j === i ? { ...r, ...change } : r)) });
              return (
                <li key={`rule-${i}`} className="admin-leads__rule admin-leads__rule--route">
                  <div className="relay-field">
                    <label htmlFor={`route-${i}-region`}>{t('admin.leads.routing.region')}</label>
                    <input id={`route-${i}-region`} value={rule.region ?? ''} placeholder={t('admin.leads.routing.any')} readOnly={readOnly} onChange={(e) => update({ region: e.currentTarget.value.trim() === '' ? null : e.currentTarget.value })} />
                  </div>
                  <div className="relay-field">
                    <label htmlFor={`route-${i}-segment`}>{t('admin.leads.routing.segment')}</label>
                    <SegmentSelect id={`route-${i}-segment`} value={rule.segment} disabled={readOnly} onChange={(segment) => update({ segment })} />
                  </div>
                  <div className="relay-field">
                    <label htmlFor={`route-${i}-owner`}>{t('admin.leads.routing.owner')}</label>
                    <PersonSelect id={`route-${i}-owner`} value={rule.ownerId} people={people} nameOf={nameOf} disabled={readOnly} onChange={(id) => id && update({ ownerId: id })} />
                    <FieldError id={`route-${i}-owner-error`} message={errors[`routing.rules.${i}.ownerId`]} />
                  </div>
                  {readOnly ? null : <IconButton icon={DeleteIcon} label={t('admin.leads.scoring.remove', { match: rule.region ?? segmentText(rule.segment) })} onClick={() => set({ rules: routing.rules.filter((_, j) => j !== i) })} />}
                </li>
              );
            })}
          </ul>
          {readOnly || people.length === 0 ? null : (
            <Button onClick={() => set({ rules: [...routing.rules, { region: null, segment: null, ownerId: people[0]!.accountId }] })} testId="routing-add-rule">
              {t('admin.leads.routing.addRule')}
            </Button>
          )}
        </fieldset>
      )}
      <div className="relay-field">
        <label htmlFor="routing-fallback">{t('admin.leads.routing.fallback')}</label>
        <PersonSelect id="routing-fallback" value={routing.fallbackOwnerId} people={people} nameOf={nameOf} allowNone disabled={readOnly} onChange={(id) => set({ fallbackOwnerId: id })} />
        <FieldError id="routing-fallback-error" message={errors['routing.fallbackOwnerId']} />
      </div>
      {canRoute(routing) ? null : (
        <SectionMessage appearance="warning">
          <p>{t('admin.leads.routing.unroutable')}</p>
        </SectionMessage>
      )}
    </Card>
  );
}

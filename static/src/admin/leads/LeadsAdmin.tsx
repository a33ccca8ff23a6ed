import Button from '@atlaskit/button/new';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import { requestJira } from '@forge/bridge';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { issueText } from '../../lib/field-messages';
import { Card, ErrorBanner, flagError, flagSuccess, PageSkeleton } from '../../lib/components';
import { t } from '../../lib/i18n';
import { useAsync } from '../../lib/use-async';
import { usePeople } from '../../lib/people';
import { people as jiraPeople, type PersonChoice } from '../../settings/handoff/jira-lookups';
import { EndpointCard } from './EndpointCard';
import type { DraftErrors, LeadSettings } from './lead-draft';
import { checkLeadDraft, draftOf, sameDraft } from './lead-draft';
import { RoutingEditor } from './RoutingEditor';
import { ScoringEditor } from './ScoringEditor';
import { SlaFields } from './SlaEditor';
import './leads-admin.css';
import '../../lib/areas/leads';

/** Server field errors (`routing.owners.1`) as the draft's paths. */
function fieldsOf(error: unknown): DraftErrors {
  return error instanceof ApiError ? Object.fromEntries(error.fields.map((f) => [f.path, issueText(f)])) : {};
}

/**
 * The admin page's "Inbound leads" tab: the endpoint and its signing secret (saved on their own, at
 * once), and the scoring, routing and response SLA, edited together in a draft and saved with the
 * version read; a CONFLICT offers the version someone else saved.
 */
export function LeadsAdmin() {
  const settings = useAsync(useCallback(() => api.leads.settings(), []));
  if (settings.status === 'loading') return <PageSkeleton rows={6} label={t('admin.leads.loading')} />;
  if (settings.status === 'error') return <ErrorBanner error={settings.error} onRetry={settings.reload} />;
  return <LeadsForm key={settings.data.version} initial={settings.data} />;
}

function Endpoint({ nameOf }: { nameOf: (id: string) => string }) {
  const secret = useAsync(useCallback(() => api.leads.secret(), []));
  if (secret.status === 'loading') return <PageSkeleton rows={3} />;
  if (secret.status === 'error') return <ErrorBanner error={secret.error} onRetry={secret.reload} />;
  return <EndpointCard initial={secret.data} nameOf={nameOf} />;
}

/**
 * Who can be given leads: the active people Jira lists to the admin (asked as them, so Jira's
 * permissions decide), and the names of those the settings already hold.
 */
function useOwnerChoices(held: string[]): { people: PersonChoice[]; nameOf: (id: string) => string } {
  const [people, setPeople] = useState<PersonChoice[]>([]);
  useEffect(() => {
    let live = true;
    // The list is a convenience: without it, the people already chosen still show and can be removed.
    jiraPeople(requestJira).then((list) => live && setPeople(list), () => undefined);
    return () => {
      live = false;
    };
  }, []);
  const lookup = usePeople(held);
  return { people, nameOf: (id) => people.find((p) => p.accountId === id)?.displayName ?? lookup.nameOf(id) };
}

function LeadsForm({ initial }: { initial: LeadSettings }) {
  const [record, setRecord] = useState(initial);
  const [draft, setDraft] = useState(() => draftOf(initial));
  const held = [...draft.routing.owners, ...draft.routing.rules.map((r) => r.ownerId), ...(draft.routing.fallbackOwnerId ? [draft.routing.fallbackOwnerId] : [])];
  const { people, nameOf } = useOwnerChoices(held);
  const [attempted, setAttempted] = useState(false);
  const [serverFields, setServerFields] = useState<DraftErrors>({});
  const [conflict, setConflict] = useState(false);
  const [saving, setSaving] = useState(false);
  const readOnly = !record.canEdit;
  const dirty = !sameDraft(draft, draftOf(record));
  const errors = { ...serverFields, ...(attempted ? checkLeadDraft(draft, record.version).fields : {}) };

  const reset = (to: LeadSettings) => {
    setRecord(to);
    setDraft(draftOf(to));
    setAttempted(false);
    setServerFields({});
    setConflict(false);
  };
  const change = (next: typeof draft) => {
    setDraft(next);
    setServerFields({});
  };

  const save = async () => {
    setAttempted(true);
    const checked = checkLeadDraft(draft, record.version);
    if (!checked.input) return;
    setSaving(true);
    try {
      reset(await api.leads.saveSettings(checked.input));
      flagSuccess(t('admin.leads.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') setConflict(true);
      else if (error instanceof ApiError && error.code === 'VALIDATION') setServerFields(fieldsOf(error));
      else flagError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="relay-form admin-form"
      aria-label={t('admin.tab.leads')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!readOnly) void save();
      }}
      data-testid="admin-leads"
    >
      {readOnly ? (
        <SectionMessage appearance="information">
          <p>{t('admin.leads.readOnly')}</p>
        </SectionMessage>
      ) : (
        <Endpoint nameOf={nameOf} />
      )}
      <ScoringEditor draft={draft} errors={errors} readOnly={readOnly} onChange={change} />
      <RoutingEditor draft={draft} errors={errors} readOnly={readOnly} people={people} nameOf={nameOf} onChange={change} />
      <Card title={t('admin.leads.sla.title')} testId="admin-leads-sla">
        <p className="relay-muted">{t('admin.leads.sla.help')}</p>
        <SlaFields sla={draft.sla} errors={errors} readOnly={readOnly} onChange={(sla) => change({ ...draft, sla })} />
      </Card>
      {conflict ? (
        <SectionMessage appearance="warning" title={t('admin.leads.conflict')} actions={<SectionMessageAction onClick={() => void api.leads.settings().then(reset, flagError)}>{t('admin.leads.loadTheirs')}</SectionMessageAction>}>
          <p />
        </SectionMessage>
      ) : null}
      {readOnly ? null : (
        <div className="relay-savebar">
          <Button type="submit" appearance="primary" isDisabled={!dirty || saving} isLoading={saving} testId="admin-leads-save">
            {t('admin.leads.save')}
          </Button>
        </div>
      )}
    </form>
  );
}

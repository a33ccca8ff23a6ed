import { requestJira } from '@forge/bridge';
import Button from '@atlaskit/button/new';
import Checkbox from '@atlaskit/checkbox';
import Select, { CreatableSelect } from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { useEffect, useRef, useState } from 'react';
import { TemplateRecord } from '../../../../src/contracts/handoff';
import { api } from '../../lib/api';
import { ApiError } from '../../lib/api-error';
import { FieldError, flagError, flagSuccess } from '../../lib/components';
import { t } from '../../lib/i18n';
import { useAsync } from '../../lib/use-async';
import { SaveFooter } from '../SaveFooter';
import { ChecklistEditor } from './ChecklistEditor';
import { FIELD_IDS, useIssueTypes, type Field } from './editor-fields';
import { HandoffPreview } from './HandoffPreview';
import { IssueExposure } from './IssueExposure';
import type { PersonChoice, ProjectChoice } from './jira-lookups';
import { people, visibleProjects, withCurrent } from './jira-lookups';
import type { TemplateDraft } from './template-draft';
import { addLabels, addLine, checkTemplate, draftOf, insertPlaceholder, moveLine, PLACEHOLDERS, removeLine, sameDraft, serverFieldErrors, unknownPlaceholders, updateLine } from './template-draft';

interface Option {
  value: string;
  label: string;
}

const UNASSIGNED = '';

/**
 * The template form. Edits stay in a local draft until Save, which checks the draft with the shared
 * `UpdateTemplateInput` schema (messages beside the fields, no call while anything is wrong) and
 * sends it with the version it was read at. A server VALIDATION lands beside the field it names; a
 * CONFLICT offers to load the version someone else saved. Read only for non-admins: the fields show
 * the template, nothing can be changed or saved. The preview below always shows the saved template.
 */
export function HandoffEditor({ projectKey, initial, canAdmin }: { projectKey: string; initial: TemplateRecord; canAdmin: boolean }) {
  const readOnly = !canAdmin;
  const [record, setRecord] = useState(initial);
  const [draft, setDraft] = useState<TemplateDraft>(() => draftOf(initial));
  const [attempted, setAttempted] = useState(false);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [conflict, setConflict] = useState<{ error: ApiError; current: TemplateRecord | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const summaryRef = useRef<HTMLInputElement>(null);
  const caretAfter = useRef<number | null>(null);

  const projects = useAsync(() => visibleProjects(requestJira));
  const persons = useAsync(() => people(requestJira));
  const issueTypes = useIssueTypes(draft.targetProjectKey);

  const dirty = !sameDraft(draft, draftOf(record));
  const clientFields = attempted ? checkTemplate(draft, projectKey, record.version).fields : {};
  const fields: Record<string, string> = { ...serverFields, ...clientFields };
  const invalid = attempted && Object.keys(clientFields).length > 0;

  // Saved values Jira no longer lists stay visible as their raw key or id rather than vanishing.
  const projectList: ProjectChoice[] = projects.status === 'ok' ? projects.data : [];
  const projectOptions: Option[] = withCurrent(
    projectList.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })),
    draft.targetProjectKey,
    (o) => o.value,
    (key) => ({ value: key, label: key }),
  );
  const typeOptions: Option[] = withCurrent(
    issueTypes.map((name) => ({ value: name, label: name })),
    draft.issueTypeName,
    (o) => o.value,
    (name) => ({ value: name, label: name }),
  );
  const personList: PersonChoice[] = persons.status === 'ok' ? persons.data : [];
  const assigneeOptions: Option[] = [
    { value: UNASSIGNED, label: t('settings.handoff.unassigned') },
    ...withCurrent(
      personList.map((p) => ({ value: p.accountId, label: p.displayName })),
      draft.assigneeAccountId,
      (o) => o.value,
      (id) => ({ value: id, label: id }),
    ),
  ];
  const nameOf = (accountId: string) => personList.find((p) => p.accountId === accountId)?.displayName ?? accountId;

  // After a placeholder button, the caret sits just after what it inserted.
  useEffect(() => {
    const caret = caretAfter.current;
    if (caret === null) return;
    caretAfter.current = null;
    summaryRef.current?.focus();
    summaryRef.current?.setSelectionRange(caret, caret);
  }, [draft.summaryTemplate]);

  const change = (next: TemplateDraft) => {
    setDraft(next);
    setServerFields({});
  };
  const set = <K extends keyof TemplateDraft>(field: K, value: TemplateDraft[K]) => change({ ...draft, [field]: value });

  const insert = (placeholder: string) => {
    const input = summaryRef.current;
    const end = draft.summaryTemplate.length;
    const next = insertPlaceholder(draft.summaryTemplate, input?.selectionStart ?? end, input?.selectionEnd ?? end, placeholder);
    caretAfter.current = next.caret;
    set('summaryTemplate', next.text);
  };

  const reset = (to: TemplateRecord) => {
    setRecord(to);
    setDraft(draftOf(to));
    setAttempted(false);
    setServerFields({});
    setConflict(null);
    setFailure(null);
  };

  const save = async () => {
    setAttempted(true);
    setFailure(null);
    setConflict(null);
    const checked = checkTemplate(draft, projectKey, record.version);
    if (!checked.input) return;
    setSaving(true);
    try {
      reset(await api.handoff.saveTemplate(checked.input));
      flagSuccess(t('settings.handoff.saved'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION') {
        setServerFields(serverFieldErrors(error.fields));
        setFailure(error);
      } else if (error instanceof ApiError && error.code === 'CONFLICT') {
        const current = TemplateRecord.safeParse(error.details.current);
        setConflict({ error, current: current.success ? current.data : null });
      } else {
        setFailure(error);
        flagError(error, t('settings.handoff.saveFailed'));
      }
    } finally {
      setSaving(false);
    }
  };

  /** The invalid state and the description link of one field. */
  const about = (field: Field, help?: string) => {
    const error = fields[field];
    const id = FIELD_IDS[field];
    return { id, error, errorId: `${id}-error`, invalid: error !== undefined, describedBy: error !== undefined ? `${id}-error` : help };
  };
  const project = about('targetProjectKey');
  const issueType = about('issueTypeName', 'handoff-issue-type-help');
  const summary = about('summaryTemplate', 'handoff-summary-help');
  const assignee = about('assigneeAccountId');
  const labels = about('labels', 'handoff-labels-help');
  const dueDays = about('dueInBusinessDays', 'handoff-due-days-help');
  const slaHours = about('acceptWithinBusinessHours', 'handoff-sla-hours-help');
  const labelError = fields.labels ?? Object.entries(fields).find(([path]) => path.startsWith('labels.'))?.[1];
  const unknown = unknownPlaceholders(draft.summaryTemplate);
  const slaSentence = /^\s*\d+\s*$/.test(draft.acceptWithinBusinessHours) ? t('settings.handoff.slaHelp', { n: Number(draft.acceptWithinBusinessHours) }) : t('settings.handoff.slaHelp', { n: 'N' });

  return (
    <>
      <form
        className="relay-handoff-form relay-form"
        aria-label={t('settings.handoff.title')}
        noValidate
        data-testid="handoff-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!readOnly) void save();
        }}
      >
        {readOnly ? (
          <p className="relay-muted" data-testid="handoff-read-only">
            {t('settings.handoff.readOnly')}
          </p>
        ) : null}
        {!record.configured ? (
          <p className="relay-muted" data-testid="handoff-not-configured">
            {t('settings.handoff.notConfigured')}
          </p>
        ) : null}

        <Checkbox id={FIELD_IDS.enabled} label={t('settings.handoff.enabled')} isChecked={draft.enabled} isDisabled={readOnly} onChange={(e) => set('enabled', e.currentTarget.checked)} testId="handoff-enabled" />

        <div className="relay-handoff-grid">
          <div className="relay-field">
            <label htmlFor={project.id}>{t('settings.handoff.project')}</label>
            <Select<Option>
              inputId={project.id}
              options={projectOptions}
              value={projectOptions.find((o) => o.value === draft.targetProjectKey) ?? null}
              placeholder={t('settings.handoff.projectPlaceholder')}
              isDisabled={readOnly}
              isLoading={projects.status === 'loading'}
              validationState={project.invalid ? 'error' : 'default'}
              aria-describedby={project.describedBy}
              onChange={(option) => option && set('targetProjectKey', option.value)}
            />
            {projects.status === 'error' ? <span className="relay-handoff-warning">{t('settings.handoff.projectsFailed')}</span> : null}
            <FieldError id={project.errorId} message={project.error} />
          </div>
          <div className="relay-field">
            <label htmlFor={issueType.id}>{t('settings.handoff.issueType')}</label>
            <Select<Option>
              inputId={issueType.id}
              options={typeOptions}
              value={typeOptions.find((o) => o.value === draft.issueTypeName) ?? null}
              isDisabled={readOnly}
              validationState={issueType.invalid ? 'error' : 'default'}
              aria-describedby={issueType.describedBy}
              onChange={(option) => option && set('issueTypeName', option.value)}
            />
            <span className="relay-field__help" id="handoff-issue-type-help">
              {t('settings.handoff.issueTypeHelp')}
            </span>
            <FieldError id={issueType.errorId} message={issueType.error} />
          </div>
          <div className="relay-field">
            <label htmlFor={assignee.id}>{t('settings.handoff.assignee')}</label>
            <Select<Option>
              inputId={assignee.id}
              options={assigneeOptions}
              value={assigneeOptions.find((o) => o.value === (draft.assigneeAccountId ?? UNASSIGNED)) ?? null}
              isDisabled={readOnly}
              isLoading={persons.status === 'loading'}
              validationState={assignee.invalid ? 'error' : 'default'}
              aria-describedby={assignee.describedBy}
              onChange={(option) => option && set('assigneeAccountId', option.value === UNASSIGNED ? null : option.value)}
            />
            <FieldError id={assignee.errorId} message={assignee.error} />
          </div>
        </div>

        <div className="relay-field">
          <label htmlFor={summary.id}>{t('settings.handoff.summary')}</label>
          <Textfield
            id={summary.id}
            ref={summaryRef}
            value={draft.summaryTemplate}
            isReadOnly={readOnly}
            isInvalid={summary.invalid}
            aria-describedby={summary.describedBy}
            onChange={(e) => set('summaryTemplate', e.currentTarget.value)}
          />
          <span className="relay-field__help" id="handoff-summary-help">
            {t('settings.handoff.summaryHelp')}
          </span>
          {readOnly ? null : (
            <div className="relay-handoff-placeholders" role="group" aria-label={t('settings.handoff.placeholders')}>
              <span className="relay-handoff-label">{t('settings.handoff.placeholders')}</span>
              {PLACEHOLDERS.map((placeholder) => (
                <Button key={placeholder} spacing="compact" onClick={() => insert(placeholder)} aria-label={t('settings.handoff.insert', { placeholder })} testId={`handoff-insert-${placeholder.slice(2, -2)}`}>
                  <code>{placeholder}</code>
                </Button>
              ))}
            </div>
          )}
          {unknown.length > 0 ? (
            <span className="relay-handoff-warning" data-testid="handoff-unknown-placeholder">
              {t('settings.handoff.unknownPlaceholder', { names: unknown.map((name) => `{{${name}}}`).join(', ') })}
            </span>
          ) : null}
          <FieldError id={summary.errorId} message={summary.error} />
        </div>

        <div className="relay-field">
          <label htmlFor={labels.id}>{t('settings.handoff.labels')}</label>
          <CreatableSelect<Option, true>
            inputId={labels.id}
            isMulti
            options={[]}
            value={draft.labels.map((label) => ({ value: label, label }))}
            placeholder={t('settings.handoff.labelsPlaceholder')}
            isDisabled={readOnly}
            validationState={labelError !== undefined ? 'error' : 'default'}
            aria-describedby={labelError !== undefined ? labels.errorId : labels.describedBy}
            formatCreateLabel={(typed: string) => t('settings.handoff.labelCreate', { label: typed.trim() })}
            noOptionsMessage={() => null}
            onCreateOption={(typed: string) => set('labels', addLabels(draft.labels, typed))}
            onChange={(options) => set('labels', options.map((o) => o.value))}
          />
          <span className="relay-field__help" id="handoff-labels-help">
            {t('settings.handoff.labelsHelp')}
          </span>
          <FieldError id={labels.errorId} message={labelError} />
        </div>

        <div className="relay-handoff-grid">
          <div className="relay-field">
            <label htmlFor={dueDays.id}>{t('settings.handoff.dueDays')}</label>
            <Textfield id={dueDays.id} value={draft.dueInBusinessDays} inputMode="numeric" isReadOnly={readOnly} isInvalid={dueDays.invalid} aria-describedby={dueDays.describedBy} onChange={(e) => set('dueInBusinessDays', e.currentTarget.value)} />
            <span className="relay-field__help" id="handoff-due-days-help">
              {t('settings.handoff.dueDaysHelp')}
            </span>
            <FieldError id={dueDays.errorId} message={dueDays.error} />
          </div>
          <div className="relay-field">
            <label htmlFor={slaHours.id}>{t('settings.handoff.slaHours')}</label>
            <Textfield id={slaHours.id} value={draft.acceptWithinBusinessHours} inputMode="numeric" isReadOnly={readOnly} isInvalid={slaHours.invalid} aria-describedby={slaHours.describedBy} onChange={(e) => set('acceptWithinBusinessHours', e.currentTarget.value)} />
            <span className="relay-field__help" id="handoff-sla-hours-help" data-testid="handoff-sla-sentence">
              {slaSentence}
            </span>
            <FieldError id={slaHours.errorId} message={slaHours.error} />
          </div>
        </div>

        <ChecklistEditor
          lines={draft.checklist}
          readOnly={readOnly}
          errors={fields}
          onChange={(index, text) => change(updateLine(draft, index, text))}
          onAdd={() => change(addLine(draft))}
          onAction={(index, action) => change(action === 'remove' ? removeLine(draft, index) : moveLine(draft, index, action === 'up' ? -1 : 1))}
        />

        <IssueExposure
          summaryTemplate={draft.summaryTemplate}
          includeContactEmails={draft.includeContactEmails}
          project={{ key: draft.targetProjectKey, name: projectList.find((p) => p.key === draft.targetProjectKey)?.name ?? null }}
          readOnly={readOnly}
          onIncludeContactEmails={(include) => set('includeContactEmails', include)}
        />

        <SaveFooter
          testIdPrefix="handoff"
          labels={{
            conflictTitle: t('settings.handoff.conflict.title'),
            conflictLoad: t('settings.handoff.conflict.load'),
            invalid: t('settings.handoff.invalid'),
            saveFailed: t('settings.handoff.saveFailed'),
            unsaved: t('settings.handoff.unsaved'),
            discard: t('settings.handoff.discard'),
            save: t('settings.handoff.save'),
          }}
          conflict={conflict}
          onLoadTheirs={reset}
          invalid={invalid}
          failure={failure}
          readOnly={readOnly}
          dirty={dirty}
          saving={saving}
          onDiscard={() => reset(record)}
        />
      </form>
      <HandoffPreview projectKey={projectKey} template={record} dirty={dirty} nameOf={nameOf} projectName={projectList.find((p) => p.key === record.targetProjectKey)?.name ?? null} />
    </>
  );
}

import Checkbox from '@atlaskit/checkbox';
import { TemplateRecord } from '../../../../src/contracts/handoff';
import { api } from '../../lib/api';
import { t } from '../../lib/i18n';
import { useVersionedForm } from '../../lib/use-versioned-form';
import { SaveFooter } from '../SaveFooter';
import { ChecklistEditor } from './ChecklistEditor';
import type { SetField } from './editor-fields';
import { FIELD_IDS } from './editor-fields';
import { HandoffPreview } from './HandoffPreview';
import { IssueDetailFields } from './IssueDetailFields';
import { IssueExposure } from './IssueExposure';
import { SummaryField } from './SummaryField';
import { TargetFields } from './TargetFields';
import { addLine, checkTemplate, draftOf, moveLine, removeLine, sameDraft, serverFieldErrors, updateLine } from './template-draft';
import { useJiraChoices } from './use-jira-choices';
import '../../lib/areas/settings';

/**
 * The template form. Edits stay in a local draft until Save, which checks the draft with the shared
 * `UpdateTemplateInput` schema (messages beside the fields, no call while anything is wrong) and
 * sends it with the version it was read at. A server VALIDATION lands beside the field it names; a
 * CONFLICT offers to load the version someone else saved. Read only for non-admins: the fields show
 * the template, nothing can be changed or saved. The preview below always shows the saved template.
 */
export function HandoffEditor({ projectKey, initial, canAdmin }: { projectKey: string; initial: TemplateRecord; canAdmin: boolean }) {
  const readOnly = !canAdmin;
  const form = useVersionedForm({
    initial,
    draftOf,
    sameDraft,
    check: (draft, record) => checkTemplate(draft, projectKey, record.version),
    send: (input) => api.handoff.saveTemplate(input),
    noServerErrors: {} as Record<string, string>,
    serverErrors: (fields) => serverFieldErrors(fields),
    parseCurrent: (current) => {
      const parsed = TemplateRecord.safeParse(current);
      return parsed.success ? parsed.data : null;
    },
    savedMessage: t('settings.handoff.saved'),
    saveFailedMessage: t('settings.handoff.saveFailed'),
  });
  const { record, draft, change } = form;
  const choices = useJiraChoices(draft.targetProjectKey);

  const clientFields = form.attempted ? checkTemplate(draft, projectKey, record.version).fields : {};
  const fields: Record<string, string> = { ...form.serverErrors, ...clientFields };
  const invalid = form.attempted && Object.keys(clientFields).length > 0;
  const set: SetField = (field, value) => change({ ...draft, [field]: value });

  return (
    <>
      <form
        className="relay-handoff-form relay-form"
        aria-label={t('settings.handoff.title')}
        noValidate
        data-testid="handoff-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!readOnly) void form.save();
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

        <TargetFields draft={draft} set={set} errors={fields} readOnly={readOnly} choices={choices} />
        <SummaryField value={draft.summaryTemplate} onChange={(text) => set('summaryTemplate', text)} errors={fields} readOnly={readOnly} />
        <IssueDetailFields draft={draft} set={set} errors={fields} readOnly={readOnly} />

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
          project={{ key: draft.targetProjectKey, name: choices.projectName(draft.targetProjectKey) }}
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
          {...form.footer}
          invalid={invalid}
          readOnly={readOnly}
        />
      </form>
      <HandoffPreview projectKey={projectKey} template={record} dirty={form.dirty} nameOf={choices.nameOf} projectName={choices.projectName(record.targetProjectKey)} />
    </>
  );
}

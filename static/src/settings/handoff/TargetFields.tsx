import Select from '@atlaskit/select';
import { FieldError } from '../../lib/components';
import { t } from '../../lib/i18n';
import type { Option, SetField } from './editor-fields';
import { fieldState } from './editor-fields';
import { withCurrent } from './jira-lookups';
import type { TemplateDraft } from './template-draft';
import type { JiraChoices } from './use-jira-choices';
import '../../lib/areas/settings';

const UNASSIGNED = '';

/**
 * Where the hand-off issue goes: the target project, its issue type and the delivery lead, each
 * picked from what Jira lists. Saved values Jira no longer lists stay visible as their raw key or
 * id rather than vanishing.
 */
export function TargetFields({ draft, set, errors, readOnly, choices }: { draft: TemplateDraft; set: SetField; errors: Record<string, string>; readOnly: boolean; choices: JiraChoices }) {
  const { projects, persons } = choices;
  const projectOptions: Option[] = withCurrent(
    choices.projectList.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })),
    draft.targetProjectKey,
    (o) => o.value,
    (key) => ({ value: key, label: key }),
  );
  const typeOptions: Option[] = withCurrent(
    choices.issueTypes.map((name) => ({ value: name, label: name })),
    draft.issueTypeName,
    (o) => o.value,
    (name) => ({ value: name, label: name }),
  );
  const assigneeOptions: Option[] = [
    { value: UNASSIGNED, label: t('settings.handoff.unassigned') },
    ...withCurrent(
      choices.personList.map((p) => ({ value: p.accountId, label: p.displayName })),
      draft.assigneeAccountId,
      (o) => o.value,
      (id) => ({ value: id, label: id }),
    ),
  ];
  const project = fieldState(errors, 'targetProjectKey');
  const issueType = fieldState(errors, 'issueTypeName', 'handoff-issue-type-help');
  const assignee = fieldState(errors, 'assigneeAccountId');

  return (
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
  );
}

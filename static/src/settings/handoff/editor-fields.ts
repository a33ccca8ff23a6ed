import { requestJira } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { projectIssueTypes } from './jira-lookups';
import { FALLBACK_ISSUE_TYPES } from './template-draft';

/** Ids of the template form's inputs; the labels, error lines and browser tests use them. */
export const FIELD_IDS = {
  enabled: 'handoff-enabled',
  targetProjectKey: 'handoff-project',
  issueTypeName: 'handoff-issue-type',
  summaryTemplate: 'handoff-summary',
  assigneeAccountId: 'handoff-assignee',
  labels: 'handoff-labels',
  dueInBusinessDays: 'handoff-due-days',
  acceptWithinBusinessHours: 'handoff-sla-hours',
} as const;

export type Field = keyof typeof FIELD_IDS;

/** The target project's issue types, from Jira, or the usual three when Jira cannot say. */
export function useIssueTypes(projectKey: string): string[] {
  const [types, setTypes] = useState<string[]>([...FALLBACK_ISSUE_TYPES]);
  useEffect(() => {
    let live = true;
    if (!/^[A-Z][A-Z0-9_]{1,9}$/.test(projectKey)) return undefined;
    projectIssueTypes(requestJira, projectKey).then(
      (names) => live && setTypes(names.length > 0 ? names : [...FALLBACK_ISSUE_TYPES]),
      () => live && setTypes([...FALLBACK_ISSUE_TYPES]),
    );
    return () => {
      live = false;
    };
  }, [projectKey]);
  return types;
}

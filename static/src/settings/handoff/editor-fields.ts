import { requestJira } from '@forge/bridge';
import { useEffect, useState } from 'react';
import { projectIssueTypes } from './jira-lookups';
import type { TemplateDraft } from './template-draft';
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

/** Sets one field of the draft. */
export type SetField = <K extends keyof TemplateDraft>(field: K, value: TemplateDraft[K]) => void;

/** What a field shows: its id, its error (client or server) and what describes it. */
export interface FieldState {
  id: string;
  error: string | undefined;
  errorId: string;
  invalid: boolean;
  describedBy: string | undefined;
}

/** The invalid state and the description link of one field: its error when it has one, else its help. */
export function fieldState(errors: Record<string, string>, field: Field, help?: string): FieldState {
  const error = errors[field];
  const id = FIELD_IDS[field];
  return { id, error, errorId: `${id}-error`, invalid: error !== undefined, describedBy: error !== undefined ? `${id}-error` : help };
}

/** Select options: a value and what the picker shows for it. */
export interface Option {
  value: string;
  label: string;
}

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

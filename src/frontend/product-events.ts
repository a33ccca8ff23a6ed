import { events } from '@forge/bridge';
import type { IssueChangedSource } from './use-issue-deal';

/**
 * Jira's `JIRA_ISSUE_CHANGED` product event, which the new issue view sends to `jira:issuePanel`
 * and `jira:issueContext` extensions when the issue is edited or transitioned. The payload is not
 * needed: the surface is on exactly one issue, so any change means "read the deal again".
 * `events.on` resolves with the subscription, so unsubscribing waits for it.
 */
export const jiraIssueChanged: IssueChangedSource = (onChange) => {
  const subscription = events.on('JIRA_ISSUE_CHANGED', () => onChange());
  return () => {
    void subscription.then((s) => s.unsubscribe());
  };
};

import { requestJira } from '@forge/bridge';
import { useAsync } from '../../lib/use-async';
import { useIssueTypes } from './editor-fields';
import type { PersonChoice, ProjectChoice } from './jira-lookups';
import { people, visibleProjects } from './jira-lookups';

/**
 * What the template's pickers offer, asked of Jira once per form: the projects the admin can see,
 * people who can be the delivery lead, and the issue types of the chosen target project. Names for
 * a key or an account id fall back to the raw value when Jira does not list it.
 */
export function useJiraChoices(targetProjectKey: string) {
  const projects = useAsync(() => visibleProjects(requestJira));
  const persons = useAsync(() => people(requestJira));
  const issueTypes = useIssueTypes(targetProjectKey);
  const projectList: ProjectChoice[] = projects.status === 'ok' ? projects.data : [];
  const personList: PersonChoice[] = persons.status === 'ok' ? persons.data : [];
  return {
    projects,
    persons,
    issueTypes,
    projectList,
    personList,
    projectName: (key: string) => projectList.find((p) => p.key === key)?.name ?? null,
    nameOf: (accountId: string) => personList.find((p) => p.accountId === accountId)?.displayName ?? accountId,
  };
}

export type JiraChoices = ReturnType<typeof useJiraChoices>;

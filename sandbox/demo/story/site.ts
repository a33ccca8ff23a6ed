import type { Sandbox } from '../../index';
import { ADMIN, BROWSE, DEMO_PROJECTS, editCrmPermissionKey, WORK } from '../seed';
import { NEW_PROJECT, SELLERS, STORY_PEOPLE } from './cast';

const ASSIGNABLE = 'ASSIGNABLE_USER';

/**
 * The Jira side of the story's site: its people, four projects and who may do what. Sales sells;
 * Delivery receives the hand-offs, its lead assignable there; Customer Success is support's own;
 * Partner Sales has just been created, its people already granted, Relay not yet enabled in it.
 */
export function seedStorySite(sandbox: Pick<Sandbox, 'jira' | 'platform'>): void {
  const { jira } = sandbox;
  const p = STORY_PEOPLE;
  for (const person of Object.values(p)) jira.addUser({ accountId: person.accountId, displayName: person.displayName, emailAddress: person.emailAddress });
  jira.setSiteAdmin(p.alice.accountId, true);
  jira.addProject({ key: DEMO_PROJECTS.sales.key, name: DEMO_PROJECTS.sales.name, leadAccountId: p.vic.accountId });
  jira.addProject({ key: DEMO_PROJECTS.delivery.key, name: DEMO_PROJECTS.delivery.name, leadAccountId: p.dana.accountId });
  jira.addProject({ key: DEMO_PROJECTS.success.key, name: DEMO_PROJECTS.success.name, leadAccountId: p.alice.accountId });
  jira.addProject({ key: NEW_PROJECT.key, name: NEW_PROJECT.name, leadAccountId: p.alice.accountId });

  const editCrm = editCrmPermissionKey(sandbox);
  for (const project of ['SALES', 'DEL', 'CS', NEW_PROJECT.key]) jira.grant(p.alice.accountId, project, [...ADMIN, ASSIGNABLE, editCrm]);
  for (const seller of SELLERS) {
    jira.grant(p[seller].accountId, 'SALES', [...WORK, ASSIGNABLE, editCrm]);
    jira.grant(p[seller].accountId, 'DEL', [BROWSE]);
  }
  jira.grant(p.sam.accountId, NEW_PROJECT.key, [...WORK, ASSIGNABLE, editCrm]);
  jira.grant(p.dana.accountId, 'DEL', [...WORK, ASSIGNABLE, 'DELETE_ISSUES', 'ADMINISTER_PROJECTS']);
  for (const project of ['SALES', NEW_PROJECT.key]) jira.grant(p.dana.accountId, project, [BROWSE]);
  for (const project of ['SALES', 'DEL', NEW_PROJECT.key]) jira.grant(p.vic.accountId, project, [BROWSE]);
  jira.grant(p.omar.accountId, 'CS', [...WORK, ASSIGNABLE]);
}

/** Ordinary Jira work beside Relay's, so the projects do not look empty of anything but hand-offs. */
export function seedStoryIssues(sandbox: Pick<Sandbox, 'jira'>): void {
  const { jira } = sandbox;
  const p = STORY_PEOPLE;
  const playbook = jira.createIssue(p.dana.accountId, { projectKey: 'DEL', issueType: 'Epic', summary: 'Onboarding playbook for new customers' });
  jira.createIssue(p.dana.accountId, { projectKey: 'DEL', issueType: 'Task', summary: 'Kick-off deck template', parentKey: playbook.key });
  const runbook = jira.createIssue(p.dana.accountId, { projectKey: 'DEL', issueType: 'Task', summary: 'SSO set-up runbook' });
  jira.transitionIssue(p.dana.accountId, runbook.key, 'In Progress');
  jira.createIssue(p.omar.accountId, { projectKey: 'CS', issueType: 'Task', summary: 'Quarterly health check calls' });
  jira.createIssue(p.sam.accountId, { projectKey: 'SALES', issueType: 'Task', summary: 'Prepare the territory plan' });
  jira.createIssue(p.alice.accountId, { projectKey: NEW_PROJECT.key, issueType: 'Task', summary: 'Agree the partner commission model' });
}

import type { Sandbox } from '../index';
import { seedCrm } from './crm-seed';
import { seedRenewals } from './renewals-seed';
import { seedStarterDashboard } from './dashboards';

/** The app's own project permission as Jira names a Forge `jira:projectPermission`. */
export function editCrmPermissionKey(sandbox: Pick<Sandbox, 'platform'>): string {
  const { appId, environmentId } = sandbox.platform.app;
  return `ari:cloud:ecosystem::extension/${appId}/${environmentId}/static/edit-crm-records`;
}

export const BROWSE = 'BROWSE_PROJECTS';
// As in Jira's default permission scheme, the people who work in a project can be assigned its issues.
export const WORK = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'ASSIGN_ISSUES', 'ASSIGNABLE_USER', 'LINK_ISSUES'];
export const ADMIN = [...WORK, 'DELETE_ISSUES', 'ADMINISTER_PROJECTS'];

/** The demo site's people: each shows a different permission in the shell's user switcher. */
export const DEMO_USERS = {
  alice: { accountId: '5b10ac8d82e05b22cc7d4ef1', displayName: 'Alice Admin', emailAddress: 'alice@relay-demo.example', role: 'Jira admin; administers every project' },
  sam: { accountId: '5b10ac8d82e05b22cc7d4ef2', displayName: 'Sam Seller', emailAddress: 'sam@relay-demo.example', role: 'Account executive; edits CRM records in Sales' },
  dana: { accountId: '5b10ac8d82e05b22cc7d4ef3', displayName: 'Dana Delivery', emailAddress: 'dana@relay-demo.example', role: 'Delivery lead; works in Delivery, reads Sales' },
  vic: { accountId: '5b10ac8d82e05b22cc7d4ef4', displayName: 'Vic Viewer', emailAddress: 'vic@relay-demo.example', role: 'Manager; browses Sales without editing' },
  omar: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: 'Omar Outsider', emailAddress: 'omar@relay-demo.example', role: 'Support; sees only Customer Success' },
} as const;

export const DEMO_PROJECTS = {
  sales: { key: 'SALES', name: 'Sales' },
  delivery: { key: 'DEL', name: 'Delivery' },
  success: { key: 'CS', name: 'Customer Success' },
} as const;

/**
 * The demo's Jira site: three projects, five people with different permissions, and some delivery
 * work. Without `editCrm` nobody holds Relay's own "Edit CRM records" yet, as on a site that has
 * just installed the app (Jira grants an app's project permission to no one until an admin adds it
 * to the permission scheme).
 */
export function seedJiraSite(sandbox: Sandbox, options: { editCrm: boolean } = { editCrm: true }): { admin: string } {
  const { jira } = sandbox;
  const u = DEMO_USERS;
  for (const user of Object.values(u)) jira.addUser({ accountId: user.accountId, displayName: user.displayName, emailAddress: user.emailAddress });
  jira.setSiteAdmin(u.alice.accountId, true);
  jira.addProject({ key: DEMO_PROJECTS.sales.key, name: DEMO_PROJECTS.sales.name, leadAccountId: u.sam.accountId });
  jira.addProject({ key: DEMO_PROJECTS.delivery.key, name: DEMO_PROJECTS.delivery.name, leadAccountId: u.dana.accountId });
  // Sales and Delivery keep Jira's default screens (Relay's hand-off sets labels, due date, parent
  // and assignee in Delivery). Customer Success trimmed its screens: no due date when an issue is
  // created, no parent anywhere; a hand-off template aimed at CS gets Jira's "cannot be set" (400).
  jira.addProject({
    key: DEMO_PROJECTS.success.key,
    name: DEMO_PROJECTS.success.name,
    leadAccountId: u.alice.accountId,
    screens: { create: ['summary', 'description', 'assignee', 'labels'], edit: ['summary', 'description', 'assignee', 'labels', 'duedate'] },
  });

  const editCrm = options.editCrm ? [editCrmPermissionKey(sandbox)] : [];
  for (const project of Object.values(DEMO_PROJECTS)) jira.grant(u.alice.accountId, project.key, [...ADMIN, ...editCrm]);
  jira.grant(u.sam.accountId, 'SALES', [...WORK, ...editCrm]);
  jira.grant(u.sam.accountId, 'DEL', [BROWSE]);
  jira.grant(u.dana.accountId, 'DEL', [...WORK, 'DELETE_ISSUES', 'ADMINISTER_PROJECTS']);
  jira.grant(u.dana.accountId, 'SALES', [BROWSE]);
  jira.grant(u.vic.accountId, 'SALES', [BROWSE]);
  jira.grant(u.vic.accountId, 'DEL', [BROWSE]);
  jira.grant(u.omar.accountId, 'CS', WORK);

  const epic = jira.createIssue(u.dana.accountId, { projectKey: 'DEL', issueType: 'Epic', summary: 'Onboarding playbook for new customers' });
  jira.createIssue(u.dana.accountId, { projectKey: 'DEL', issueType: 'Task', summary: 'Kick-off deck template', parentKey: epic.key });
  const inProgress = jira.createIssue(u.dana.accountId, { projectKey: 'DEL', issueType: 'Task', summary: 'SSO set-up runbook' });
  jira.transitionIssue(u.dana.accountId, inProgress.key, 'In Progress');
  jira.createIssue(u.omar.accountId, { projectKey: 'CS', issueType: 'Task', summary: 'Quarterly health check calls' });
  jira.createIssue(u.sam.accountId, { projectKey: 'SALES', issueType: 'Task', summary: 'Prepare Q4 territory plan' });
  return { admin: u.alice.accountId };
}

/**
 * Loads the demo site: the Jira site above, then the CRM records (sandbox/demo/crm-seed.ts)
 * through the app's own resolver calls.
 */
export async function seedDemo(sandbox: Sandbox): Promise<void> {
  seedJiraSite(sandbox);
  const u = DEMO_USERS;
  await seedCrm(sandbox, { admin: u.alice.accountId, seller: u.sam.accountId, deliveryLead: u.dana.accountId });
  await seedRenewals(sandbox, { admin: u.alice.accountId, seller: u.sam.accountId });
  seedStarterDashboard(sandbox, u.alice.accountId);
}

import type { Sandbox } from '../index';

/**
 * The demo site's shared dashboard: both Relay gadgets, not configured yet (each opens in its edit
 * view for the first person who may edit the dashboard, as Jira does), owned by the Jira admin and
 * open to everyone on the site to view and change — the set-up a team starts from after installing.
 */
export function seedStarterDashboard(sandbox: Pick<Sandbox, 'jira'>, ownerAccountId: string): { dashboardId: string; gadgetIds: Record<string, string> } {
  const dashboard = sandbox.jira.addDashboard(ownerAccountId, {
    name: 'Relay dashboard',
    description: 'Pipeline and renewals, for everyone on the site.',
    sharePermissions: [{ type: 'authenticated' }],
    editPermissions: [{ type: 'authenticated' }],
  });
  const pipeline = sandbox.jira.addGadget(ownerAccountId, dashboard.id, { moduleKey: 'relay-pipeline-gadget', position: { row: 0, column: 0 } });
  const renewals = sandbox.jira.addGadget(ownerAccountId, dashboard.id, { moduleKey: 'relay-renewals-gadget', position: { row: 0, column: 1 } });
  return { dashboardId: dashboard.id, gadgetIds: { [pipeline.moduleKey]: pipeline.id, [renewals.moduleKey]: renewals.id } };
}

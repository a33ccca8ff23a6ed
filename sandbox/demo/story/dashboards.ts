import type { Sandbox } from '../../index';
import { STORY_PEOPLE } from './cast';

/**
 * The story's dashboards, as the people set them up: the head of sales' leadership view with both
 * Relay gadgets configured on Sales, and a seller's own view of his deals this month.
 */
export function seedStoryDashboards(sandbox: Pick<Sandbox, 'jira'>): void {
  const { jira } = sandbox;
  const { vic, sam } = STORY_PEOPLE;
  const leadership = jira.addDashboard(vic.accountId, {
    name: 'Sales leadership',
    description: 'Forecast, coverage and renewals for the Sales team.',
    sharePermissions: [{ type: 'authenticated' }],
    editPermissions: [],
  });
  const pipeline = jira.addGadget(vic.accountId, leadership.id, { moduleKey: 'relay-pipeline-gadget', title: 'Sales pipeline this quarter', position: { row: 0, column: 0 } });
  jira.storeGadgetConfiguration(vic.accountId, leadership.id, pipeline.id, { projectKeys: ['SALES'], period: 'quarter', refreshMinutes: 0 });
  const renewals = jira.addGadget(vic.accountId, leadership.id, { moduleKey: 'relay-renewals-gadget', position: { row: 0, column: 1 } });
  jira.storeGadgetConfiguration(vic.accountId, leadership.id, renewals.id, { projectKey: 'SALES', horizonDays: 90 });

  const mine = jira.addDashboard(sam.accountId, { name: 'My deals', description: 'My pipeline this month.', sharePermissions: [{ type: 'authenticated' }], editPermissions: [] });
  const own = jira.addGadget(sam.accountId, mine.id, { moduleKey: 'relay-pipeline-gadget', title: 'My pipeline this month', position: { row: 0, column: 0 } });
  jira.storeGadgetConfiguration(sam.accountId, mine.id, own.id, { projectKeys: ['SALES'], period: 'month', refreshMinutes: 0, segment: { dimension: 'owner', value: sam.accountId, label: sam.displayName } });
}

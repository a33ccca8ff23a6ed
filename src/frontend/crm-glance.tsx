import ForgeReconciler from '@forge/react';
import { StatusView } from './status-view';

/**
 * UI Kit resource `crm-glance` (module jira:issueContext relay-crm-glance). Until the CRM records
 * land it shows the connection status of Relay for this issue.
 */
function CrmGlance() {
  return <StatusView />;
}

ForgeReconciler.render(<CrmGlance />);

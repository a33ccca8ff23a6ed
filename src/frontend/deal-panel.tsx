import ForgeReconciler from '@forge/react';
import { StatusView } from './status-view';

/**
 * UI Kit resource `deal-panel` (module jira:issuePanel relay-deal-panel). Until deals land it shows
 * the connection status of Relay for this issue.
 */
function DealPanel() {
  return <StatusView />;
}

ForgeReconciler.render(<DealPanel />);

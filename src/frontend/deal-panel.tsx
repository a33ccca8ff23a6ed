import { requestJira } from '@forge/bridge';
import ForgeReconciler from '@forge/react';
import { api } from './api';
import { DealPanelView } from './deal-panel-view';
import { jiraIssueChanged } from './product-events';

/**
 * UI Kit resource `deal-panel` (module jira:issuePanel relay-deal-panel). Only wiring lives here:
 * Forge's invoke (api), requestJira as the user and the JIRA_ISSUE_CHANGED event; the view takes
 * them as props.
 */
function DealPanel() {
  return <DealPanelView api={api} requestJira={requestJira} onIssueChanged={jiraIssueChanged} />;
}

ForgeReconciler.render(<DealPanel />);

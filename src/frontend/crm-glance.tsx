import ForgeReconciler from '@forge/react';
import { api } from './api';
import { CrmGlanceView } from './crm-glance-view';
import { jiraIssueChanged } from './product-events';

/** UI Kit resource `crm-glance` (module jira:issueContext relay-crm-glance). Only wiring lives here. */
function CrmGlance() {
  return <CrmGlanceView api={api} onIssueChanged={jiraIssueChanged} />;
}

ForgeReconciler.render(<CrmGlance />);

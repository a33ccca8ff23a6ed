import { Calls } from '../contracts/calls';
import { jiraSetupProbe } from '../adapters/jira/setup-probe';
import { setupChecklist } from '../usecases/setup/checklist';
import { defineCall } from './define-call';

/** The Get started page's checklist (Jira administrators only). */
export const setupCalls = [defineCall(Calls.setup.checklist, (_input, ctx) => setupChecklist(ctx, jiraSetupProbe(ctx.localId)))];

import { Calls } from '../contracts/calls';
import { listRenewals, refreshRenewals, renewalsOverview, retentionMetrics } from '../usecases/renewals/read-renewals';
import { healthWeights, renewalSettings, saveHealthWeights, saveRenewalSettings } from '../usecases/renewals/renewal-settings';
import { defineCall } from './define-call';

/** The Renewals tab, Insights' retention, renewal settings (project admins) and health weights (Jira admins). */
export const renewalCalls = [
  defineCall(Calls.renewals.list, (input, ctx) => listRenewals(ctx, input)),
  defineCall(Calls.renewals.overview, (input, ctx) => renewalsOverview(ctx, input.projectKey)),
  defineCall(Calls.renewals.retention, (input, ctx) => retentionMetrics(ctx, input.projectKey)),
  defineCall(Calls.renewals.refresh, (input, ctx) => refreshRenewals(ctx, input.projectKey)),
  defineCall(Calls.renewals.settings, (input, ctx) => renewalSettings(ctx, input.projectKey)),
  defineCall(Calls.renewals.saveSettings, (input, ctx) => saveRenewalSettings(ctx, input)),
  defineCall(Calls.settings.health, (_input, ctx) => healthWeights(ctx)),
  defineCall(Calls.settings.saveHealth, (input, ctx) => saveHealthWeights(ctx, input)),
];

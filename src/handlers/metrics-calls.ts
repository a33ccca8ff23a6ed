import { Calls } from '../contracts/calls';
import { pipelineGadget, projectMetrics, refreshMetrics } from '../usecases/metrics/read-metrics';
import { renewalsGadget } from '../usecases/renewals/renewals-gadget';
import { saveSiteSettings, siteSettings } from '../usecases/site-settings';
import { defineCall } from './define-call';

/** Metrics for Insights and the gadgets, and the site settings they depend on. */
export const metricsCalls = [
  defineCall(Calls.metrics.project, (input, ctx) => projectMetrics(ctx, input)),
  defineCall(Calls.metrics.refresh, (input, ctx) => refreshMetrics(ctx, input.projectKey)),
  defineCall(Calls.gadgets.pipeline, (input, ctx) => pipelineGadget(ctx, input)),
  defineCall(Calls.gadgets.renewals, (input, ctx) => renewalsGadget(ctx, input)),
  defineCall(Calls.settings.site, (_input, ctx) => siteSettings(ctx)),
  defineCall(Calls.settings.saveSite, (input, ctx) => saveSiteSettings(ctx, input)),
];

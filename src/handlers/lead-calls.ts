import { Calls } from '../contracts/calls';
import { leadSettings, rotateSecret, saveLeadSettings, secretState } from '../usecases/leads/lead-settings';
import { listLeads } from '../usecases/leads/list-leads';
import { readFunnel } from '../usecases/leads/read-funnel';
import { defineCall } from './define-call';

/** Inbound leads: the Leads tab, the funnel in Insights, and the admin page's endpoint, secret and rules. */
export const leadCalls = [
  defineCall(Calls.leads.list, (input, ctx) => listLeads(ctx, input)),
  defineCall(Calls.leads.funnel, (input, ctx) => readFunnel(ctx, input)),
  defineCall(Calls.leads.settings, (_input, ctx) => leadSettings(ctx)),
  defineCall(Calls.leads.saveSettings, (input, ctx) => saveLeadSettings(ctx, input)),
  defineCall(Calls.leads.secret, (_input, ctx) => secretState(ctx)),
  defineCall(Calls.leads.rotateSecret, (input, ctx) => rotateSecret(ctx, input)),
];

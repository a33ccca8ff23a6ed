import { Calls } from '../contracts/calls';
import { acceptHandoff, dealForIssue, flagExpansion, linkIssue, unlinkIssue } from '../usecases/handoff/issue-panel';
import { getTemplate, previewHandoff, updateTemplate } from '../usecases/handoff/template';
import { defineCall } from './define-call';

/** The hand-off: template (settings page), and the issue panel's view and actions. */
export const handoffCalls = [
  defineCall(Calls.handoff.template, (input, ctx) => getTemplate(ctx, input.projectKey)),
  defineCall(Calls.handoff.saveTemplate, (input, ctx) => updateTemplate(ctx, input)),
  defineCall(Calls.handoff.preview, (input, ctx) => previewHandoff(ctx, input.dealId)),
  defineCall(Calls.handoff.forIssue, (input, ctx) => dealForIssue(ctx, input.issueKey)),
  defineCall(Calls.handoff.accept, (input, ctx) => acceptHandoff(ctx, input.issueKey)),
  defineCall(Calls.handoff.link, (input, ctx) => linkIssue(ctx, input.issueKey, input.dealId)),
  defineCall(Calls.handoff.unlink, (input, ctx) => unlinkIssue(ctx, input.issueKey)),
  defineCall(Calls.handoff.flagExpansion, (input, ctx) => flagExpansion(ctx, input.issueKey, input.name)),
];

import { Calls } from '../contracts/calls';
import { projectAdmins, resolvePeople } from '../usecases/people';
import { defineCall } from './define-call';

/** People as Jira shows them (display names, avatars) and who administers a project. */
export const peopleCalls = [
  defineCall(Calls.people.resolve, async (input, ctx) => ({ people: await resolvePeople(ctx, input.accountIds) })),
  defineCall(Calls.projects.admins, (input, ctx) => projectAdmins(ctx, input.projectKey)),
];

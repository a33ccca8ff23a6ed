import { Calls } from '../contracts/calls';
import { completeTask, deleteActivity, reopenTask, updateActivity } from '../usecases/activities/change-activity';
import { createActivity } from '../usecases/activities/create-activity';
import { listTimeline, myTasks } from '../usecases/activities/read-activities';
import { defineCall } from './define-call';

/** Activities, record timelines and "my tasks": thin handlers, each one use case (parse and envelope in defineCall). */
export const activityCalls = [
  defineCall(Calls.activities.create, (input, ctx) => createActivity(ctx, input)),
  defineCall(Calls.activities.update, (input, ctx) => updateActivity(ctx, input)),
  defineCall(Calls.activities.complete, (input, ctx) => completeTask(ctx, input)),
  defineCall(Calls.activities.reopen, (input, ctx) => reopenTask(ctx, input)),
  defineCall(Calls.activities.delete, (input, ctx) => deleteActivity(ctx, input)),
  defineCall(Calls.timeline.list, (input, ctx) => listTimeline(ctx, input)),
  defineCall(Calls.tasks.mine, (input, ctx) => myTasks(ctx, input)),
];

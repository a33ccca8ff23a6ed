import { Calls } from '../contracts/calls';
import { exportTable } from '../usecases/exports/export-table';
import { defineCall } from './define-call';

/** CSV exports of table views: one slice per call (parse and envelope in defineCall), headed in the user's Jira language. */
export const exportCalls = [defineCall(Calls.exports.table, (input, ctx) => exportTable(ctx, input, input.locale))];

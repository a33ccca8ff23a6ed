import { Calls } from '../contracts/calls';
import { getImport, listImports, rejectedRows } from '../usecases/imports/read-imports';
import { cancelImport, createImport, startImport, uploadPart } from '../usecases/imports/start-import';
import { defineCall } from './define-call';

/** CSV imports: thin handlers, each one use case (parse and envelope in defineCall). */
export const importCalls = [
  defineCall(Calls.imports.create, (input, ctx) => createImport(ctx, input)),
  defineCall(Calls.imports.uploadPart, (input, ctx) => uploadPart(ctx, input)),
  defineCall(Calls.imports.start, (input, ctx) => startImport(ctx, input)),
  defineCall(Calls.imports.cancel, (input, ctx) => cancelImport(ctx, input.jobId)),
  defineCall(Calls.imports.get, (input, ctx) => getImport(ctx, input.jobId)),
  defineCall(Calls.imports.list, (input, ctx) => listImports(ctx, input.projectKey)),
  defineCall(Calls.imports.rejectedRows, (input, ctx) => rejectedRows(ctx, input)),
];

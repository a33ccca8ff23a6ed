import { Calls } from '../contracts/calls';
import { findDuplicates } from '../usecases/duplicates/find-duplicates';
import { mergeRecords } from '../usecases/duplicates/merge-records';
import { defineCall } from './define-call';

/** Duplicates review and merge: thin handlers (parse and envelope in defineCall). */
export const duplicatesCalls = [
  defineCall(Calls.duplicates.find, (input, ctx) => findDuplicates(ctx, input)),
  defineCall(Calls.duplicates.merge, (input, ctx) => mergeRecords(ctx, input)),
];

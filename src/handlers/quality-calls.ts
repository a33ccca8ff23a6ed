import { Calls } from '../contracts/calls';
import { dealQualitySlice, recordQuality } from '../usecases/quality/read-quality';
import { defineCall } from './define-call';

/** The Data quality tab: thin handlers (parse and envelope in defineCall). */
export const qualityCalls = [
  defineCall(Calls.quality.deals, (input, ctx) => dealQualitySlice(ctx, input)),
  defineCall(Calls.quality.records, (_input, ctx) => recordQuality(ctx)),
];

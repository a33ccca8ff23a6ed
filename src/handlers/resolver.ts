import Resolver from '@forge/resolver';
import { systemCalls } from './system-calls';
import { dealCalls } from './deal-calls';
import { activityCalls } from './activity-calls';
import { companyCalls } from './company-calls';
import { contactCalls } from './contact-calls';
import { handoffCalls } from './handoff-calls';
import { metricsCalls } from './metrics-calls';
import { peopleCalls } from './people-calls';
import { leadCalls } from './lead-calls';
import { renewalCalls } from './renewal-calls';
import { importCalls } from './import-calls';
import { exportCalls } from './export-calls';
import { qualityCalls } from './quality-calls';
import { duplicatesCalls } from './duplicates-calls';
import { privacyCalls } from './privacy-calls';
import { setupCalls } from './setup-calls';
import type { DefinedCall } from './define-call';
import { compose } from './compose';

// This entry point's composition root: the ports its use cases use, bound to Relay's adapters.
compose();

const calls: DefinedCall[] = [...systemCalls, ...dealCalls, ...activityCalls, ...companyCalls, ...contactCalls, ...handoffCalls, ...metricsCalls, ...peopleCalls, ...leadCalls, ...importCalls, ...exportCalls, ...qualityCalls, ...duplicatesCalls, ...privacyCalls, ...renewalCalls, ...setupCalls];

const resolver = new Resolver();
for (const call of calls) {
  resolver.define(call.key, (request) => call.run(request as unknown as Parameters<DefinedCall['run']>[0]));
}

/** The one resolver function behind every UI surface (manifest: function `resolver`). */
export const handler = resolver.getDefinitions();

import type { CallSpec, InputOf, ResultOf } from '../contracts/calls';
import { Calls } from '../contracts/calls';
import type { ErrorCode, FieldError } from '../contracts/envelope';
import { envelopeOf } from '../contracts/envelope';

/**
 * Why a call from a UI Kit surface failed, as one code the view switches on:
 * - the resolver's own envelope codes (VALIDATION … INTERNAL);
 * - PLATFORM: `invoke` itself rejected (Forge could not run the resolver: time limit, payload
 *   limit, outage), so there is no envelope at all;
 * - CONTRACT: the resolver answered, but not in the shape src/contracts promises.
 */
export type CallFailureCode = ErrorCode | 'PLATFORM' | 'CONTRACT';

export class CallFailure extends Error {
  constructor(
    readonly code: CallFailureCode,
    message: string,
    readonly callKey: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
    this.name = 'CallFailure';
  }
}

/**
 * How a call reaches the back end. The surfaces pass Forge's `invoke` (api.ts); this module does not
 * import @forge/bridge, so it loads anywhere, including outside a Forge surface.
 */
export type Transport = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;

/**
 * Calls one resolver key and checks the answer against the contract before the view sees it: the
 * envelope and the result are parsed with the call's zod schemas, and every failure becomes a
 * `CallFailure` with a code, never a half-typed value.
 */
export async function callResolver<C extends CallSpec>(spec: C, input: InputOf<C>, transport: Transport): Promise<ResultOf<C>> {
  let raw: unknown;
  try {
    raw = await transport(spec.key, { ...input });
  } catch (error) {
    throw new CallFailure('PLATFORM', error instanceof Error ? error.message : String(error), spec.key);
  }
  const parsed = envelopeOf(spec.result).safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new CallFailure('CONTRACT', `The answer to ${spec.key} does not match its contract (${issues})`, spec.key);
  }
  if (!parsed.data.ok) {
    const { code, message, fields } = parsed.data.error;
    throw new CallFailure(code, message, spec.key, fields ?? []);
  }
  return parsed.data.data as ResultOf<C>;
}

/** The typed client of the UI Kit surfaces: one function per key of the shared call table. */
export function createApi(transport: Transport) {
  return {
    system: {
      status: (input: InputOf<typeof Calls.system.status> = {}) => callResolver(Calls.system.status, input, transport),
    },
    deals: {
      search: (input: InputOf<typeof Calls.deals.search>) => callResolver(Calls.deals.search, input, transport),
    },
    handoff: {
      forIssue: (input: InputOf<typeof Calls.handoff.forIssue>) => callResolver(Calls.handoff.forIssue, input, transport),
      accept: (input: InputOf<typeof Calls.handoff.accept>) => callResolver(Calls.handoff.accept, input, transport),
      link: (input: InputOf<typeof Calls.handoff.link>) => callResolver(Calls.handoff.link, input, transport),
      unlink: (input: InputOf<typeof Calls.handoff.unlink>) => callResolver(Calls.handoff.unlink, input, transport),
      flagExpansion: (input: InputOf<typeof Calls.handoff.flagExpansion>) => callResolver(Calls.handoff.flagExpansion, input, transport),
    },
  };
}

export type RelayApi = ReturnType<typeof createApi>;

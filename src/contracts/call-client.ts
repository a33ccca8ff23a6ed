import type { CallSpec, InputOf, ResultOf } from './calls';
import { Calls } from './calls';
import type { ErrorCode, FieldError } from './envelope';
import { envelopeOf } from './envelope';

/**
 * The one client of the resolver calls, used by the Custom UI (static/src/lib/api.ts) and the UI Kit
 * surfaces (src/frontend/api.ts) alike; each hands in its transport (`invoke` from @forge/bridge),
 * so this module imports no Forge package and loads anywhere.
 *
 * Why a call failed, as one code the views switch on:
 * - the resolver's own envelope codes (VALIDATION, NOT_FOUND, FORBIDDEN, CONFLICT, RATE_LIMITED, INTERNAL, …);
 * - PLATFORM: `invoke` itself rejected (Forge could not run the resolver: time limit, payload
 *   limit, outage), so there is no envelope at all;
 * - CONTRACT: the resolver answered, but not in the shape src/contracts promises.
 */
export type CallErrorCode = ErrorCode | 'PLATFORM' | 'CONTRACT';

export class CallError extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
    readonly callKey: string,
    readonly fields: FieldError[] = [],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'CallError';
  }
}

/** The function a call goes through: Forge's `invoke` on a surface; tests and stories hand in another. */
export type Transport = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;

/**
 * Calls one resolver key: sends the input, validates the envelope and the result with the
 * contract's schemas, and turns `{ ok: false }` (or a rejected invoke) into a `CallError`, never a
 * half-typed value.
 */
export async function call<C extends CallSpec>(spec: C, input: InputOf<C>, transport: Transport): Promise<ResultOf<C>> {
  let raw: unknown;
  try {
    raw = await transport(spec.key, (input ?? {}) as Record<string, unknown>);
  } catch (error) {
    throw new CallError('PLATFORM', error instanceof Error ? error.message : String(error), spec.key);
  }
  const parsed = envelopeOf(spec.result).safeParse(raw);
  if (!parsed.success) {
    throw new CallError('CONTRACT', `The answer to ${spec.key} does not match its contract: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, spec.key);
  }
  const envelope = parsed.data;
  if (!envelope.ok) throw new CallError(envelope.error.code, envelope.error.message, spec.key, envelope.error.fields ?? [], envelope.error.details ?? {});
  return envelope.data as ResultOf<C>;
}

/** True when the input has no required field (an empty object is a valid input). */
type InputOptional<T> = Record<never, never> extends T ? true : false;

/** One typed function per resolver key; calls whose input needs no field take no argument. */
export type ApiOf<T> = T extends CallSpec
  ? InputOptional<InputOf<T>> extends true
    ? (input?: InputOf<T>) => Promise<ResultOf<T>>
    : (input: InputOf<T>) => Promise<ResultOf<T>>
  : { [K in keyof T]: ApiOf<T[K]> };

function isSpec(value: unknown): value is CallSpec {
  return typeof value === 'object' && value !== null && 'key' in value && 'input' in value && 'result' in value;
}

function build(node: unknown, transport: Transport): unknown {
  if (isSpec(node)) return (input?: unknown) => call(node, (input ?? {}) as InputOf<typeof node>, transport);
  return Object.fromEntries(Object.entries(node as Record<string, unknown>).map(([name, child]) => [name, build(child, transport)]));
}

/** Builds the client from the shared table, so a new key in calls.ts is callable as `api.area.verb()`. */
export function createApi(transport: Transport): ApiOf<typeof Calls> {
  // The walk mirrors the table's shape exactly, which ApiOf describes; TypeScript cannot follow a recursive runtime walk.
  return build(Calls, transport) as ApiOf<typeof Calls>;
}

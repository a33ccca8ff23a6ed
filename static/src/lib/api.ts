import { invoke } from '@forge/bridge';
import type { CallSpec, InputOf, ResultOf } from '../../../src/contracts/calls';
import { Calls } from '../../../src/contracts/calls';
import { envelopeOf } from '../../../src/contracts/envelope';
import { ApiError } from './api-error';

/** The function an `invoke` goes through; tests and stories can hand in another transport. */
export type Transport = (functionKey: string, payload: Record<string, unknown>) => Promise<unknown>;

const forgeTransport: Transport = (functionKey, payload) => invoke(functionKey, payload);

/**
 * Calls one resolver key: sends the input, validates the envelope and the result with the
 * contract's schemas, and turns `{ ok: false }` (or a rejected invoke) into an `ApiError`.
 */
export async function call<C extends CallSpec>(spec: C, input: InputOf<C>, transport: Transport = forgeTransport): Promise<ResultOf<C>> {
  let raw: unknown;
  try {
    raw = await transport(spec.key, (input ?? {}) as Record<string, unknown>);
  } catch (error) {
    throw new ApiError('PLATFORM', error instanceof Error ? error.message : String(error), spec.key);
  }
  const parsed = envelopeOf(spec.result).safeParse(raw);
  if (!parsed.success) {
    throw new ApiError('CONTRACT', `The answer to ${spec.key} does not match its contract: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, spec.key);
  }
  const envelope = parsed.data;
  if (!envelope.ok) {
    throw new ApiError(envelope.error.code, envelope.error.message, spec.key, envelope.error.fields ?? [], envelope.error.details ?? {});
  }
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

/** Builds the client from the shared table, so a new key in src/contracts/calls.ts is callable as `api.area.verb()`. */
export function createApi(transport: Transport = forgeTransport): ApiOf<typeof Calls> {
  // The walk mirrors the table's shape exactly, which ApiOf describes; TypeScript cannot follow a recursive runtime walk.
  return build(Calls, transport) as ApiOf<typeof Calls>;
}

export const api = createApi();

import { invoke } from '@forge/bridge';
import type { CallSpec, InputOf, ResultOf } from '../../../src/contracts/calls';
import { call as callWith, createApi as createApiWith, type ApiOf, type Transport } from '../../../src/contracts/call-client';
import type { Calls } from '../../../src/contracts/calls';

export type { ApiOf, Transport };

const forgeTransport: Transport = (functionKey, payload) => invoke(functionKey, payload);

/** Calls one resolver key through Forge's invoke (src/contracts/call-client.ts: validated, failures as ApiError). */
export function call<C extends CallSpec>(spec: C, input: InputOf<C>, transport: Transport = forgeTransport): Promise<ResultOf<C>> {
  return callWith(spec, input, transport);
}

/** The Custom UI's client: one typed function per key of the shared call table. */
export function createApi(transport: Transport = forgeTransport): ApiOf<typeof Calls> {
  return createApiWith(transport);
}

export const api = createApi();

/**
 * The UI Kit surfaces' client is the one shared client (src/contracts/call-client.ts): the same
 * validation, the same failure codes and details as the Custom UI. `CallFailure` is its error under
 * the name the UI Kit views use.
 */
import { createApi as createApiWith, type ApiOf, type Transport } from '../contracts/call-client';
import type { Calls } from '../contracts/calls';

export { CallError as CallFailure, type CallErrorCode as CallFailureCode, type Transport } from '../contracts/call-client';

export type RelayApi = ApiOf<typeof Calls>;

/** The typed client of the UI Kit surfaces: one function per key of the shared call table. */
export function createApi(transport: Transport): RelayApi {
  return createApiWith(transport);
}

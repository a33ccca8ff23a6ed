import { invoke } from '@forge/bridge';
import type { RelayApi } from './call-client';
import { createApi } from './call-client';

export { CallFailure, type CallFailureCode, type RelayApi } from './call-client';

/** The client the UI Kit surfaces use: every call goes through Forge's `invoke` to the `resolver` function. */
export const api: RelayApi = createApi((functionKey, payload) => invoke(functionKey, payload));

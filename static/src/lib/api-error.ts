/**
 * Why a call failed, as one typed error the screens switch on: the shared client's error
 * (src/contracts/call-client.ts), under the name the Custom UI has always used.
 */
export { CallError as ApiError, type CallErrorCode as ApiErrorCode } from '../../../src/contracts/call-client';

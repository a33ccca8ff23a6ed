import type { z } from 'zod';
import { StatusInput, StatusResult } from './system';

/**
 * The one table of resolver keys, shared by the back end (src/handlers) and every UI (static/,
 * src/frontend). Keys are namespaced `area/verb`; each names its input and result schemas.
 */
export const Calls = {
  system: {
    status: { key: 'system/status', input: StatusInput, result: StatusResult },
  },
} as const;

export const CONTRACT_VERSION = 1;

type Leaves<T> = T extends { key: string; input: z.ZodType; result: z.ZodType } ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type CallSpec = Leaves<typeof Calls>;
export type CallKey = CallSpec['key'];
export type InputOf<C extends CallSpec> = z.input<C['input']>;
export type ResultOf<C extends CallSpec> = z.infer<C['result']>;

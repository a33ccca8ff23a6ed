import type { z } from 'zod';
import { StatusInput, StatusResult } from './system';
import {
  BoardInput,
  BoardResult,
  CreateDealInput,
  DealPage,
  DealRecord,
  DealRef,
  GetDealInput,
  ListDealsInput,
  LoseDealInput,
  MoveDealInput,
  ReopenDealInput,
  UpdateDealInput,
} from './deal';
import { PipelineRecord, ProjectInput, RebuildResult, TotalsRecord, UpdatePipelineInput } from './pipeline';

/**
 * The one table of resolver keys, shared by the back end (src/handlers) and every UI (static/,
 * src/frontend). Keys are namespaced `area/verb`; each names its input and result schemas.
 */
export const Calls = {
  system: {
    status: { key: 'system/status', input: StatusInput, result: StatusResult },
  },
  deals: {
    create: { key: 'deals/create', input: CreateDealInput, result: DealRecord },
    update: { key: 'deals/update', input: UpdateDealInput, result: DealRecord },
    move: { key: 'deals/move', input: MoveDealInput, result: DealRecord },
    win: { key: 'deals/win', input: DealRef, result: DealRecord },
    lose: { key: 'deals/lose', input: LoseDealInput, result: DealRecord },
    reopen: { key: 'deals/reopen', input: ReopenDealInput, result: DealRecord },
    archive: { key: 'deals/archive', input: DealRef, result: DealRecord },
    get: { key: 'deals/get', input: GetDealInput, result: DealRecord },
    list: { key: 'deals/list', input: ListDealsInput, result: DealPage },
    board: { key: 'deals/board', input: BoardInput, result: BoardResult },
  },
  pipelines: {
    get: { key: 'pipelines/get', input: ProjectInput, result: PipelineRecord },
    enable: { key: 'pipelines/enable', input: ProjectInput, result: PipelineRecord },
    update: { key: 'pipelines/update', input: UpdatePipelineInput, result: PipelineRecord },
  },
  totals: {
    get: { key: 'totals/get', input: ProjectInput, result: TotalsRecord },
    rebuild: { key: 'totals/rebuild', input: ProjectInput, result: RebuildResult },
  },
} as const;

export const CONTRACT_VERSION = 1;

type Leaves<T> = T extends { key: string; input: z.ZodType; result: z.ZodType } ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type CallSpec = Leaves<typeof Calls>;
export type CallKey = CallSpec['key'];
export type InputOf<C extends CallSpec> = z.input<C['input']>;
export type ResultOf<C extends CallSpec> = z.infer<C['result']>;


import { z } from 'zod';
import type { ActivityEntity } from './customers';
import type { Deal } from '../domain/deal';
import type { Pipeline } from '../domain/pipeline';
import type { PipelineTotals } from '../domain/totals';
import { StageSchema, TargetSchema } from '../contracts/pipeline';
import type { TxStep } from './storage';
/** Deals on a project's pipeline, the pipeline itself and its totals. */

/**
 * A project's derived totals, in `TOTALS_SHARDS` records of the guard entity. A deal write updates
 * only the shard its id picks (conditioned on that shard's version), so writes to different deals
 * meet only when their ids share a shard, and then the loser is retried invisibly. A reader gets
 * every shard in one batch request (at most 25 keys) and adds them up. Shard 0 keeps the key of the
 * single rollup older versions wrote, so its figures carry on counting.
 */
export const TOTALS_SHARDS = 16;

export interface DealEntity {
  id: string;
  projectId: string;
  status: 'active' | 'archived';
  name: string;
  nameLower: string;
  companyId: string;
  ownerId: string;
  stageId: string;
  position: string;
  outcome: string;
  forecastCategory: string;
  dealType: string;
  segment: string;
  source: string;
  region: string;
  currency: string;
  amountMinor: number;
  recurring: boolean;
  closeDate: string;
  stageEnteredAt: number;
  closedAt: number;
  contractEnd: string;
  renewalState: string;
  handoffState: string;
  handoffDueAt: number;
  createdAt: number;
  updatedAt: number;
  version: number;
  schemaVersion: number;
  data: Deal;
}

export interface DealQuery {
  projectId: string;
  outcome: Deal['outcome'];
  stageId?: string;
  ownerId?: string;
  companyId?: string;
  closeFrom?: string;
  closeTo?: string;
  forecastCategory?: string;
  segment?: string;
  source?: string;
  sort: 'closeDate' | 'updatedAt' | 'position';
  direction: 'asc' | 'desc';
  limit: number;
  cursor?: string;
}

/*
 * The one write of a deal: the deal record and the totals rollup it moves (its shard in
 * totals-store.ts) go together, so the figures never drift from the deals they add up.
 */

export interface DealWrite {
  before: Deal | null;
  after: Deal;
  /** The pipeline the change was decided on, with the version the transaction holds it to. */
  pipeline: Pipeline & { version: number };
  /** The deal's totals shard as read (see totals-store.ts). */
  shard: TotalsShard;
  activity: ActivityEntity | null;
  now: number;
  /** Further writes that must happen with this one or not at all (e.g. a hand-off's idempotency record). */
  extra?: TxStep[];
}

/** Where a card lands, and the step its save's transaction adds to keep the column's end up to date. */
export interface Placement {
  position: string;
  step: TxStep;
}

export interface TotalsShard {
  index: number;
  totals: PipelineTotals;
  /** 0: the shard does not exist yet (a writer creates it before conditioning anything on it). */
  version: number;
  /** When a deal write last changed this shard (epoch ms; 0 when none has). */
  updatedAt: number;
}

export interface VersionedTotals {
  totals: PipelineTotals;
  /** The sum of the shards' versions: it grows with every write, 0 when nothing is stored yet. */
  version: number;
  /**
   * When a deal write of the project last changed them (epoch ms; 0 when none has). Work that reads
   * every deal with an entity query (which may trail writes) waits until this is `QUERY_SETTLE_MS` old.
   */
  updatedAt: number;
}

export const StoredPipeline = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int(),
  // Stored stages and targets are what the contract accepted when they were saved.
  stages: z.array(StageSchema),
  /** Sales targets per fiscal period (added after the first pipelines were stored: default none). */
  targets: z.array(TargetSchema).default([]),
  enabledAt: z.number(),
  enabledBy: z.string(),
  updatedAt: z.number(),
});
export type StoredPipeline = z.infer<typeof StoredPipeline>;

/**
 * Deals: read by id, queried by stage and status, committed with the pipeline totals and the audit entry in one transaction, placed within a column.
 * Implemented by adapters/kvs/deal-store.ts, adapters/kvs/deal-write.ts, adapters/kvs/deal-entity.ts, adapters/kvs/column-tail.ts.
 */
export interface DealsPort {
  /** A deal saved in another write's transaction, on the condition that it is still at `readVersion` as read. */
  dealAtVersionStep(deal: Deal, pipeline: Pipeline, readVersion: number): TxStep;
  /** Every deal of a project, page by page (the totals rebuild and the snapshot job). `maxWaitMs` is how
   * long a page may wait out Forge's storage quota (backoff.ts); 0 fails at once. */
  allProjectDeals(projectId: string, maxWaitMs?: number): AsyncGenerator<Deal[]>;
  /** A position after every card of a board column (and after `after`, the card it is dropped behind),
   * for a card created or dropped at its end.
   * 
   * Entity queries are eventually consistent: the column's last card as a query shows it can miss a
   * card appended a moment ago, and two quick appends would then get the same position. So the end of
   * each column is also remembered under a key (read with `get`, which is never stale), and the new
   * card goes after whichever of the two is later. The key is written in the card's own transaction
   * (`step`), so a refused save changes nothing. Two appends at the very same moment can still tie
   * (both then sort by id, and nothing is lost). */
  appendPosition(projectId: string, stageId: string, after?: string | null): Promise<Placement>;
  /** A card placed between two others: the column's end does not move. */
  readonly between: (position: string) => Placement;
  /** Writes a deal, its totals shard and the audit entry in one transaction, held to the pipeline the
   * change was decided on. The deal is conditioned on the version read (a new deal has a fresh random
   * id and needs none), the shard on its own: a concurrent write of the same deal, of a deal of the
   * same shard, or of the pipeline cancels the whole transaction. */
  commitDeal(write: DealWrite): Promise<PipelineTotals>;
  /** The position of the last card of a board column, for appending (one query). */
  lastPosition(projectId: string, stageId: string): Promise<string | null>;
  /** One entity query per page, on the index that serves the request: a stage column by position,
   * an owner's deals by close date, recently updated, or a project's deals of one outcome by close
   * date; the remaining criteria are query filters. */
  queryDeals(q: DealQuery): Promise<{ deals: Deal[]; nextCursor: string | null; }>;
  readDeal(id: string): Promise<Deal | undefined>;
  /** Several deals by id, 25 per request (missing ones are left out). */
  readDeals(ids: string[]): Promise<Deal[]>;
  /** Open deals of a project whose name contains the words typed (for linking an issue to a deal). */
  searchOpenDeals(projectId: string, text: string, limit: number): Promise<Deal[]>;
  /** Whether a stage's column holds any deal that is not archived (won and lost ones included), among
   * its first 100 entries: one query of by-stage. Queries may lag behind writes; callers use this as a second opinion. */
  stageHoldsDeals(projectId: string, stageId: string): Promise<boolean>;
  toEntity(deal: Deal, pipeline: Pipeline): DealEntity;
}

/**
 * A project's pipeline totals, kept in shards a deal write updates in its own transaction.
 * Implemented by adapters/kvs/totals-store.ts.
 */
export interface TotalsPort {
  /** A project's derived totals, in `TOTALS_SHARDS` records of the guard entity. A deal write updates
   * only the shard its id picks (conditioned on that shard's version), so writes to different deals
   * meet only when their ids share a shard, and then the loser is retried invisibly. A reader gets
   * every shard in one batch request (at most 25 keys) and adds them up. Shard 0 keeps the key of the
   * single rollup older versions wrote, so its figures carry on counting. */
  /** Every shard, the missing ones created first, so that each can carry a condition. */
  allShards(projectId: string): Promise<TotalsShard[]>;
  /** When a deal write last changed any of the shards (0 when none has). */
  lastDealWrite(shards: TotalsShard[]): number;
  /** A project's totals: one batch read of its shards, summed. Same meaning as the single rollup it replaces. */
  readTotals(projectId: string): Promise<VersionedTotals>;
  /** Replaces every shard with recomputed figures in one transaction, if none changed since `read` (and
   * `also` holds). `writtenAt` is when the deals were written (seeding), or `'unchanged'` for a
   * rebuild, which changes no deal and so keeps each shard's time of its last deal write. */
  replaceShards(projectId: string, read: TotalsShard[], next: PipelineTotals[], writtenAt: number | "unchanged", also?: TxStep[]): Promise<void>;
  /** The shard a deal's writes go to, created first if it does not exist yet (one get; three the first time). */
  shardForDeal(projectId: string, dealId: string): Promise<TotalsShard>;
  /** Holds the transaction to the shard being unchanged since it was read (e.g. no deal entered a stage being removed). */
  shardUnchanged(projectId: string, shard: TotalsShard): TxStep;
}

/**
 * A project's pipeline (stages, probabilities), versioned.
 * Implemented by adapters/kvs/pipeline-store.ts.
 */
export interface PipelinesPort {
  /** Creates the pipeline of a project that enables the CRM; false when it already exists (someone else enabled it first). */
  createPipeline(projectId: string, pipeline: Pipeline, actorId: string, now: number): Promise<boolean>;
  /** Holds a deal write to the pipeline it was decided on: a pipeline saved meanwhile cancels it (and it is decided again). */
  pipelineUnchanged(projectId: string, version: number): TxStep;
  /** A project's pipeline, one guard record per project, read on every deal write and board load (one
   * request). A pipeline an older version stored as a key-value key is moved into the entity when
   * first read, because every deal write is conditioned on the pipeline's version (so a stage cannot
   * be removed under a move into it). */
  readPipeline(projectId: string): Promise<(StoredPipeline & Pipeline) | undefined>;
  /** Saves the pipeline if it is still at `stored.version` (a condition failure otherwise), together
   * with `also` (e.g. checks that no deal entered a stage being removed). */
  savePipeline(projectId: string, stored: StoredPipeline, next: StoredPipeline, now: number, also?: TxStep[]): Promise<void>;
}

/**
 * Which Jira projects have the CRM enabled.
 * Implemented by adapters/kvs/crm-projects-store.ts.
 */
export interface ProjectsPort {
  /** The ids of the site's CRM-enabled projects (one request once the record exists). */
  crmProjectIds(now: number): Promise<string[]>;
  /** Adds a project to the list if it is not there yet (conditioned on the version read: a condition failure when another enable won the race). */
  listCrmProject(projectId: string, now: number): Promise<void>;
}

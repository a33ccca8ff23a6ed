import { z } from 'zod';
import type { Deal } from '../../domain/deal';
import { forecastOf } from '../../domain/deal';
import { DealAttributionRecord, DealSchema } from '../../contracts/deal';
import { renewalStateOf } from '../../domain/renewal';
import { HandoffRecord } from '../../contracts/handoff';
import { RenewalRefSchema, RenewedContractSchema } from '../../contracts/renewal';
import type { Handoff } from '../../domain/handoff';
import type { Pipeline } from '../../domain/pipeline';
import { stageById } from '../../domain/pipeline';
import { searchableName } from '../../domain/normalise';
import type { DealEntity } from '../../ports/deals';

/**
 * Deals in the `deal` entity: the whole domain record lives in `data` (the source of truth), and
 * the attributes are the projections the indexes and filters need. Indexed attributes never hold
 * null or '' (see README): a missing value is 'none', which sorts after every date.
 */
const NONE = 'none';

/** The stored deal: the deal's one schema, with what deals stored by older versions lack filled in. */
const DealData = DealSchema.extend({
  // Deals stored before attribution was copied onto them have none.
  attribution: DealAttributionRecord.nullable().default(null),
  // Deals stored before the history was kept start from their current stage (fromEntity).
  stageHistory: z.array(z.string()).optional(),
  // Deals stored before hand-offs existed have none.
  handoff: HandoffRecord.nullable().default(null),
  // Deals stored before renewals existed are neither renewed nor renewals.
  renewal: RenewalRefSchema.nullable().default(null),
  renews: RenewedContractSchema.nullable().default(null),
});


export function toEntity(deal: Deal, pipeline: Pipeline): DealEntity {
  const stage = stageById(pipeline, deal.stageId);
  return {
    id: deal.id,
    projectId: deal.projectId,
    status: deal.archived ? 'archived' : 'active',
    name: deal.name,
    nameLower: searchableName(deal.name),
    companyId: deal.companyId ?? NONE,
    ownerId: deal.ownerId,
    stageId: deal.stageId,
    position: deal.position,
    // Archived deals leave the board and list partitions (outcome 'archived'), so open-deal queries never page past them.
    outcome: deal.archived ? 'archived' : deal.outcome,
    forecastCategory: stage ? forecastOf(deal, stage) : (deal.forecastOverride ?? 'pipeline'),
    dealType: deal.type,
    segment: deal.segment ?? NONE,
    source: deal.source ?? NONE,
    region: NONE,
    currency: deal.currency,
    amountMinor: deal.amountMinor ?? 0,
    recurring: deal.recurring,
    closeDate: deal.closeDate ?? NONE,
    stageEnteredAt: deal.stageEnteredAt,
    closedAt: deal.closedAt ?? 0,
    contractEnd: deal.contractEnd ?? NONE,
    renewalState: renewalStateOf(deal),
    ...handoffProjection(deal.handoff),
    createdAt: deal.createdAt,
    updatedAt: deal.updatedAt,
    version: deal.version,
    schemaVersion: 1,
    data: deal,
  };
}

/**
 * What the hourly scan queries (index by-handoff-sla: handoffState → handoffDueAt): hand-offs waiting
 * for the job by their next attempt, created ones not yet accepted by their acceptance deadline. A
 * breach, once found, moves to its own partition so the scan does not find it again.
 */
function handoffProjection(handoff: Handoff | null): { handoffState: string; handoffDueAt: number } {
  if (!handoff) return { handoffState: NONE, handoffDueAt: 0 };
  if (handoff.state === 'pending' || handoff.state === 'retrying') return { handoffState: handoff.state, handoffDueAt: handoff.nextAttemptAt ?? 0 };
  if (handoff.state === 'created') return { handoffState: handoff.breachedAt === null ? 'created' : 'breached', handoffDueAt: handoff.acceptDueAt };
  return { handoffState: handoff.state, handoffDueAt: 0 };
}

/** The entity record: the value whole in `data` (the other attributes are its index projections). */
const StoredDeal = z.object({ data: DealData });

export function fromEntity(value: unknown): Deal {
  const { data: deal } = StoredDeal.parse(value);
  return { ...deal, stageHistory: deal.stageHistory ?? [deal.stageId] };
}

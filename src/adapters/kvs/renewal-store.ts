import { FilterConditions, kvs, Sort, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { HealthWeightsSchema, RenewalSummarySchema, RetentionMetricsSchema, type RenewalSummaryRecord, type RetentionMetricsRecord } from '../../contracts/renewal';
import type { Deal } from '../../domain/deal';
import type { HealthWeights } from '../../domain/health';
import { DEFAULT_HEALTH_WEIGHTS } from '../../domain/health';
import type { RenewalSettings } from '../../domain/renewal';
import { DEFAULT_DAYS_BEFORE, DEFAULT_RENEWAL_SETTINGS } from '../../domain/renewal';
import { fromEntity } from './deal-entity';
import { type DealEntity } from '../../ports/deals';
import { readGuardRecord } from './guard-record';
import { type Versioned } from '../../ports/storage';
import { Entities, Keys } from './keys';
import { fillPage } from './paging';

/**
 * Renewal settings (per project), the site's health weights, the summaries the daily run computes,
 * and the deal queries renewals need: contracts waiting for their renewal (by-renewal) and a
 * project's open renewal deals by close date (by-outcome-close, filtered to renewals).
 */
const Settings = z.object({ enabled: z.boolean(), daysBefore: z.number().int(), targetProjectId: z.string().nullable() });

export function readRenewalSettings(projectId: string): Promise<Versioned<RenewalSettings>> {
  return readGuardRecord(Keys.renewalSettings(projectId), (data) => Settings.parse(data), DEFAULT_RENEWAL_SETTINGS);
}

const Horizons = z.record(z.string(), z.number().int());

export function readHorizons(): Promise<Versioned<Record<string, number>>> {
  return readGuardRecord(Keys.renewalHorizons(), (data) => Horizons.parse(data), {});
}

export function maxDaysBefore(horizons: Record<string, number>): number {
  return Math.max(DEFAULT_DAYS_BEFORE, ...Object.values(horizons));
}

export function readHealthWeights(): Promise<Versioned<HealthWeights>> {
  return readGuardRecord(Keys.healthWeights(), (data) => ({ ...DEFAULT_HEALTH_WEIGHTS, ...HealthWeightsSchema.partial().parse(data) }), DEFAULT_HEALTH_WEIGHTS);
}

// ------------------------------------------------------------------ computed summaries (KV, one read each)

export async function readRenewalSummary(projectId: string): Promise<RenewalSummaryRecord | null> {
  const parsed = RenewalSummarySchema.safeParse(await kvs.get(Keys.renewalSummary(projectId)));
  return parsed.success ? parsed.data : null;
}

export async function writeRenewalSummary(projectId: string, summary: RenewalSummaryRecord): Promise<void> {
  await kvs.set(Keys.renewalSummary(projectId), summary);
}

export async function readRetention(): Promise<RetentionMetricsRecord | null> {
  const parsed = RetentionMetricsSchema.safeParse(await kvs.get(Keys.retention()));
  return parsed.success ? parsed.data : null;
}

export async function writeRetention(value: RetentionMetricsRecord): Promise<void> {
  await kvs.set(Keys.retention(), value);
}

// ------------------------------------------------------------------ deal queries

/**
 * One page of contracts still waiting for their renewal whose contract ends in [from, to], in
 * end-date order. Entity queries may trail writes: callers read each contract by key before acting.
 */
export async function pendingContracts(from: string, to: string, limit: number, cursor?: string): Promise<{ deals: Deal[]; nextCursor: string | null }> {
  let query = kvs.entity<DealEntity>(Entities.deal).query().index('by-renewal', { partition: ['pending'] }).where(WhereConditions.between(from, to)).sort(Sort.ASC).limit(limit);
  if (cursor) query = query.cursor(cursor);
  const page = await query.getMany();
  return { deals: page.results.map((r) => fromEntity(r.value)), nextCursor: page.nextCursor ?? null };
}

/** A project's open renewal deals closing in [from, to], by close date. */
export async function openRenewals(projectId: string, from: string, to: string, limit: number, cursor?: string): Promise<{ deals: Deal[]; nextCursor: string | null }> {
  const page = await fillPage<DealEntity>(
    { entityName: Entities.deal, index: 'by-outcome-close', partition: [projectId, 'open'], where: WhereConditions.between(from, to), filters: [['dealType', FilterConditions.equalTo('renewal')]] },
    limit,
    cursor,
  );
  return { deals: page.values.map(fromEntity), nextCursor: page.nextCursor };
}


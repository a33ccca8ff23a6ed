import { Filter, FilterConditions, kvs } from '@forge/kvs';
import { z } from 'zod';
import { LeadSlaSettings, RoutingRulesSchema, ScoringRulesSchema } from '../../contracts/lead';
import { DEFAULT_BUSINESS_HOURS } from '../../domain/business-hours';
import { DEFAULT_ROUTING } from '../../domain/lead-routing';
import { DEFAULT_SCORING } from '../../domain/lead-scoring';
import type { Transaction } from '../../ports/storage';
import { Entities, Keys } from './keys';
import { createOnly } from './transactions';
import { WriteRefused } from '../../ports/failures';
import { guardEnvelope, parseStored } from './stored-record';
import type { LeadSettings, Turn, VersionedSettings } from '../../ports/leads';


export const DEFAULT_LEAD_SETTINGS: LeadSettings = { scoring: DEFAULT_SCORING, routing: DEFAULT_ROUTING, sla: { hours: 4, businessHours: DEFAULT_BUSINESS_HOURS } };

const Stored = z.object({ scoring: ScoringRulesSchema, routing: RoutingRulesSchema, sla: LeadSlaSettings });
const StoredSettings = guardEnvelope(z.literal('rollup'), Stored);
/** The round robin's turn; a record without one starts at the first person. */
const StoredTurn = guardEnvelope(z.literal('rollup'), z.object({ next: z.number().int().optional() }));

interface Guard<T> {
  kind: 'rollup';
  holderId: string;
  version: number;
  updatedAt: number;
  schemaVersion: number;
  data: T;
}


const guard = () => kvs.entity<Guard<unknown>>(Entities.guard);

function versionIs(version: number) {
  return new Filter<Guard<unknown>>().and('version', FilterConditions.equalTo(version));
}

export function parseLeadSettings(value: unknown): VersionedSettings {
  if (value === undefined) return { settings: DEFAULT_LEAD_SETTINGS, version: 0 };
  const stored = parseStored(StoredSettings, 'lead settings', Keys.leadSettings(), value);
  return { settings: stored.data, version: stored.version };
}

export async function readLeadSettings(): Promise<VersionedSettings> {
  return parseLeadSettings(await guard().get(Keys.leadSettings()));
}

/** Writes the settings if they are still at `expectedVersion` (a condition failure otherwise). */
export async function writeLeadSettings(settings: LeadSettings, expectedVersion: number, by: string, now: number): Promise<void> {
  const value: Guard<LeadSettings & { updatedBy: string }> = { kind: 'rollup', holderId: 'site', version: expectedVersion + 1, updatedAt: now, schemaVersion: 1, data: { ...settings, updatedBy: by } };
  // The first save creates the record (create-only: Forge documents no condition on an absent key).
  if (expectedVersion === 0) await createOnly(Keys.leadSettings(), value, Entities.guard);
  else await kvs.transact().set(Keys.leadSettings(), value, { entityName: Entities.guard, conditions: versionIs(expectedVersion) }).execute();
}


export function parseTurn(value: unknown): Turn {
  if (value === undefined) return { next: 0, version: 0 };
  const stored = parseStored(StoredTurn, 'round robin', Keys.leadRoundRobin(), value);
  return { next: stored.data.next ?? 0, version: stored.version };
}

/** The turn as read, or the round robin's record created at turn 0 when there is none yet (so a lead can be conditioned on it). */
export async function ensureTurn(read: Turn, now: number): Promise<Turn> {
  if (read.version > 0) return read;
  const first: Guard<{ next: number }> = { kind: 'rollup', holderId: 'round-robin', version: 1, updatedAt: now, schemaVersion: 1, data: { next: 0 } };
  await createOnly(Keys.leadRoundRobin(), first, Entities.guard).catch((error: unknown) => {
    if (!(error instanceof WriteRefused)) throw error;
  });
  return parseTurn(await guard().get(Keys.leadRoundRobin()));
}

/** Adds to `tx` the round robin moved past `used`, conditioned on the turn as read (it exists: see ensureTurn). */
export function takeTurn(tx: Transaction, read: Turn, used: number, now: number): Transaction {
  const value: Guard<{ next: number }> = { kind: 'rollup', holderId: 'round-robin', version: read.version + 1, updatedAt: now, schemaVersion: 1, data: { next: used + 1 } };
  return tx.set(Keys.leadRoundRobin(), value, { entityName: Entities.guard, conditions: versionIs(read.version) });
}

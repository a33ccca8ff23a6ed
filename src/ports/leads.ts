
import { z } from 'zod';
import type { Activity } from '../domain/activity';
import type { ActivityEntity } from './customers';
import type { BusinessHours } from '../domain/business-hours';
import type { Company } from '../domain/company';
import type { Contact } from '../domain/contact';
import type { FunnelCells, FunnelMonths } from '../domain/lead-funnel';
import type { RoutingRules } from '../domain/lead-routing';
import type { ScoringRules } from '../domain/lead-scoring';
/** Inbound leads: intake, routing and scoring settings, signing secrets and the monthly funnel. */

export interface LeadQuery {
  view: 'new' | 'unworked' | 'breached';
  ownerId?: string;
  /** 'new': leads created at or after this instant. */
  since: number;
  limit: number;
  cursor?: string;
}

/**
 * Storage for one inbound lead, in as few requests as the platform allows: the signature's replay
 * record taken first (create-only), one batch read of every guard the lead depends on (its e-mail's
 * and domain's claims, the lead settings and the round robin's turn), one batch read of the records
 * those name (the contact, the company) with the funnel shard, and one transaction that writes
 * everything or nothing.
 */
export interface IntakeGuards {
  emailHolder: string | undefined;
  domainHolder: string | undefined;
  settings: VersionedSettings;
  turn: Turn;
}

export interface IntakeRecords {
  contact: Contact | undefined;
  company: Company | undefined;
  shard: VersionedShard;
}

export interface IntakeWrite {
  before: Contact | null;
  after: Contact;
  /** A company created for the lead's domain (with its audit entry). */
  newCompany: { company: Company; activity: ActivityEntity } | null;
  activities: ActivityEntity[];
  replayDigest: string;
  /** The request's hold on its signature (see takeSignature). */
  replayToken: string;
  turn: { read: Turn; used: number } | null;
  funnel: { read: VersionedShard; cells: FunnelCells } | null;
  now: number;
}

/**
 * The site's lead settings (scoring rules, routing, response SLA with business hours) and the round
 * robin's next turn, as guard records: a save is conditioned on the version the admin read, and every
 * lead that takes a turn moves the counter in its own transaction, conditioned on the turn it read,
 * so two concurrent leads can never take the same turn.
 */
export interface LeadSettings {
  scoring: ScoringRules;
  routing: RoutingRules;
  sla: { hours: number; businessHours: BusinessHours };
}

export interface VersionedSettings {
  settings: LeadSettings;
  version: number;
}

export interface Turn {
  next: number;
  version: number;
}

/**
 * The inbound-lead signing secret. The secret itself lives in Forge's secret store (`kvs.setSecret`:
 * encrypted, never listed by queries, never in an export), with the one it replaced while its grace
 * period lasts. What the admin page shows about it — a fingerprint, who set it and when — is a guard
 * record whose version orders rotations: two admins rotating at once cannot both win.
 */
export const SecretValue = z.object({
  current: z.object({ value: z.string(), createdAt: z.number() }),
  previous: z.object({ value: z.string(), expiresAt: z.number() }).nullable(),
});

export type StoredSecret = z.infer<typeof SecretValue>;

export const PublicState = z.object({
  fingerprint: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  previous: z.object({ fingerprint: z.string(), expiresAt: z.number() }).nullable(),
});

export type SecretPublicState = z.infer<typeof PublicState>;

export interface VersionedShard {
  month: string;
  shard: number;
  version: number;
  cells: FunnelCells;
}

/**
 * Inbound lead intake (replay guard, routing turn, funnel) and lead conversions.
 * Implemented by adapters/kvs/lead-intake-store.ts, adapters/kvs/lead-store.ts.
 */
export interface LeadsPort {
  /** One transaction: the contact (conditioned on the version read; a new one has a fresh random id and
   * its e-mail reserved beforehand, see claims.ts), a new company (its domain reserved likewise), the
   * audit and task entries, the signature's record turned from pending to accepted (conditioned on this
   * request holding it), the round robin's turn and the funnel shard (both conditioned on the version read). */
  commitIntake(write: IntakeWrite): Promise<void>;
  /** Writes Relay makes to a lead by itself (its response SLA met or breached, the follow-up task
   * closed): the contact conditioned on the version read, its timeline entry, and the task conditioned
   * on its own version, in one transaction. */
  commitLeadChange(before: Contact, after: Contact, entries: ActivityEntity[], task: { before: Activity; after: Activity; } | null): Promise<void>;
  /** The earliest activity a person logged on a contact at or after `since` (notes, calls, meetings,
   * e-mails; tasks are plans, not answers), from the contact's timeline, by when it was logged. Reads
   * at most five pages of that person's entries (a lead's timeline is short). */
  firstActivityBy(contactId: string, actorId: string, since: number): Promise<number | null>;
  readIntakeGuards(email: string, domain: string | null, now: number): Promise<IntakeGuards>;
  /** The contact and company the claims name, and the funnel shard, in one request. */
  readIntakeRecords(contactId: string | undefined, companyId: string | undefined, month: string, shard: number): Promise<IntakeRecords>;
  /** Gives a signature back when its request stored nothing (conditioned: only this request's own hold). */
  releaseSignature(replayDigest: string, token: string): Promise<void>;
  /** Whether a signature's request was stored ('accepted'), is held by a request not (yet) stored ('pending'), or neither. */
  signatureState(replayDigest: string): Promise<"accepted" | "pending" | undefined>;
  /** Takes a signature for one request (create-only, so of two copies of a request sent at once exactly
   * one gets it). Refused (`WriteRefused`) when it was taken before: a replay. */
  takeSignature(replayDigest: string, token: string, now: number): Promise<void>;
}

/**
 * Lead scoring, routing and response-SLA settings, with the round-robin turn.
 * Implemented by adapters/kvs/lead-settings-store.ts.
 */
export interface LeadSettingsPort {
  /** The turn as read, or the round robin's record created at turn 0 when there is none yet (so a lead can be conditioned on it). */
  ensureTurn(read: Turn, now: number): Promise<Turn>;
  readLeadSettings(): Promise<VersionedSettings>;
  /** Writes the settings if they are still at `expectedVersion` (a condition failure otherwise). */
  writeLeadSettings(settings: LeadSettings, expectedVersion: number, by: string, now: number): Promise<void>;
}

/**
 * The inbound-lead signing secrets and their public state.
 * Implemented by adapters/kvs/lead-secret-store.ts.
 */
export interface LeadSecretsPort {
  fingerprintOf(secret: string): string;
  readSecretState(): Promise<{ state: SecretPublicState | null; version: number; }>;
  /** The secrets a signature may be made with now: the current one, and the previous until it expires. */
  readSigningSecrets(): Promise<StoredSecret | undefined>;
  /** Claims the rotation: the public state moves to the new secret if nobody rotated since `expectedVersion`. */
  writeSecretState(state: SecretPublicState, expectedVersion: number, now: number): Promise<void>;
  writeSigningSecrets(secrets: StoredSecret): Promise<void>;
}

/**
 * Monthly lead funnel counts, sharded so concurrent intakes rarely meet.
 * Implemented by adapters/kvs/funnel-store.ts.
 */
export interface FunnelPort {
  /** A shard a write can be conditioned on: `read` itself when it exists; else created empty first
   * (create-only, since Forge documents no condition on an absent key; a writer that loses that race
   * reads the winner's) and read back. */
  ensureFunnelShard(read: VersionedShard, now: number): Promise<VersionedShard>;
  funnelShardOf(contactId: string): number;
  /** Every shard of the months asked for, summed per month (25 keys per request). */
  readFunnelMonths(months: string[]): Promise<FunnelMonths>;
  /** A shard as stored (version 0: none yet). */
  readFunnelShard(month: string, shard: number): Promise<VersionedShard>;
}

import type { Account, ArrMovement, LedgerEntry } from '../domain/arr';
import type { Deal } from '../domain/deal';
import type { HealthWeights } from '../domain/health';
import type { RenewalSettings } from '../domain/renewal';
import type { RenewalSummaryRecord, RetentionMetricsRecord } from '../contracts/renewal';
import type { TxStep, Versioned } from './storage';
/** Renewals and derived ARR. */

/**
 * Derived ARR accounts and movements per company.
 * Implemented by adapters/kvs/arr-store.ts.
 */
export interface ArrPort {
  /** Writes `next` in a transaction if the stored account is still at `read.version` (which must exist). */
  accountStep(read: Account, next: Account, now: number): TxStep;
  /** Makes sure a company's account exists (version 1, empty) with a create-only write, so later
   * writes are conditioned on a record that exists: a transaction never relies on a condition on an
   * absent key, which Forge does not document. Another writer creating it first is fine. */
  ensureAccount(account: Account, now: number): Promise<Account>;
  /** The writes that turn a deal's stored movements (as its companies' ledgers list them) into its
   * current ones: gone ones deleted, new or changed ones written, unchanged ones left alone. */
  movementSteps(stored: readonly LedgerEntry[], after: readonly ArrMovement[]): TxStep[];
  /** Movements effective in [from, to] (epoch ms), site-wide, oldest first, page by page. */
  movementsBetween(from: number, to: number): AsyncGenerator<ArrMovement[]>;
  /** A project's movements effective in [from, to], newest first (at most `limit`). */
  projectMovements(projectId: string, from: number, to: number, limit: number): Promise<ArrMovement[]>;
  /** A company's account (version 0, empty, when none is stored yet). */
  readAccount(companyId: string): Promise<Account>;
  /** Several accounts, 25 per request; companies without one get an empty account. */
  readAccounts(companyIds: readonly string[]): Promise<Map<string, Account>>;
  /** Writes an account alone (last activity), conditioned on the version read. */
  writeAccount(read: Account, next: Account, now: number): Promise<void>;
}

/**
 * Renewal settings, contracts due, open renewals, summaries and retention figures.
 * Implemented by adapters/kvs/renewal-store.ts.
 */
export interface RenewalsPort {
  /** Every project's days-before that differs from the default, so the scan knows how far ahead to look. */
  maxDaysBefore(horizons: Record<string, number>): number;
  /** A project's open renewal deals closing in [from, to], by close date. */
  openRenewals(projectId: string, from: string, to: string, limit: number, cursor?: string): Promise<{ deals: Deal[]; nextCursor: string | null; }>;
  /** One page of contracts still waiting for their renewal whose contract ends in [from, to], in
   * end-date order. Entity queries may trail writes: callers read each contract by key before acting. */
  pendingContracts(from: string, to: string, limit: number, cursor?: string): Promise<{ deals: Deal[]; nextCursor: string | null; }>;
  readHealthWeights(): Promise<Versioned<HealthWeights>>;
  readHorizons(): Promise<Versioned<Record<string, number>>>;
  readRenewalSettings(projectId: string): Promise<Versioned<RenewalSettings>>;
  readRenewalSummary(projectId: string): Promise<RenewalSummaryRecord | null>;
  readRetention(): Promise<RetentionMetricsRecord | null>;
  writeRenewalSummary(projectId: string, summary: RenewalSummaryRecord): Promise<void>;
  writeRetention(value: RetentionMetricsRecord): Promise<void>;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ManualClock } from '../../../sandbox/platform/types';
import type { KvsServiceOptions } from '../../../sandbox/kvs/kvs-service';
import { KvsService, entitiesFromManifest } from '../../../sandbox/kvs/kvs-service';
import { ForgePlatform, installForgeGlobals } from '../../../sandbox/runtime/platform';
import type { InvocationRecord } from '../../../sandbox/runtime/invocation';
import { NoJira } from '../../support/no-jira';

/** The custom entities of the real manifest.yml, as Forge would deploy them. */
export const manifestEntities = entitiesFromManifest(parse(readFileSync(path.resolve(__dirname, '../../../manifest.yml'), 'utf8')));

export interface Storage {
  clock: ManualClock;
  service: KvsService;
  platform: ForgePlatform;
  /** Runs `fn` as one Forge invocation (the real SDK needs one) and gives its result. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs set-up work whose storage requests spend no quota (the platform's meters are on). */
  seed<T>(fn: () => Promise<T>): Promise<T>;
  /** Same, also giving the invocation's cost record. */
  runRecorded<T>(fn: () => Promise<T>): Promise<{ result: T; record: InvocationRecord }>;
}

/** A fresh storage service behind a Forge platform whose globals the real @forge/kvs reaches. */
export function startStorage(options: Partial<KvsServiceOptions> = {}): Storage {
  const clock = new ManualClock();
  const service = new KvsService({ entities: manifestEntities, clock, ...options });
  const platform = new ForgePlatform(service, new NoJira(), clock);
  installForgeGlobals(platform);
  const runRecorded = <T>(fn: () => Promise<T>) => platform.runInvocation({ functionKey: 'kvs-test', moduleKey: 'kvs-test', kind: 'script', timeoutMs: 20_000 }, fn);
  const seed = async <T>(fn: () => Promise<T>) => (await platform.runInvocation({ functionKey: 'kvs-seed', moduleKey: 'kvs-test', kind: 'script', timeoutMs: 20_000, metered: false }, fn)).result;
  return { clock, service, platform, runRecorded, seed, run: async (fn) => (await runRecorded(fn)).result };
}

/** The promise's rejection, for asserting on ForgeKvsAPIError's code, status and context. */
export async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string; context: Record<string, unknown>; responseDetails: { status: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; context: Record<string, unknown>; responseDetails: { status: number } };
  }
  throw new Error('Expected the storage call to fail, and it succeeded');
}

export interface DealAttributes {
  id: string;
  projectId: string;
  status: string;
  name: string;
  nameLower: string;
  ownerId: string;
  stageId: string;
  position: string;
  outcome: string;
  amountMinor: number;
  closeDate: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  schemaVersion: number;
  recurring?: boolean;
  data?: unknown;
  [attribute: string]: unknown;
}

/** A valid deal entity; tests override what they care about. */
export function aDeal(overrides: Partial<DealAttributes> = {}): DealAttributes {
  const id = overrides.id ?? 'd1';
  return {
    id,
    projectId: '10000',
    status: 'active',
    name: `Deal ${id}`,
    nameLower: `deal ${id}`,
    ownerId: 'owner-a',
    stageId: 'qualify',
    position: 'a0',
    outcome: 'open',
    amountMinor: 100_000,
    closeDate: '2026-12-01',
    createdAt: 1_790_000_000_000,
    updatedAt: 1_790_000_000_000,
    version: 1,
    schemaVersion: 1,
    data: { notes: '' },
    ...overrides,
  };
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { CriticalPath } from './latency';
import { emptyPath } from './latency';

/**
 * What one invocation cost, counted where the SDK meets the platform. Benchmarks and tests read
 * these; the figures are per invocation, as Forge meters them.
 */
export interface InvocationCost {
  storageRequests: number;
  readUnits: number;
  writeUnits: number;
  /** Storage requests per API path, e.g. `/api/v1/entity/query`. */
  storageByOperation: Record<string, number>;
  jiraRequests: number;
  /** Jira requests as `METHOD /rest/path` without query strings. */
  jiraByRoute: Record<string, number>;
  queuePushes: number;
  /** Requests the platform refused with 429 (storage, queue) or Jira answered 429. */
  rateLimited: number;
  /** Sequential round trips and modelled production time of the invocation's own requests (latency.ts). */
  critical: CriticalPath;
  elapsedMs: number;
}

export interface InvocationRecord {
  id: string;
  functionKey: string;
  moduleKey: string;
  kind: InvocationKind;
  accountId: string | undefined;
  startedAt: number;
  outcome: 'running' | 'ok' | 'error' | 'timeout';
  error?: string;
  cost: InvocationCost;
}

export type InvocationKind = 'resolver' | 'trigger' | 'scheduled' | 'webtrigger' | 'consumer' | 'script';

/** The per-invocation object the real SDK reads as `global.__forge_runtime__`. */
export interface ForgeRuntime {
  appContext: {
    appId: string;
    appVersion: string;
    environmentId: string;
    environmentType: string;
    installationId: string;
    invocationId: string;
    moduleKey: string;
    functionKey: string;
    license: Record<string, unknown> | undefined;
    installation: Record<string, unknown> | undefined;
    permissions: { scopes: string[]; external: Record<string, unknown> };
  };
  contextAri: string;
  aaid: string | undefined;
  /** Where the deployed code lies; @forge/api reads the translation resources from its `__LOCALES__`. */
  container: { appCodeDir: string | undefined };
  lambdaContext: { getRemainingTimeInMillis(): number };
  tracing: { traceId: string; spanId: string };
  proxy: { token: string; url: string };
  metrics: {
    counter(name: string, tags?: Record<string, string>): { incr(): void; decr(): void };
    timing(name: string, tags?: Record<string, string>): { measure(): { stop(): void } };
    gauge(name: string, tags?: Record<string, string>): { set(value: number): void };
  };
}

export interface InvocationScope {
  runtime: ForgeRuntime;
  record: InvocationRecord;
  deadline: number;
  /** False for the sandbox's own set-up scripts, whose requests spend no quota. */
  metered: boolean;
}

const storage = new AsyncLocalStorage<InvocationScope>();

export function currentInvocation(): InvocationScope | undefined {
  return storage.getStore();
}

export function runInScope<T>(scope: InvocationScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

export function emptyCost(): InvocationCost {
  return { storageRequests: 0, readUnits: 0, writeUnits: 0, storageByOperation: {}, jiraRequests: 0, jiraByRoute: {}, queuePushes: 0, rateLimited: 0, critical: emptyPath(), elapsedMs: 0 };
}

const noopMetrics: ForgeRuntime['metrics'] = {
  counter: () => ({ incr() {}, decr() {} }),
  timing: () => ({ measure: () => ({ stop() {} }) }),
  gauge: () => ({ set() {} }),
};

export interface AppIdentity {
  appId: string;
  environmentId: string;
  environmentType: string;
  appVersion: string;
  installationId: string;
  cloudId: string;
  scopes: string[];
}

export function buildRuntime(
  app: AppIdentity,
  opts: { functionKey: string; moduleKey: string; accountId: string | undefined; deadline: number; now: () => number; license?: Record<string, unknown> | undefined; appCodeDir?: string | undefined },
): ForgeRuntime {
  return {
    appContext: {
      appId: app.appId,
      appVersion: app.appVersion,
      environmentId: app.environmentId,
      environmentType: app.environmentType,
      installationId: app.installationId,
      invocationId: randomUUID(),
      moduleKey: opts.moduleKey,
      functionKey: opts.functionKey,
      license: opts.license ? { ...opts.license } : undefined,
      installation: { id: app.installationId },
      permissions: { scopes: app.scopes, external: {} },
    },
    contextAri: `ari:cloud:jira::site/${app.cloudId}`,
    aaid: opts.accountId,
    container: { appCodeDir: opts.appCodeDir },
    // Real time, not the sandbox clock: the limit is about how long the code runs.
    lambdaContext: { getRemainingTimeInMillis: () => Math.max(0, opts.deadline - Date.now()) },
    tracing: { traceId: randomUUID().replace(/-/g, ''), spanId: randomUUID().slice(0, 16) },
    proxy: { token: 'sandbox', url: 'http://sandbox.invalid' },
    metrics: noopMetrics,
  };
}

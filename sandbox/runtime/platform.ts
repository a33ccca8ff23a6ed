import { randomUUID } from 'node:crypto';
import type { Clock, JiraCaller, JiraServiceApi, KvsServiceApi, ServiceResponse } from '../platform/types';
import { FaultInjector, type FaultRule } from './faults';
import type { LatencyModel, PathTarget } from './latency';
import { extendPath, latencyOf, PRODUCTION_LATENCY } from './latency';
import type { PlatformLimits } from './meters';
import { FORGE_LIMITS, PlatformMeters } from './meters';
import type { AppIdentity, InvocationKind, InvocationRecord, InvocationScope } from './invocation';
import { buildRuntime, currentInvocation, emptyCost, runInScope } from './invocation';
import { Licensing } from './license';

/** Where the SDK sends a request, as it passes it to `global.__forge_fetch__`. */
export interface FetchTarget {
  type: string;
  provider?: 'app' | 'user' | 'none';
  remote?: string;
  accountId?: string;
}

/** A message pushed with `@forge/events`: what the consumer's handler will receive. */
export interface QueuedPush {
  queueName: string;
  jobId: string;
  payload: unknown[];
  pushedAt: number;
  /** Delay in seconds asked for by the pusher (0..900). */
  delayInSeconds: number;
}

export interface InvocationOptions {
  functionKey: string;
  moduleKey: string;
  kind: InvocationKind;
  accountId?: string;
  /** Real-time limit for the invocation, in milliseconds (Forge: 25 s resolvers, 55 s triggers, up to 900 s). */
  timeoutMs: number;
  /**
   * False for the sandbox's own set-up work (the bench seeding 100,000 deals straight into storage):
   * its requests spend no quota. App invocations are always metered.
   */
  metered?: boolean;
}

export interface PlatformOptions {
  /** The quotas to meter (default: Forge's, `FORGE_LIMITS`), some of them changed, or false for none. */
  limits?: Partial<PlatformLimits> | false;
  /** The latency model (default: `PRODUCTION_LATENCY`, counted, not waited). */
  latency?: Partial<LatencyModel>;
}

/** Forge refused to start an invocation: the installation (or the user) is over its invocation rate. */
export class InvocationRateLimitError extends Error {
  constructor(readonly quota: string, readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded: ${quota}; retry after ${retryAfterSeconds} s`);
    this.name = 'InvocationRateLimitError';
  }
}

export class InvocationTimeoutError extends Error {
  constructor(readonly functionKey: string, readonly timeoutMs: number) {
    super(`Invocation of '${functionKey}' exceeded its ${timeoutMs / 1000} s limit`);
    this.name = 'InvocationTimeoutError';
  }
}

export const DEFAULT_APP: AppIdentity = {
  appId: '5b7f0c1e-4a0d-4c55-9d7e-2f1c0a6e9b31',
  environmentId: '0f6c4a10-9a5e-4b1e-8d59-4c3f3f1c7d10',
  environmentType: 'DEVELOPMENT',
  appVersion: '1.0.0',
  installationId: '7a0e5d6b-2f4c-4f0e-9a53-6f7f3d3e1a22',
  cloudId: 'a1b2c3d4-0000-4000-8000-00000000c10d',
  scopes: ['storage:app', 'read:jira-work', 'write:jira-work', 'read:jira-user'],
};

/** The account id Jira knows the app by; events caused by asApp() calls carry it. */
export const APP_ACCOUNT_ID = '557058:relay-app-account';

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

function toResponse(answer: ServiceResponse): Response {
  const noBody = answer.status === 204 || answer.status === 304 || answer.body === undefined;
  return new Response(noBody ? null : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json', ...(answer.headers ?? {}) },
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Forge platform as the real SDK sees it: one installation of Relay on one Jira site. It owns
 * the storage and Jira services, answers `__forge_fetch__`, keeps per-invocation runtimes and cost
 * records, and injects faults. The runtime host (host.ts) adds the manifest and the app's handlers.
 */
export class ForgePlatform {
  readonly faults = new FaultInjector();
  readonly invocations: InvocationRecord[] = [];
  /** The site's license for the app (license.ts); createSandbox sets it from the manifest. */
  licensing = new Licensing(false);
  /** Sandbox-clock time from which the app's scopes are in effect (lifecycle.ts: they can trail the installed event). */
  private scopesFrom = 0;
  /** False while the app is uninstalled: nothing of it runs (lifecycle.ts). */
  installed = true;
  /** The installation's quotas (meters.ts); undefined when metering is switched off. */
  meters: PlatformMeters | undefined;
  /** Per-request latencies: always counted on each invocation's critical path, waited only when `real`. */
  readonly latency: LatencyModel;
  private readonly pushListeners: Array<(push: QueuedPush) => void> = [];
  /** The deployed code's directory (manifest.ts `deployTranslations`): where the runtime finds `__LOCALES__`. */
  appCodeDir: string | undefined;
  /** The URL of a web trigger module of this app (the host knows the manifest and the public address). */
  webTriggerUrl: (moduleKey: string) => string | undefined = () => undefined;

  constructor(
    readonly kvs: KvsServiceApi,
    readonly jira: JiraServiceApi,
    readonly clock: Clock,
    readonly app: AppIdentity = { ...DEFAULT_APP, scopes: [...DEFAULT_APP.scopes] },
    options: PlatformOptions = {},
  ) {
    this.meters = options.limits === false ? undefined : new PlatformMeters(clock, { ...FORGE_LIMITS, ...(options.limits ?? {}) });
    this.latency = { ...PRODUCTION_LATENCY, real: false, ...(options.latency ?? {}) };
  }

  /**
   * Meters from now on with these quotas (Forge's for any not given), windows and refusals starting
   * empty; `false` stops metering. For tests that set a site up and then make one quota tiny.
   */
  setLimits(limits: Partial<PlatformLimits> | false): void {
    this.meters = limits === false ? undefined : new PlatformMeters(this.clock, { ...FORGE_LIMITS, ...limits });
  }

  /** The app's permissions (scopes) take effect at `at` on the sandbox clock; until then its Jira and storage requests are refused. */
  grantScopesAt(at: number): void {
    this.scopesFrom = at;
  }

  private scopesPending(target: FetchTarget): Response | undefined {
    if (this.clock.now() >= this.scopesFrom) return undefined;
    if (target.type === 'kvs') return json(403, { code: 'FORBIDDEN', message: 'The app has not been granted storage:app on this installation yet.' });
    if (target.type === 'fpp' && target.remote !== 'stargate') return json(401, { code: 401, message: 'Unauthorized; scope does not match' });
    return undefined;
  }

  onQueuePush(listener: (push: QueuedPush) => void): void {
    this.pushListeners.push(listener);
  }

  /** Runs `fn` as one Forge invocation: its own runtime, cost record and time limit. */
  async runInvocation<T>(options: InvocationOptions, fn: () => Promise<T>): Promise<{ result: T; record: InvocationRecord }> {
    if (!this.installed) throw new Error('Relay is not installed on this site: nothing of it runs');
    const metered = options.metered !== false;
    // The sandbox's own scripts (tests, bench seeding) are not app invocations: only their requests count.
    if (metered && options.kind !== 'script' && this.meters) {
      const refusal = this.meters.checkInvocation(options.accountId);
      if (refusal) throw new InvocationRateLimitError(refusal.quota, refusal.retryAfterSeconds);
    }
    if (this.latency.real && this.latency.invocationMs > 0 && options.kind !== 'script') await sleep(this.latency.invocationMs);
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const record: InvocationRecord = {
      id: randomUUID(),
      functionKey: options.functionKey,
      moduleKey: options.moduleKey,
      kind: options.kind,
      accountId: options.accountId,
      startedAt: this.clock.now(),
      outcome: 'running',
      cost: emptyCost(),
    };
    this.invocations.push(record);
    if (this.invocations.length > 5000) this.invocations.splice(0, this.invocations.length - 5000);
    const scope: InvocationScope = {
      runtime: buildRuntime(this.app, { functionKey: options.functionKey, moduleKey: options.moduleKey, accountId: options.accountId, deadline, now: () => this.clock.now(), license: this.licensing.backend() as Record<string, unknown> | undefined, appCodeDir: this.appCodeDir }),
      record,
      deadline,
      metered,
    };
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new InvocationTimeoutError(options.functionKey, options.timeoutMs)), options.timeoutMs);
      timer.unref?.();
    });
    try {
      const result = await Promise.race([runInScope(scope, fn), limit]);
      record.outcome = 'ok';
      return { result, record };
    } catch (error) {
      record.outcome = error instanceof InvocationTimeoutError ? 'timeout' : 'error';
      record.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      clearTimeout(timer);
      record.cost.elapsedMs = Date.now() - started;
    }
  }

  /** `global.__forge_fetch__`: every request the SDK makes to the platform arrives here. */
  async fetch(target: FetchTarget, path: string, init: RequestInit = {}): Promise<Response> {
    const scope = currentInvocation();
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? init.body : init.body == null ? undefined : String(init.body);
    const refused = this.scopesPending(target);
    if (refused) return refused;
    if (target.type === 'kvs') return this.timed(scope, 'kvs', () => this.fetchKvs(scope, path, body));
    if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/')) return this.timed(scope, 'queue', () => this.fetchQueue(scope, path, body));
    if (target.type === 'fpp' && target.remote === 'stargate' && path === '/graphql') return this.fetchGraphql(body);
    if (target.type === 'fpp' && (target.remote === 'jira' || target.remote === undefined)) {
      const caller = this.callerFor(target, scope);
      if (!caller) return json(401, { code: 'NEEDS_AUTHENTICATION', message: 'asUser() needs a user; this invocation has none.' }, { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' });
      return this.timed(scope, 'jira', () => this.fetchJira(scope, method, path, init, body, caller));
    }
    return json(404, { code: 'NOT_FOUND', message: `The sandbox does not serve ${target.type}/${target.remote ?? ''} ${path}` });
  }

  /**
   * Forge's GraphQL gateway, for the one operation Relay uses: `webTrigger.getUrl` (the
   * createWebTriggerUrl mutation, @forge/api's webTrigger.js). A key the manifest does not declare
   * gets a GraphQL error, as the platform answers for an unknown trigger.
   */
  private fetchGraphql(body: string | undefined): Response {
    let request: { query?: unknown; variables?: { input?: { triggerKey?: unknown } } };
    try {
      request = JSON.parse(body ?? '{}') as typeof request;
    } catch {
      return json(400, { errors: [{ message: 'The request body is not JSON' }] });
    }
    if (typeof request.query === 'string' && request.query.includes('createWebTriggerUrl')) {
      const key = request.variables?.input?.triggerKey;
      const url = typeof key === 'string' ? this.webTriggerUrl(key) : undefined;
      if (!url) return json(200, { data: { createWebTriggerUrl: null }, errors: [{ message: `No web trigger module '${String(key)}' in this app` }] });
      return json(200, { data: { createWebTriggerUrl: { url } } });
    }
    return json(200, { errors: [{ message: 'The sandbox serves only the createWebTriggerUrl mutation of the GraphQL gateway' }] });
  }

  /** Puts a request on the invocation's critical path (latency.ts), waiting its latency when the model is real. */
  private async timed(scope: InvocationScope | undefined, target: PathTarget, send: () => Promise<Response>): Promise<Response> {
    const issuedAt = scope ? { ...scope.record.cost.critical } : undefined;
    const latencyMs = latencyOf(this.latency, target);
    const [response] = await Promise.all([send(), this.latency.real && latencyMs > 0 ? sleep(latencyMs) : undefined]);
    if (scope && issuedAt) scope.record.cost.critical = extendPath(scope.record.cost.critical, issuedAt, target, latencyMs);
    return response;
  }

  private callerFor(target: FetchTarget, scope: InvocationScope | undefined): JiraCaller | undefined {
    if (target.provider !== 'user') return { kind: 'app' };
    const accountId = target.accountId ?? scope?.record.accountId;
    return accountId ? { kind: 'user', accountId } : undefined;
  }

  private async applyFault(target: 'jira' | 'kvs' | 'queue', method: string, path: string): Promise<Response | undefined> {
    const rule = this.faults.take(target, method, path);
    if (!rule) return undefined;
    if (rule.delayMs) await sleep(rule.delayMs);
    if (rule.status === undefined || rule.afterService) return undefined;
    return faultAnswer(rule);
  }

  /** A rule with `afterService` lets the service act, then loses its answer: the caller sees the fault. */
  private lostAnswer(target: 'jira' | 'kvs', method: string, path: string): Response | undefined {
    const rule = this.faults.take(target, method, path, true);
    return rule?.status === undefined ? undefined : faultAnswer(rule);
  }

  private async fetchKvs(scope: InvocationScope | undefined, path: string, body: string | undefined): Promise<Response> {
    if (scope) {
      scope.record.cost.storageRequests += 1;
      scope.record.cost.storageByOperation[path] = (scope.record.cost.storageByOperation[path] ?? 0) + 1;
    }
    const fault = await this.applyFault('kvs', 'POST', path);
    if (fault) return fault;
    const meters = scope?.metered === false ? undefined : this.meters;
    const refusal = meters?.checkKvs(path.endsWith('/transaction') ? 'both' : /\/(get|query)$/.test(path) ? 'read' : 'write');
    if (refusal) {
      if (scope) scope.record.cost.rateLimited += 1;
      return json(429, { code: 'RATE_LIMIT_EXCEEDED', message: `Rate limit exceeded (${refusal.quota}). Slow down and try again later.` });
    }
    let parsed: unknown;
    try {
      parsed = body === undefined ? undefined : JSON.parse(body);
    } catch {
      return json(400, { code: 'INVALID_REQUEST', message: 'Request body is not valid JSON' });
    }
    const answer = this.kvs.handle(path, parsed);
    meters?.spendKvs(answer.units);
    if (scope) {
      scope.record.cost.readUnits += answer.units.read;
      scope.record.cost.writeUnits += answer.units.write;
    }
    return this.lostAnswer('kvs', 'POST', path) ?? toResponse(answer);
  }

  private async fetchJira(scope: InvocationScope | undefined, method: string, path: string, init: RequestInit, body: string | undefined, caller: JiraCaller): Promise<Response> {
    const route = `${method} ${path.split('?')[0]}`;
    if (scope) {
      scope.record.cost.jiraRequests += 1;
      scope.record.cost.jiraByRoute[route] = (scope.record.cost.jiraByRoute[route] ?? 0) + 1;
    }
    const fault = await this.applyFault('jira', method, path);
    if (fault) return fault;
    const headers: Record<string, string> = {};
    new Headers(init.headers as HeadersInit | undefined).forEach((value, key) => {
      headers[key] = value;
    });
    const answer = await this.jira.handle({ method, path, headers, ...(body === undefined ? {} : { body }), caller });
    if (scope && answer.status === 429) scope.record.cost.rateLimited += 1;
    return this.lostAnswer('jira', method, path) ?? toResponse(answer);
  }

  private async fetchQueue(scope: InvocationScope | undefined, path: string, body: string | undefined): Promise<Response> {
    const fault = await this.applyFault('queue', 'POST', path);
    if (fault) return fault;
    if (!path.startsWith('/webhook/queue/publish/')) return json(404, { code: 'NOT_FOUND', message: `Queue operation ${path} is not served by the sandbox` });
    const request = JSON.parse(body ?? '{}') as { queueName: string; jobId: string; payload: Array<{ body?: unknown; delayInSeconds?: number }> };
    if (scope) scope.record.cost.queuePushes += 1;
    const refusal = scope?.metered === false ? undefined : this.meters?.checkQueuePush();
    if (refusal) {
      if (scope) scope.record.cost.rateLimited += 1;
      return json(429, { errorMessage: `Rate limit exceeded (${refusal.quota})` }, { 'retry-after': String(refusal.retryAfterSeconds) });
    }
    if (Buffer.byteLength(body ?? '', 'utf8') > 200 * 1024) return json(413, { errorMessage: 'The push exceeds 200 KB' });
    if (request.payload.length > 50) return json(413, { errorMessage: 'A push carries at most 50 events' });
    const delayInSeconds = Math.max(0, ...request.payload.map((e) => Number(e.delayInSeconds ?? 0)));
    const push: QueuedPush = { queueName: request.queueName, jobId: request.jobId, payload: request.payload, pushedAt: this.clock.now(), delayInSeconds };
    for (const listener of this.pushListeners) listener(push);
    return json(201, {});
  }
}

function faultAnswer(rule: FaultRule): Response {
  const status = rule.status ?? 500;
  return json(status, rule.body ?? { code: status === 429 ? 'RATE_LIMIT_EXCEEDED' : 'SANDBOX_FAULT', message: `Injected fault ${status}` }, rule.headers ?? {});
}

/** Installs the globals the real SDK reaches the platform through. One platform per process at a time. */
export function installForgeGlobals(platform: ForgePlatform): void {
  const g = globalThis as Record<string, unknown>;
  g.__forge_fetch__ = (target: FetchTarget, path: string, init?: RequestInit) => platform.fetch(target, path, init);
  Object.defineProperty(globalThis, '__forge_runtime__', {
    configurable: true,
    get: () => currentInvocation()?.runtime,
  });
}

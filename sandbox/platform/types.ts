/**
 * The seams between the sandbox's parts. The runtime host (sandbox/runtime) installs the globals the
 * real @forge/* SDK calls (`__forge_fetch__`, `__forge_runtime__`) and routes each request to a
 * service below; the services know nothing of invocations, counters or faults.
 */

/** Milliseconds since the epoch. Tests pass a settable clock; `npm start` uses the wall clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A settable clock for tests: time moves only when told to. */
export class ManualClock implements Clock {
  constructor(private current = Date.parse('2026-11-02T09:00:00.000Z')) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The wall clock, which a test can move forward: what a browser test needs when the app queues work
 * for later (a paced import's next run) and the test should not wait the real minutes.
 */
export class OffsetClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  advance(ms: number): void {
    this.offset += ms;
  }
}

/** A service's answer. `body` is JSON-serialisable (or a string sent as is); no body means an empty response. */
export interface ServiceResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** KVS read and write units a request consumed (each unit covers up to 10 KB, as Forge documents). */
export interface StorageUnits {
  read: number;
  write: number;
}

export interface KvsResponse extends ServiceResponse {
  units: StorageUnits;
}

/** Custom entity definitions as they stand in manifest.yml under app.storage.entities. */
export type EntityIndexDefinition = string | { name: string; range: string[]; partition?: string[] };
export interface EntityDefinition {
  name: string;
  attributes: Record<string, { type: 'string' | 'boolean' | 'float' | 'integer' | 'any' }>;
  indexes?: EntityIndexDefinition[];
}

/** The storage service behind `@forge/kvs` (POST /api/v1/...). One instance is one installation's storage. */
export interface KvsServiceApi {
  handle(path: string, body: unknown): KvsResponse;
  /** A JSON-serialisable copy of everything stored, for the `npm start` data file. */
  exportState(): unknown;
  importState(state: unknown): void;
  reset(): void;
}

/** Who a Jira REST call is made as: `api.asApp()` or `api.asUser()` (with the invoking user's account). */
export type JiraCaller = { kind: 'app' } | { kind: 'user'; accountId: string };

export interface JiraRequest {
  method: string;
  /** The REST path with its query string, e.g. `/rest/api/3/issue/DEL-1?fields=summary`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  caller: JiraCaller;
  /** The platform's own lookups (building a surface's context): not the app's requests, so never rate limited. */
  internal?: boolean;
}

/** An issue event as Forge delivers it to a `trigger` module. */
export interface JiraIssueEvent {
  eventType: 'avi:jira:created:issue' | 'avi:jira:updated:issue' | 'avi:jira:deleted:issue';
  /** The account that caused the event; the app's own account for changes made with asApp(). */
  atlassianId: string;
  /** Milliseconds since the epoch when the change happened in Jira. */
  timestamp: number;
  issue: { id: string; key: string; fields: Record<string, unknown> };
  changelog?: { id: string; items: Array<{ field: string; fieldId: string; from: string | null; fromString: string | null; to: string | null; toString: string | null }> };
}

/** The Jira Cloud service behind `requestJira`. */
export interface JiraServiceApi {
  handle(request: JiraRequest): Promise<ServiceResponse>;
  /** Issue events go to whoever subscribes (the runtime host delivers them to `trigger` modules). */
  onIssueEvent(listener: (event: JiraIssueEvent) => void): () => void;
  exportState(): unknown;
  importState(state: unknown): void;
  reset(): void;
}

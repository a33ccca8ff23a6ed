import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { JiraIssueEvent } from '../platform/types';
import type { AppManifest } from './manifest';
import { resolveText } from './manifest';
import type { ForgePlatform, QueuedPush } from './platform';
import { APP_ACCOUNT_ID } from './platform';
import { AppLifecycle } from './lifecycle';

type Handler = (event: unknown, context: unknown) => unknown;

/** Which surface is asking, as whom, and where in Jira it is shown. */
export interface SurfaceTarget {
  moduleKey: string;
  accountId: string;
  projectKey?: string;
  issueKey?: string;
  gadget?: { id: string; dashboardId: string; configuration: Record<string, unknown> };
  entryPoint?: 'edit';
  route?: string;
}

export interface ModuleInfo {
  type: string;
  key: string;
  title: string;
  render: 'native' | 'default';
  resourceKey: string;
  entry?: string;
  resourcePath: string;
  editEntry?: string;
  pages?: Array<{ route: string; title: string }>;
  resolverFunction?: string;
  /** `jira:adminPage` only: Jira links it as the app's Get started page (Manage apps), not in the sidebar. */
  useAsGetStarted?: boolean;
}

/** A queued event waiting for (re)delivery to its consumer. */
interface PendingDelivery {
  push: QueuedPush;
  event: Record<string, unknown>;
  dueAt: number;
  retryCount: number;
}

export interface DeadLetter {
  queueName: string;
  body: unknown;
  retryCount: number;
  reason: string;
}

/** How issue events reach triggers: Forge may deliver late (up to minutes) and more than once. */
export interface EventDeliveryOptions {
  /** Real milliseconds before an event is delivered. */
  delayMs: number;
  /** Deliver every event twice. */
  duplicate: boolean;
  /** Hold events and deliver them newest first when `settle()` is called. */
  reverseOrder: boolean;
}

const RESOLVER_TIMEOUT_MS = 25_000;
const DEFAULT_FUNCTION_TIMEOUT_S = 55;
const MAX_INVOKE_REQUEST = 500 * 1024;
const MAX_INVOKE_RESPONSE = 5 * 1024 * 1024;
/** Assumed from the async events docs: an event is retried at most four times, then dropped. */
export const MAX_QUEUE_RETRIES = 4;

const INTERVAL_MS: Record<string, number> = { fiveMinute: 300_000, hour: 3_600_000, day: 86_400_000, week: 604_800_000 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The Forge runtime for one installed app: reads the manifest, loads the app's handlers from src/
 * and calls them the way Forge does, with the platform's per-invocation runtime, limits and cost
 * records. Issue events from the Jira service reach `trigger` modules, queue pushes reach the
 * `consumer`, scheduled triggers run on demand (and on a clock in `npm start`), web triggers get a URL.
 */
export class ForgeHost {
  readonly deadLetters: DeadLetter[] = [];
  readonly eventDelivery: EventDeliveryOptions = { delayMs: 0, duplicate: false, reverseOrder: false };
  /** Base URL the web triggers are served under (the shell server sets it). */
  publicUrl = 'http://localhost:3000';
  /** Handler failures in background invocations, newest last (tests read them; the shell shows them). */
  readonly backgroundErrors: Array<{ functionKey: string; message: string }> = [];
  /** Install, upgrade and uninstall on this site, with the app's life cycle events (lifecycle.ts). */
  readonly lifecycle: AppLifecycle = new AppLifecycle(this);

  private appModule: Record<string, unknown> | undefined;
  private readonly queue: PendingDelivery[] = [];
  private readonly heldEvents: Array<{ moduleKey: string; functionKey: string; event: JiraIssueEvent }> = [];
  private readonly inFlight = new Set<Promise<unknown>>();
  private schedulerTimers: NodeJS.Timeout[] = [];
  private pumpTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly platform: ForgePlatform,
    readonly manifest: AppManifest,
  ) {
    platform.jira.onIssueEvent((event) => this.onJiraEvent(event));
    platform.onQueuePush((push) => this.onQueuePush(push));
    platform.webTriggerUrl = (key) => ((this.manifest.modules.webtrigger ?? []).some((m) => m.key === key) ? this.webTriggerUrl(key) : undefined);
  }

  // ---------------------------------------------------------------- modules

  modules(): ModuleInfo[] {
    const out: ModuleInfo[] = [];
    for (const [type, list] of Object.entries(this.manifest.modules)) {
      if (type === 'function') continue;
      for (const mod of list) {
        const resource = typeof mod.resource === 'string' ? mod.resource : undefined;
        const info: ModuleInfo = {
          type,
          key: String(mod.key),
          title: resolveText(this.manifest, mod.title ?? mod.name ?? mod.key),
          render: mod.render === 'native' ? 'native' : 'default',
          resourceKey: '',
          resourcePath: '',
        };
        if (resource) {
          const [resourceKey, entryName] = resource.split('/') as [string, string | undefined];
          const res = this.manifest.resources.get(resourceKey);
          if (!res) throw new Error(`Module ${info.key} names resource '${resourceKey}', which manifest.yml does not declare`);
          info.resourceKey = resourceKey;
          info.resourcePath = res.path;
          if (entryName) info.entry = res.entry?.[entryName];
          const edit = mod.edit as { resource?: string } | undefined;
          if (edit?.resource) {
            const [, editEntryName] = edit.resource.split('/');
            if (editEntryName) info.editEntry = res.entry?.[editEntryName];
          }
        }
        const resolver = mod.resolver as { function?: string } | undefined;
        if (resolver?.function) info.resolverFunction = resolver.function;
        if (mod.useAsGetStarted === true) info.useAsGetStarted = true;
        const pages = mod.pages as Array<{ route: string; title: unknown }> | undefined;
        if (pages) info.pages = pages.map((p) => ({ route: p.route, title: resolveText(this.manifest, p.title) }));
        out.push(info);
      }
    }
    return out;
  }

  module(key: string): ModuleInfo {
    const found = this.modules().find((m) => m.key === key);
    if (!found) throw new Error(`No module '${key}' in manifest.yml`);
    return found;
  }

  private rawModule(key: string): { type: string; mod: Record<string, unknown> } {
    for (const [type, list] of Object.entries(this.manifest.modules)) {
      const mod = list.find((m) => m.key === key);
      if (mod) return { type, mod };
    }
    throw new Error(`No module '${key}' in manifest.yml`);
  }

  // ---------------------------------------------------------------- handlers

  private loadApp(): Record<string, unknown> {
    if (!this.appModule) {
      // Loaded through the surrounding require hook: ts-jest in tests, tsx in `npm start`.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.appModule = require(path.join(this.manifest.root, 'src', 'index')) as Record<string, unknown>;
    }
    return this.appModule;
  }

  /** The exported function a manifest function key points at (`handler: index.resolver`). */
  handlerFor(functionKey: string): { handler: Handler; timeoutMs: number } {
    const fn = this.manifest.functions.get(functionKey);
    if (!fn) throw new Error(`No function '${functionKey}' in manifest.yml`);
    const dot = fn.handler.lastIndexOf('.');
    const file = fn.handler.slice(0, dot);
    const exportName = fn.handler.slice(dot + 1);
    if (file !== 'index') throw new Error(`The sandbox loads handlers from src/index only (got ${fn.handler})`);
    const handler = this.loadApp()[exportName];
    if (typeof handler !== 'function') throw new Error(`src/index does not export a function '${exportName}' (function '${functionKey}')`);
    return { handler: handler as Handler, timeoutMs: (fn.timeoutSeconds ?? DEFAULT_FUNCTION_TIMEOUT_S) * 1000 };
  }

  private backendPayload(accountId: string | undefined): Record<string, unknown> {
    const { app } = this.platform;
    return {
      ...(accountId ? { principal: { accountId } } : {}),
      installContext: `ari:cloud:jira::site/${app.cloudId}`,
      ...(this.platform.licensing.backend() ? { license: this.platform.licensing.backend() } : {}),
      installation: { id: app.installationId },
    };
  }

  // ---------------------------------------------------------------- surfaces

  private async jiraAsApp(pathAndQuery: string): Promise<Record<string, unknown> | undefined> {
    const answer = await this.platform.jira.handle({ method: 'GET', path: pathAndQuery, headers: { accept: 'application/json' }, caller: { kind: 'app' }, internal: true });
    return answer.status === 200 ? (answer.body as Record<string, unknown>) : undefined;
  }

  get siteUrl(): string {
    return this.publicUrl;
  }

  /** What `view.getContext()` (Custom UI) and `useProductContext()` (UI Kit) resolve with. */
  async surfaceContext(target: SurfaceTarget): Promise<Record<string, unknown>> {
    const { type } = this.rawModule(target.moduleKey);
    const extension: Record<string, unknown> = { type };
    let projectKey = target.projectKey;
    if (target.issueKey) {
      const issue = await this.jiraAsApp(`/rest/api/3/issue/${encodeURIComponent(target.issueKey)}?fields=issuetype,project`);
      if (!issue) throw new Error(`Issue ${target.issueKey} does not exist in the sandbox's Jira`);
      const fields = issue.fields as { issuetype?: { id?: string; name?: string }; project?: { key?: string } };
      extension.issue = { id: String(issue.id), key: String(issue.key), type: fields.issuetype?.name ?? '', typeId: fields.issuetype?.id ?? '' };
      extension.isNewToIssue = false;
      projectKey ??= fields.project?.key;
    }
    if (projectKey) {
      const project = await this.jiraAsApp(`/rest/api/3/project/${encodeURIComponent(projectKey)}`);
      if (!project) throw new Error(`Project ${projectKey} does not exist in the sandbox's Jira`);
      extension.project = { id: String(project.id), key: String(project.key), type: String(project.projectTypeKey ?? 'software') };
    }
    if (target.gadget) {
      extension.gadget = { id: target.gadget.id };
      extension.dashboard = { id: target.gadget.dashboardId };
      extension.gadgetConfiguration = target.gadget.configuration;
    }
    if (target.entryPoint) extension.entryPoint = target.entryPoint;
    if (type === 'jira:projectPage' && projectKey) {
      extension.location = `${this.siteUrl}/jira/software/projects/${projectKey}/apps/${target.moduleKey}${target.route ? `/${target.route}` : ''}`;
    }
    const { app } = this.platform;
    const user = await this.jiraAsApp(`/rest/api/3/user?accountId=${encodeURIComponent(target.accountId)}`);
    return {
      accountId: target.accountId,
      accountType: 'licensed',
      cloudId: app.cloudId,
      siteUrl: this.siteUrl,
      moduleKey: target.moduleKey,
      localId: `ari:cloud:ecosystem::extension/${app.appId}/${app.environmentId}/static/${target.moduleKey}`,
      environmentId: app.environmentId,
      environmentType: app.environmentType,
      // Jira's profile language, in the form Forge hands it to apps (en_US → en-US).
      locale: typeof user?.locale === 'string' ? user.locale.replace('_', '-') : 'en-US',
      timezone: typeof user?.timeZone === 'string' ? user.timeZone : 'UTC',
      ...(this.platform.licensing.frontend() ? { license: this.platform.licensing.frontend() } : {}),
      extension,
    };
  }

  /** What `invoke(functionKey, payload)` from that surface resolves with. */
  async invokeResolver(target: SurfaceTarget, functionKey: string, payload: unknown = {}): Promise<unknown> {
    const { mod } = this.rawModule(target.moduleKey);
    const resolverFunction = (mod.resolver as { function?: string } | undefined)?.function;
    if (!resolverFunction) throw new Error(`Module ${target.moduleKey} has no resolver`);
    const requestSize = Buffer.byteLength(JSON.stringify(payload ?? {}), 'utf8');
    if (requestSize > MAX_INVOKE_REQUEST) throw new Error(`The invoke payload is ${requestSize} bytes; Forge accepts at most ${MAX_INVOKE_REQUEST}`);
    const context = await this.surfaceContext(target);
    // The front end's context carries the user's locale; a function's does not (Forge i18n reference:
    // the locale is "not directly available to Forge functions"; the front end passes it in the payload).
    delete context.locale;
    const { handler } = this.handlerFor(resolverFunction);
    const event = { call: { functionKey, payload: JSON.parse(JSON.stringify(payload ?? {})) as unknown }, context };
    const { result } = await this.platform.runInvocation(
      { functionKey: resolverFunction, moduleKey: target.moduleKey, kind: 'resolver', accountId: target.accountId, timeoutMs: RESOLVER_TIMEOUT_MS },
      async () => handler(event, this.backendPayload(target.accountId)),
    );
    if (result === undefined) return undefined;
    const text = JSON.stringify(result);
    if (Buffer.byteLength(text, 'utf8') > MAX_INVOKE_RESPONSE) throw new Error('The resolver response is over Forge’s 5 MB limit');
    return JSON.parse(text) as unknown;
  }

  // ---------------------------------------------------------------- triggers

  private onJiraEvent(event: JiraIssueEvent): void {
    for (const mod of this.manifest.modules.trigger ?? []) {
      const events = (mod.events as string[] | undefined) ?? [];
      if (!events.includes(event.eventType)) continue;
      const filter = (mod.filter ?? {}) as { ignoreSelf?: boolean };
      if (filter.ignoreSelf && event.atlassianId === APP_ACCOUNT_ID) continue;
      const copies = this.eventDelivery.duplicate ? 2 : 1;
      for (let i = 0; i < copies; i++) {
        if (this.eventDelivery.reverseOrder) {
          this.heldEvents.push({ moduleKey: String(mod.key), functionKey: String(mod.function), event });
          continue;
        }
        this.track(
          (async () => {
            if (this.eventDelivery.delayMs > 0) await sleep(this.eventDelivery.delayMs);
            await this.deliverTrigger(String(mod.key), String(mod.function), event);
          })(),
        );
      }
    }
  }

  private async deliverTrigger(moduleKey: string, functionKey: string, event: JiraIssueEvent): Promise<void> {
    const { handler, timeoutMs } = this.handlerFor(functionKey);
    const payload = { ...JSON.parse(JSON.stringify(event)), context: { cloudId: this.platform.app.cloudId, moduleKey } };
    await this.runBackground(functionKey, moduleKey, 'trigger', timeoutMs, () => handler(payload, this.backendPayload(undefined)));
  }

  /** A life cycle event to a `trigger` module: no retry when the handler fails (none is documented). */
  deliverAppEvent(moduleKey: string, functionKey: string, payload: Record<string, unknown>): void {
    const { handler, timeoutMs } = this.handlerFor(functionKey);
    this.track(this.runBackground(functionKey, moduleKey, 'trigger', timeoutMs, () => handler(JSON.parse(JSON.stringify(payload)), this.backendPayload(undefined))));
  }

  private async runBackground(functionKey: string, moduleKey: string, kind: 'trigger' | 'scheduled' | 'webtrigger' | 'consumer', timeoutMs: number, fn: () => unknown): Promise<unknown> {
    try {
      const { result } = await this.platform.runInvocation({ functionKey, moduleKey, kind, timeoutMs }, async () => fn());
      return result;
    } catch (error) {
      this.backgroundErrors.push({ functionKey, message: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.inFlight.delete(tracked));
    this.inFlight.add(tracked);
  }

  // ---------------------------------------------------------------- scheduled triggers

  async runScheduled(triggerKey: string): Promise<unknown> {
    const mod = (this.manifest.modules.scheduledTrigger ?? []).find((m) => m.key === triggerKey);
    if (!mod) throw new Error(`No scheduled trigger '${triggerKey}' in manifest.yml`);
    const functionKey = String(mod.function);
    const { handler, timeoutMs } = this.handlerFor(functionKey);
    const event = { context: { cloudId: this.platform.app.cloudId, moduleKey: triggerKey }, userAccess: { enabled: false } };
    return this.runBackground(functionKey, triggerKey, 'scheduled', timeoutMs, () => handler(event, this.backendPayload(undefined)));
  }

  /** Runs every scheduled trigger on its interval in real time (for `npm start`). */
  startScheduler(): void {
    for (const mod of this.manifest.modules.scheduledTrigger ?? []) {
      const every = INTERVAL_MS[String(mod.interval)] ?? INTERVAL_MS.day!;
      const timer = setInterval(() => this.track(this.runScheduled(String(mod.key))), every);
      timer.unref?.();
      this.schedulerTimers.push(timer);
    }
    this.pumpTimer = setInterval(() => this.track(this.deliverDueQueueEvents()), 250);
    this.pumpTimer.unref?.();
  }

  stop(): void {
    for (const timer of this.schedulerTimers) clearInterval(timer);
    this.schedulerTimers = [];
    if (this.pumpTimer) clearInterval(this.pumpTimer);
    this.pumpTimer = undefined;
  }

  // ---------------------------------------------------------------- web triggers

  webTriggerUrl(key: string): string {
    return `${this.publicUrl}/x1/webtrigger/${this.platform.app.installationId}/${key}`;
  }

  async callWebTrigger(
    key: string,
    request: { method: string; path?: string; query?: Record<string, string[]>; headers: Record<string, string[]>; body: string },
  ): Promise<{ statusCode: number; headers: Record<string, string[]>; body: string }> {
    const mod = (this.manifest.modules.webtrigger ?? []).find((m) => m.key === key);
    if (!mod) return { statusCode: 404, headers: {}, body: '' };
    const functionKey = String(mod.function);
    const { handler, timeoutMs } = this.handlerFor(functionKey);
    const event = {
      method: request.method,
      headers: Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])),
      body: request.body,
      path: request.path ?? '/',
      queryParameters: request.query ?? {},
      context: { cloudId: this.platform.app.cloudId, moduleKey: key },
      contextPath: '',
      installContext: `ari:cloud:jira::site/${this.platform.app.cloudId}`,
    };
    let result: { statusCode?: unknown; headers?: Record<string, string[]>; body?: string; outputKey?: unknown } | undefined;
    try {
      result = (await this.runBackground(functionKey, key, 'webtrigger', timeoutMs, () => handler(event, this.backendPayload(undefined)))) as typeof result;
    } catch {
      return { statusCode: 500, headers: {}, body: '' };
    }
    const response = (mod.response ?? {}) as { type?: string; outputs?: Array<{ key: string; statusCode: number; contentType?: string; body?: string }> };
    if (response.type === 'static') {
      // A static trigger answers only what the manifest declares: the function picks one by `outputKey`.
      const output = (response.outputs ?? []).find((o) => o.key === result?.outputKey);
      if (!output) {
        this.backgroundErrors.push({ functionKey, message: `web trigger ${key} is static and answered no declared outputKey (${JSON.stringify(result?.outputKey)})` });
        return { statusCode: 500, headers: {}, body: '' };
      }
      return { statusCode: output.statusCode, headers: output.contentType ? { 'Content-Type': [output.contentType] } : {}, body: output.body ?? '' };
    }
    // Dynamic: the function's own answer, which must carry a status code (the platform answers 500 otherwise).
    if (typeof result?.statusCode !== 'number') return { statusCode: 500, headers: {}, body: '' };
    return { statusCode: result.statusCode, headers: result.headers ?? {}, body: result.body ?? '' };
  }

  // ---------------------------------------------------------------- queue

  private onQueuePush(push: QueuedPush): void {
    for (const [index, item] of (push.payload as Array<Record<string, unknown>>).entries()) {
      const delay = Number(item.delayInSeconds ?? 0);
      this.queue.push({
        push,
        event: { ...item, queueName: push.queueName, jobId: push.jobId, eventId: `${push.jobId}#${index}` },
        dueAt: push.pushedAt + delay * 1000,
        retryCount: 0,
      });
    }
  }

  /** Queue events waiting for delivery (including retries scheduled for later). */
  pendingQueueEvents(): Array<{ queueName: string; body: unknown; dueAt: number; retryCount: number }> {
    return this.queue.map((d) => ({ queueName: d.push.queueName, body: d.event.body, dueAt: d.dueAt, retryCount: d.retryCount }));
  }

  private async deliverDueQueueEvents(): Promise<number> {
    const now = this.platform.clock.now();
    const due = this.queue.filter((d) => d.dueAt <= now);
    if (due.length === 0) return 0;
    for (const d of due) this.queue.splice(this.queue.indexOf(d), 1);
    await Promise.all(due.map((d) => this.deliverQueueEvent(d)));
    return due.length;
  }

  private async deliverQueueEvent(delivery: PendingDelivery): Promise<void> {
    const consumer = (this.manifest.modules.consumer ?? []).find((m) => m.queue === delivery.push.queueName);
    if (!consumer) {
      this.deadLetters.push({ queueName: delivery.push.queueName, body: delivery.event.body, retryCount: delivery.retryCount, reason: 'no consumer for this queue' });
      return;
    }
    const functionKey = String(consumer.function);
    const { handler, timeoutMs } = this.handlerFor(functionKey);
    let retry: { retryAfter: number; retryReason: string; retryData?: unknown } | undefined;
    try {
      const result = (await this.runBackground(functionKey, String(consumer.key), 'consumer', timeoutMs, () => handler(delivery.event, this.backendPayload(undefined)))) as
        | { _retry?: boolean; retryOptions?: { retryAfter?: number; retryReason?: string; retryData?: unknown } }
        | undefined;
      if (result && result._retry) {
        retry = { retryAfter: result.retryOptions?.retryAfter ?? 1, retryReason: result.retryOptions?.retryReason ?? 'FUNCTION_RETRY_REQUEST', retryData: result.retryOptions?.retryData };
      }
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'InvocationTimeoutError';
      retry = { retryAfter: 1, retryReason: timedOut ? 'FUNCTION_TIME_OUT' : 'FUNCTION_PLATFORM_UNKNOWN_ERROR' };
    }
    if (!retry) return;
    if (delivery.retryCount >= MAX_QUEUE_RETRIES) {
      this.deadLetters.push({ queueName: delivery.push.queueName, body: delivery.event.body, retryCount: delivery.retryCount, reason: retry.retryReason });
      return;
    }
    this.queue.push({
      ...delivery,
      retryCount: delivery.retryCount + 1,
      dueAt: this.platform.clock.now() + retry.retryAfter * 1000,
      event: { ...delivery.event, retryContext: { retryCount: delivery.retryCount + 1, retryReason: retry.retryReason, retryData: retry.retryData } },
    });
  }

  // ---------------------------------------------------------------- settling

  /**
   * Waits until nothing is running and no queue event is due: delivers held (reversed) issue
   * events, due queue events and their due retries. Events due later stay queued until the clock
   * moves (tests advance a ManualClock and settle again).
   */
  async settle(): Promise<void> {
    for (let round = 0; round < 10_000; round++) {
      if (this.heldEvents.length > 0) {
        const held = this.heldEvents.splice(0).reverse();
        for (const { moduleKey, functionKey, event } of held) this.track(this.deliverTrigger(moduleKey, functionKey, event));
      }
      if (this.inFlight.size > 0) {
        await Promise.all([...this.inFlight]);
        continue;
      }
      const delivered = await this.deliverDueQueueEvents();
      if (delivered === 0 && this.inFlight.size === 0 && this.heldEvents.length === 0) return;
    }
    throw new Error('The sandbox did not settle: background work keeps scheduling more work');
  }

  /** A fresh id for sandbox-made objects (gadgets, dashboards). */
  newId(): string {
    return randomUUID();
  }
}

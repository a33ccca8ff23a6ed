import type { ForgeHost, ModuleInfo, SurfaceTarget } from '../runtime/host';
import type { ForgeHandler, ForgeNode, NodeQuery } from './forge-doc';
import { ancestorsOf, describe, describeQuery, findByKey, handlerOf, query, snapshot, textOf } from './forge-doc';
import { renderHtml } from './html';
import { ModuleGraph, sessionGlobal } from './loader';

/**
 * A UI Kit surface rendered in Node: the module's REAL resource file (e.g. src/frontend/deal-panel.tsx)
 * runs with the REAL @forge/react reconciler and @forge/bridge, in a private module graph whose
 * `self.__bridge` is this session. The session answers the bridge the way the Forge host does:
 * `getContext` from the runtime host's extension context, `invoke` through the host's resolver
 * invocation (with its limits and cost records), and `reconcile` by keeping the latest tree. Tests
 * read the tree, press buttons and type into fields through the handlers the reconciler left in it.
 */

export type UiKitErrorCode =
  | 'NOT_UI_KIT' // the module is not `render: native`
  | 'NO_RESOURCE' // the module names no resource file
  | 'CONTEXT' // the target does not exist in the sandbox's Jira (issue, project)
  | 'LOAD' // the resource or one of its imports failed to load or threw while rendering
  | 'NOT_FOUND' // no node matches the query
  | 'NO_HANDLER' // the node (and its ancestors) has no handler for the event
  | 'DISABLED' // the control is disabled or busy, so a user could not use it
  | 'STALE' // the node is no longer in the tree
  | 'TIMEOUT' // waitFor / settle did not see what it waited for in time
  | 'CLOSED'; // the session was closed

export class UiKitError extends Error {
  constructor(
    readonly code: UiKitErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'UiKitError';
  }
}

/** A `showFlag` call as the surface made it. */
export interface RecordedFlag {
  id: string;
  title?: string;
  description?: string;
  type: string;
  appearance?: string;
  isAutoDismiss?: boolean;
  actions?: Array<{ text: string }>;
  closed: boolean;
}

/** One bridge call, for tests that assert what a surface asked the host for. */
export interface BridgeCall {
  command: string;
  payload: unknown;
  outcome: 'pending' | 'resolved' | 'rejected';
}

export interface WaitOptions {
  /** Real milliseconds; default 5000. */
  timeoutMs?: number;
}

export interface UiKitSession {
  readonly target: SurfaceTarget;
  readonly module: ModuleInfo;
  /** The latest tree the reconciler sent. */
  tree(): ForgeNode;
  /** How many trees the reconciler has sent. */
  readonly renders: number;
  /** The text a reader sees, one block per line. */
  text(): string;
  find(q: NodeQuery): ForgeNode | undefined;
  findAll(q: NodeQuery): ForgeNode[];
  /** Like find, but throws NOT_FOUND with the surface's text when nothing matches. */
  get(q: NodeQuery): ForgeNode;
  /** Clicks the node (or the nearest ancestor with `onClick`), then waits until the surface is settled. */
  press(q: NodeQuery | ForgeNode, options?: { settle?: boolean }): Promise<void>;
  /** Types or picks a value in a field found by its label, name, placeholder or as a node. */
  setValue(q: NodeQuery | ForgeNode, value: unknown, options?: { settle?: boolean }): Promise<void>;
  /** Calls any handler prop of a node with the given arguments, then settles. */
  emit(q: NodeQuery | ForgeNode, handler: string, ...args: unknown[]): Promise<void>;
  /** Resolves with the first node matching once it appears (a predicate may answer true for the root). */
  waitFor(q: NodeQuery | ((tree: ForgeNode) => boolean | ForgeNode | undefined), options?: WaitOptions): Promise<ForgeNode>;
  /** Waits until no bridge call is pending and the tree stopped changing. */
  settle(options?: WaitOptions): Promise<void>;
  /** Delivers a product event (`events.on` subscribers), e.g. JIRA_ISSUE_CHANGED. */
  dispatch(event: string, payload?: unknown): Promise<void>;
  html(): string;
  /** Calls `listener` with every tree the reconciler sends from now on; returns how to stop. */
  onRender(listener: (tree: ForgeNode) => void): () => void;
  /**
   * What a UI Kit host does when a person uses a rendered element (the shell's page posts these):
   * calls the node's `prop` handler, found by the reconciler's key in the latest tree, with the
   * event the host built. A click on a disabled or busy control is refused (DISABLED), as the person
   * could not have made it. Resolves when the handler returns; it does not wait for the surface to settle.
   */
  act(key: string, prop: string, args: unknown[]): Promise<void>;
  readonly flags: RecordedFlag[];
  readonly calls: BridgeCall[];
  /** Errors the reconciler reported with `onError`. */
  readonly errors: unknown[];
  readonly closed: boolean;
  close(): Promise<void>;
}

export interface RenderOptions {
  host: ForgeHost;
  target: SurfaceTarget;
  /** How long to wait for the first tree (real milliseconds, default 5000). */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 5000;
/** The origin a surface's frame has (Forge serves UI Kit from its own CDN origin; the exact host is not observable here). */
const FRAME_ORIGIN = 'https://uikit.sandbox.invalid/';
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const never = () => new Promise<never>(() => undefined);

/** Data as it crosses a serialising bridge: functions and cycles are dropped, not kept by reference. */
function serialisable(value: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(value ?? null)) as unknown;
  } catch {
    return undefined;
  }
}

/** The event a field's onChange receives, by kind of field, as UI Kit's host passes them. */
function changeArgument(node: ForgeNode, value: unknown): unknown {
  switch (node.type) {
    case 'Textfield':
    case 'TextArea':
      return { target: { value: String(value ?? '') }, currentTarget: { value: String(value ?? '') } };
    case 'Checkbox':
    case 'Toggle':
      return { target: { checked: Boolean(value) }, currentTarget: { checked: Boolean(value) } };
    default:
      // Select, RadioGroup, DatePicker, TimePicker, UserPicker, Range: the value itself.
      return value;
  }
}

const FIELD_TYPES = new Set(['Textfield', 'TextArea', 'Select', 'Checkbox', 'Toggle', 'RadioGroup', 'DatePicker', 'TimePicker', 'UserPicker', 'Range', 'CheckboxGroup']);

class Session implements UiKitSession {
  readonly flags: RecordedFlag[] = [];
  readonly calls: BridgeCall[] = [];
  readonly errors: unknown[] = [];
  renders = 0;
  closed = false;

  private latest: ForgeNode | undefined;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => unknown>>();
  private readonly watchers = new Set<() => void>();
  private readonly renderListeners = new Set<(tree: ForgeNode) => void>();
  /** Bumped on every bridge call, answer and tree: `settle` waits for it to stop moving. */
  private activity = 0;

  constructor(
    private readonly host: ForgeHost,
    readonly target: SurfaceTarget,
    readonly module: ModuleInfo,
  ) {}

  /** Loads the resource in its own module graph; its top-level `ForgeReconciler.render` starts the surface. */
  start(): void {
    const bridge = { callBridge: (command: string, payload?: unknown) => this.callBridge(command, payload) };
    const blockedFetch = (async (input: unknown) => {
      throw new TypeError(`The UI Kit sandbox blocks fetch(${JSON.stringify(String(input))}) from a surface: UI Kit reaches the back end through invoke`);
    }) as typeof fetch;
    // @forge/bridge builds `new Request('', init)` to serialise requestJira's body and headers: a
    // browser resolves '' against the frame's URL, Node refuses it, so the frame gets an origin.
    const origin = FRAME_ORIGIN;
    class FrameRequest extends Request {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(typeof input === 'string' ? new URL(input, origin) : input, init);
      }
    }
    const scope = sessionGlobal({ __bridge: bridge, fetch: blockedFetch, Request: FrameRequest });
    const graph = new ModuleGraph({ global: scope, fetch: blockedFetch, Request: FrameRequest });
    try {
      graph.load(this.module.resourcePath);
    } catch (error) {
      throw new UiKitError('LOAD', `Loading ${this.module.resourcePath} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  // ------------------------------------------------------------ the bridge

  private callBridge(command: string, payload: unknown): Promise<unknown> {
    // A closed surface is a destroyed iframe: nothing answers any more, and nothing is recorded.
    if (this.closed) return never();
    this.activity += 1;
    if (command === 'reconcile') {
      this.latest = snapshot((payload as { forgeDoc?: unknown } | undefined)?.forgeDoc);
      this.renders += 1;
      for (const watcher of [...this.watchers]) watcher();
      for (const listener of [...this.renderListeners]) listener(this.latest);
      return Promise.resolve(undefined);
    }
    const call: BridgeCall = { command, payload: serialisable(payload), outcome: 'pending' };
    this.calls.push(call);
    const answer = this.answer(command, payload);
    const tracked = answer.then(
      (value) => {
        call.outcome = 'resolved';
        return value;
      },
      (error: unknown) => {
        call.outcome = 'rejected';
        throw error;
      },
    );
    const settled = tracked.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.finally(() => {
      this.pending.delete(settled);
      this.activity += 1;
    });
    return tracked;
  }

  private async answer(command: string, payload: unknown): Promise<unknown> {
    const data = (payload ?? {}) as Record<string, unknown>;
    switch (command) {
      case 'getContext':
        return this.host.surfaceContext(this.target);
      case 'invoke':
        return this.invoke(String(data.functionKey), data.payload);
      case 'showFlag':
        this.flags.push({
          id: String(data.id),
          type: String(data.type ?? 'info'),
          closed: false,
          ...(typeof data.title === 'string' ? { title: data.title } : {}),
          ...(typeof data.description === 'string' ? { description: data.description } : {}),
          ...(typeof data.appearance === 'string' ? { appearance: data.appearance } : {}),
          ...(typeof data.isAutoDismiss === 'boolean' ? { isAutoDismiss: data.isAutoDismiss } : {}),
          ...(Array.isArray(data.actions) ? { actions: (data.actions as Array<{ text?: unknown }>).map((a) => ({ text: String(a.text ?? '') })) } : {}),
        });
        return undefined;
      case 'closeFlag':
        for (const flag of this.flags) if (flag.id === String(data.id)) flag.closed = true;
        return undefined;
      case 'fetchProduct':
        return this.fetchProduct(data);
      case 'on':
      case 'onPublic':
        return this.subscribe(String(data.event), data.callback);
      case 'onError':
        this.errors.push(data.error);
        return undefined;
      default:
        // emit, emitReadyEvent, changeWindowTitle, metrics…: recorded in `calls`, answered with nothing.
        return undefined;
    }
  }

  /**
   * `invoke` as UI Kit's host does it: the resolver runs as one Forge invocation for this module and
   * user. When Forge cannot run it (time limit, payload limit, the function throws), the promise in
   * the surface rejects with an Error; the message here keeps the platform's reason (assumed: Forge's
   * exact wording is not documented).
   */
  private async invoke(functionKey: string, payload: unknown): Promise<unknown> {
    try {
      return await this.host.invokeResolver(this.target, functionKey, payload ?? {});
    } catch (error) {
      throw new Error(`There was an error invoking the function - ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * `requestJira(path, init)` from a surface: Jira REST as the session's user, so Jira's own
   * permission checks decide the answer (as they do for the browser's requests). Answered in the
   * shape @forge/bridge's productFetchApi turns back into a Response. Not counted as an app
   * invocation: in Forge these requests go from the browser to the product, not through the app.
   */
  private async fetchProduct(data: Record<string, unknown>): Promise<unknown> {
    const restPath = data.restPath;
    if (typeof restPath !== 'string') throw new Error('requestJira needs a REST path');
    if (data.product !== 'jira') {
      return { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `The sandbox has no ${String(data.product)} site` }), isAttachment: false };
    }
    const init = (data.fetchRequestInit ?? {}) as { method?: unknown; headers?: unknown; body?: unknown };
    const headers: Record<string, string> = { accept: 'application/json' };
    if (Array.isArray(init.headers)) {
      for (const pair of init.headers as unknown[]) if (Array.isArray(pair) && pair.length === 2) headers[String(pair[0]).toLowerCase()] = String(pair[1]);
    }
    const body = typeof init.body === 'string' && init.body !== '' ? init.body : undefined;
    const answer = await this.host.platform.jira.handle({
      method: typeof init.method === 'string' ? init.method.toUpperCase() : 'GET',
      path: restPath,
      headers,
      caller: { kind: 'user', accountId: this.target.accountId },
      ...(body === undefined ? {} : { body }),
    });
    const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    return { status: answer.status, statusText: '', headers: { 'content-type': 'application/json', ...(answer.headers ?? {}) }, body: text, isAttachment: false };
  }

  private subscribe(event: string, callback: unknown): { unsubscribe: () => void } {
    if (typeof callback !== 'function') throw new Error(`events.on('${event}') needs a callback`);
    const fn = callback as (payload: unknown) => unknown;
    const set = this.listeners.get(event) ?? new Set();
    set.add(fn);
    this.listeners.set(event, set);
    return { unsubscribe: () => set.delete(fn) };
  }

  async dispatch(event: string, payload?: unknown): Promise<void> {
    this.assertOpen();
    for (const listener of [...(this.listeners.get(event) ?? [])]) await listener(serialisable(payload));
    await this.settle();
  }

  // ------------------------------------------------------------ reading

  tree(): ForgeNode {
    if (!this.latest) throw new UiKitError('LOAD', `${this.module.key} has not rendered anything yet`);
    return this.latest;
  }

  text(): string {
    return textOf(this.tree());
  }

  find(q: NodeQuery): ForgeNode | undefined {
    return query(this.tree(), q)[0];
  }

  findAll(q: NodeQuery): ForgeNode[] {
    return query(this.tree(), q);
  }

  get(q: NodeQuery): ForgeNode {
    const found = this.find(q);
    if (!found) throw new UiKitError('NOT_FOUND', `No node matches ${describeQuery(q)} in ${this.module.key}. The surface shows:\n${this.text()}`);
    return found;
  }

  html(): string {
    return renderHtml(this.tree());
  }

  // ------------------------------------------------------------ acting

  /** The node as it stands in the latest tree: a node from an older tree is looked up by its key. */
  private resolveNode(q: NodeQuery | ForgeNode): ForgeNode {
    if (typeof q === 'object' && !(q instanceof RegExp) && Array.isArray((q as Partial<ForgeNode>).children) && typeof (q as ForgeNode).type === 'string') {
      const node = q as ForgeNode;
      if (ancestorsOf(this.tree(), node)) return node.key !== undefined ? (findByKey(this.tree(), node.key) ?? node) : node;
      throw new UiKitError('STALE', `${describe(node)} is no longer on ${this.module.key}`);
    }
    return this.get(q as NodeQuery);
  }

  /** The node or its nearest ancestor with a handler named `prop`. */
  private withHandler(node: ForgeNode, prop: string): { owner: ForgeNode; handler: ForgeHandler } {
    const own = handlerOf(node, prop);
    if (own) return { owner: node, handler: own };
    const chain = ancestorsOf(this.tree(), node) ?? [];
    for (const parent of [...chain].reverse()) {
      const handler = handlerOf(parent, prop);
      if (handler) return { owner: parent, handler };
    }
    throw new UiKitError('NO_HANDLER', `${describe(node)} has no ${prop} handler (nor does any element around it)`);
  }

  private assertUsable(node: ForgeNode): void {
    if (node.props.isDisabled === true || node.props.isLoading === true) {
      throw new UiKitError('DISABLED', `${describe(node)} is ${node.props.isLoading === true ? 'busy' : 'disabled'}; a user could not use it`);
    }
  }

  async press(q: NodeQuery | ForgeNode, options: { settle?: boolean } = {}): Promise<void> {
    this.assertOpen();
    const { owner, handler } = this.withHandler(this.resolveNode(q), 'onClick');
    this.assertUsable(owner);
    await handler({ type: 'click' });
    if (options.settle !== false) await this.settle();
  }

  async setValue(q: NodeQuery | ForgeNode, value: unknown, options: { settle?: boolean } = {}): Promise<void> {
    this.assertOpen();
    const field = typeof q === 'string' ? this.fieldByLabel(q) : this.resolveNode(q);
    this.assertUsable(field);
    const { handler } = this.withHandler(field, 'onChange');
    await handler(changeArgument(field, value));
    if (options.settle !== false) await this.settle();
  }

  /** A field named by its Label (labelFor → id), its own label, name, placeholder or aria-label. */
  private fieldByLabel(label: string): ForgeNode {
    const tree = this.tree();
    const labelNode = query(tree, { type: 'Label', text: label })[0];
    const labelFor = labelNode?.props.labelFor;
    if (typeof labelFor === 'string') {
      const byId = query(tree, (node) => node.props.id === labelFor)[0];
      if (byId) return byId;
    }
    const named = query(tree, (node) => FIELD_TYPES.has(node.type) && [node.props.label, node.props.name, node.props.placeholder, node.props['aria-label']].includes(label))[0];
    if (named) return named;
    throw new UiKitError('NOT_FOUND', `No field labelled "${label}" on ${this.module.key}. The surface shows:\n${this.text()}`);
  }

  onRender(listener: (tree: ForgeNode) => void): () => void {
    this.renderListeners.add(listener);
    return () => this.renderListeners.delete(listener);
  }

  async act(key: string, prop: string, args: unknown[]): Promise<void> {
    this.assertOpen();
    const node = findByKey(this.tree(), key);
    if (!node) throw new UiKitError('STALE', `No element ${key} on ${this.module.key} any more`);
    const handler = handlerOf(node, prop);
    if (!handler) throw new UiKitError('NO_HANDLER', `${describe(node)} has no ${prop} handler`);
    if (prop === 'onClick') this.assertUsable(node);
    await handler(...args.map(serialisable));
  }

  async emit(q: NodeQuery | ForgeNode, prop: string, ...args: unknown[]): Promise<void> {
    this.assertOpen();
    const node = this.resolveNode(q);
    const handler = handlerOf(node, prop);
    if (!handler) throw new UiKitError('NO_HANDLER', `${describe(node)} has no ${prop} handler`);
    await handler(...args);
    await this.settle();
  }

  // ------------------------------------------------------------ waiting

  async waitFor(q: NodeQuery | ((tree: ForgeNode) => boolean | ForgeNode | undefined), options: WaitOptions = {}): Promise<ForgeNode> {
    this.assertOpen();
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const check = (): ForgeNode | undefined => {
      if (!this.latest) return undefined;
      if (typeof q === 'function') {
        const answer = (q as (tree: ForgeNode) => boolean | ForgeNode | undefined)(this.latest);
        if (answer === true) return this.latest;
        return answer && typeof answer === 'object' ? answer : undefined;
      }
      return query(this.latest, q)[0];
    };
    const now = check();
    if (now) return now;
    return new Promise<ForgeNode>((resolve, reject) => {
      const watcher = () => {
        const found = check();
        if (!found) return;
        clearTimeout(timer);
        this.watchers.delete(watcher);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.watchers.delete(watcher);
        const shown = this.latest ? textOf(this.latest) : '(nothing rendered)';
        const what = typeof q === 'function' ? 'a predicate' : describeQuery(q);
        reject(new UiKitError('TIMEOUT', `${this.module.key} did not show ${what} within ${timeoutMs} ms. It shows:\n${shown}`, { timeoutMs }));
      }, timeoutMs);
      this.watchers.add(watcher);
    });
  }

  async settle(options: WaitOptions = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    // React commits on a later task than the answer that caused it, so "quiet" means several turns
    // of the event loop with no pending call and no new activity, not one.
    let quiet = 0;
    while (quiet < 3) {
      if (Date.now() > deadline) {
        throw new UiKitError('TIMEOUT', `${this.module.key} did not settle: ${this.pending.size} bridge call(s) still pending`, { pending: this.calls.filter((c) => c.outcome === 'pending').map((c) => c.command) });
      }
      const before = this.activity;
      if (this.pending.size > 0) {
        const remaining = Math.max(0, deadline - Date.now());
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.all([...this.pending]), new Promise((resolve) => (timer = setTimeout(resolve, remaining)))]);
        clearTimeout(timer);
      }
      await tick();
      quiet = this.pending.size === 0 && this.activity === before ? quiet + 1 : 0;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new UiKitError('CLOSED', `The ${this.module.key} session is closed`);
  }

  /**
   * Closes the surface like Jira removing its iframe: calls still running on the host finish (so
   * no invocation outlives the test), then the bridge goes silent. @forge/react offers no unmount,
   * and neither does the product: the extension's frame is simply destroyed.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.settle().catch(() => undefined);
    this.closed = true;
    this.listeners.clear();
    this.watchers.clear();
    this.renderListeners.clear();
  }
}

/**
 * Compiles a UI Kit module's resource and everything it imports once, without showing anything (the
 * graph's bridge never answers): the first load in a process pays for TypeScript and the SDK's
 * sources, so the shell does it ahead, and the first surface a person opens draws quickly.
 */
export function preloadUiKitModule(info: ModuleInfo): void {
  if (info.render !== 'native' || !info.resourcePath) return;
  const silent = { callBridge: () => never() };
  const blocked = (async () => never()) as unknown as typeof fetch;
  const graph = new ModuleGraph({ global: sessionGlobal({ __bridge: silent, fetch: blocked }), fetch: blocked });
  graph.load(info.resourcePath);
}

/**
 * Renders one UI Kit module for a user (and issue/project) and resolves once the surface sent its
 * first tree. Fails fast with a coded UiKitError when the module is not UI Kit, the issue or project
 * does not exist, or the resource does not load.
 */
export async function renderUiKitSurface(options: RenderOptions): Promise<UiKitSession> {
  const { host, target } = options;
  const info = host.module(target.moduleKey);
  if (info.render !== 'native') throw new UiKitError('NOT_UI_KIT', `${info.key} is rendered with Custom UI (render: ${info.render}); open it in the shell instead`);
  if (!info.resourcePath) throw new UiKitError('NO_RESOURCE', `${info.key} names no resource in manifest.yml`);
  try {
    await host.surfaceContext(target);
  } catch (error) {
    throw new UiKitError('CONTEXT', `${info.key} cannot be shown for ${JSON.stringify(target)}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const session = new Session(host, target, info);
  session.start();
  try {
    await session.waitFor(() => true, { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  } catch (error) {
    await session.close();
    const reported = session.errors[0];
    throw new UiKitError('LOAD', `${info.key} did not render: ${reported instanceof Error ? reported.message : error instanceof Error ? error.message : String(error)}`);
  }
  return session;
}

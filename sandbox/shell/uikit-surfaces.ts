import { randomUUID } from 'node:crypto';
import type { ForgeHost, SurfaceTarget } from '../runtime/host';
import type { ForgeNode } from '../uikit/forge-doc';
import type { RecordedFlag, UiKitSession } from '../uikit/session';
import { preloadUiKitModule, renderUiKitSurface, UiKitError } from '../uikit/session';
import { HttpError } from './http';

/**
 * The UI Kit surfaces open in the shell's pages. Each is a live session of the UI Kit harness
 * (sandbox/uikit/session.ts): the module's real resource runs with the real @forge/react reconciler
 * in Node, as Forge runs it in the extension's own frame, and the shell page draws every tree it
 * sends with the Atlassian design system (shell/host/uikit), as Jira's UI Kit host does. What the
 * person does on the page comes back as `act` (the element's key, the handler, the event), and
 * product events (JIRA_ISSUE_CHANGED) as `productEvent`.
 *
 * A surface lives while its page listens to its stream; when the page goes away (the stream closes
 * and is not reopened within `idleMs`), the surface is closed as Jira destroys the extension frame.
 */

/** A tree as the page receives it: data props only, the names of the element's handlers beside them. */
export interface WireNode {
  type: string;
  key?: string;
  props: Record<string, unknown>;
  handlers: string[];
  children: WireNode[];
}

export interface SurfaceUpdate {
  version: number;
  tree: WireNode;
  flags: RecordedFlag[];
}

interface LiveSurface {
  id: string;
  session: UiKitSession;
  version: number;
  listeners: Set<(update: SurfaceUpdate) => void>;
  idleTimer: NodeJS.Timeout | undefined;
  stopRender: () => void;
}

export interface UiKitSurfacesOptions {
  /** How long a surface with no listening page stays open (real ms); default 15 s. */
  idleMs?: number;
  /** Open surfaces at most; the least recently opened closes first. Default 40. */
  max?: number;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

/** Data as it crosses to the page: functions, React elements and class instances stay behind. */
function wireValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return undefined;
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  if (Array.isArray(value)) return value.map((item) => wireValue(item, depth + 1)).filter((item) => item !== undefined);
  if (isPlainObject(value) && !('$$typeof' in value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const copied = wireValue(v, depth + 1);
      if (copied !== undefined) out[k] = copied;
    }
    return out;
  }
  return undefined;
}

export function toWire(node: ForgeNode): WireNode {
  const props: Record<string, unknown> = {};
  const handlers: string[] = [];
  for (const [name, value] of Object.entries(node.props)) {
    if (typeof value === 'function') handlers.push(name);
    else {
      const copied = wireValue(value);
      if (copied !== undefined) props[name] = copied;
    }
  }
  return { type: node.type, ...(node.key !== undefined ? { key: node.key } : {}), props, handlers, children: node.children.map(toWire) };
}

/** The handler arguments a page may send: JSON data, as a serialising host would pass them. */
function checkArgs(args: unknown): unknown[] {
  if (!Array.isArray(args) || args.length > 4) throw new HttpError(400, 'BAD_EVENT', 'args is a list of at most four values');
  const text = JSON.stringify(args);
  if (text.length > 100_000) throw new HttpError(400, 'BAD_EVENT', 'The event is too large');
  return JSON.parse(text) as unknown[];
}

const UIKIT_STATUS: Partial<Record<UiKitError['code'], number>> = { DISABLED: 409, STALE: 409, NO_HANDLER: 400, CLOSED: 410, NOT_FOUND: 404, CONTEXT: 404, NOT_UI_KIT: 400, NO_RESOURCE: 400, LOAD: 500 };

function asHttp(error: unknown): never {
  if (error instanceof UiKitError) throw new HttpError(UIKIT_STATUS[error.code] ?? 500, error.code, error.message);
  throw error;
}

export class UiKitSurfaces {
  private readonly live = new Map<string, LiveSurface>();
  private readonly idleMs: number;
  private readonly max: number;

  constructor(
    private readonly host: ForgeHost,
    options: UiKitSurfacesOptions = {},
  ) {
    this.idleMs = options.idleMs ?? 15_000;
    this.max = options.max ?? 40;
  }

  /** Compiles every UI Kit module once (see preloadUiKitModule); returns the milliseconds it took. */
  preload(): number {
    const began = performance.now();
    for (const info of this.host.modules()) preloadUiKitModule(info);
    return performance.now() - began;
  }

  get size(): number {
    return this.live.size;
  }

  /** Renders the surface and answers with its first tree; the page then listens with `subscribe`. */
  async open(target: SurfaceTarget): Promise<{ id: string } & SurfaceUpdate> {
    const session = await renderUiKitSurface({ host: this.host, target }).catch(asHttp);
    const surface: LiveSurface = { id: randomUUID(), session, version: 1, listeners: new Set(), idleTimer: undefined, stopRender: () => undefined };
    surface.stopRender = session.onRender(() => {
      surface.version += 1;
      const update = this.update(surface);
      for (const listener of [...surface.listeners]) listener(update);
    });
    this.live.set(surface.id, surface);
    this.armIdle(surface);
    while (this.live.size > this.max) {
      const oldest = this.live.keys().next().value;
      if (oldest === undefined) break;
      await this.close(oldest);
    }
    return { id: surface.id, ...this.update(surface) };
  }

  private update(surface: LiveSurface): SurfaceUpdate {
    return { version: surface.version, tree: toWire(surface.session.tree()), flags: surface.session.flags.map((f) => ({ ...f })) };
  }

  private get(id: string): LiveSurface {
    const surface = this.live.get(id);
    if (!surface) throw new HttpError(410, 'CLOSED', 'This UI Kit surface has been closed; open the page again');
    return surface;
  }

  private armIdle(surface: LiveSurface): void {
    clearTimeout(surface.idleTimer);
    surface.idleTimer = setTimeout(() => void this.close(surface.id), this.idleMs);
    surface.idleTimer.unref?.();
  }

  /** Streams every new tree to `listener`, starting with the current one; returns how to stop. */
  subscribe(id: string, listener: (update: SurfaceUpdate) => void): () => void {
    const surface = this.get(id);
    clearTimeout(surface.idleTimer);
    surface.listeners.add(listener);
    listener(this.update(surface));
    return () => {
      surface.listeners.delete(listener);
      if (surface.listeners.size === 0 && this.live.has(id)) this.armIdle(surface);
    };
  }

  /** A person used an element of the surface: its handler runs with the event the page built. */
  async act(id: string, body: Record<string, unknown>): Promise<void> {
    const surface = this.get(id);
    if (typeof body.key !== 'string' || typeof body.prop !== 'string' || !/^on[A-Z][A-Za-z]*$/.test(body.prop)) {
      throw new HttpError(400, 'BAD_EVENT', 'An event is { key, prop: "onClick" | "onChange" | …, args }');
    }
    await surface.session.act(body.key, body.prop, checkArgs(body.args ?? [])).catch(asHttp);
  }

  /** A product event from the page the surface is on (e.g. JIRA_ISSUE_CHANGED after a transition). */
  async productEvent(id: string, body: Record<string, unknown>): Promise<void> {
    const surface = this.get(id);
    if (typeof body.event !== 'string' || !/^[A-Z_]+$/.test(body.event)) throw new HttpError(400, 'BAD_EVENT', 'A product event is { event: "JIRA_ISSUE_CHANGED", payload }');
    await surface.session.dispatch(body.event, wireValue(body.payload ?? null)).catch(asHttp);
  }

  async close(id: string): Promise<void> {
    const surface = this.live.get(id);
    if (!surface) return;
    this.live.delete(id);
    clearTimeout(surface.idleTimer);
    surface.stopRender();
    surface.listeners.clear();
    await surface.session.close();
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.close(id)));
  }
}

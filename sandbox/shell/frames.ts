import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ModuleInfo, SurfaceTarget } from '../runtime/host';
import { HttpError } from './http';
import type { ColorMode } from './theme';
import { DATA_THEME, isColorMode, THEME_CSS_PATH } from './theme';

/** One Custom UI module loaded in one iframe: the bridge calls from that iframe act for this target. */
export interface FrameSession {
  id: string;
  module: ModuleInfo;
  accountId: string;
  projectKey?: string;
  issueKey?: string;
  gadgetId?: string;
  entryPoint?: 'edit';
  route?: string;
  /** The shell's light/dark switch when the frame opened; later switches reach the frame by postMessage. */
  colorMode: ColorMode;
  createdAt: number;
}

/** A gadget on the shell's one dashboard. Its configuration lives here, as Jira keeps it per gadget. */
export interface DashboardGadget {
  id: string;
  dashboardId: string;
  moduleKey: string;
  title: string;
}

export const DASHBOARD_ID = '10001';

/** Sessions are cheap; the cap only stops a long `npm start` from growing without end. */
const MAX_SESSIONS = 500;

/** What the frame page needs to know before the app bundle runs (read by assets/bridge.js). */
export interface FrameBoot {
  sessionId: string;
  moduleKey: string;
  moduleType: string;
  pathname: string;
  gadgetId: string | null;
  entryPoint: string | null;
  /** What `view.theme.enable()` applies: the colour mode, Jira's data-theme value and the token stylesheet. */
  theme: { colorMode: ColorMode; dataTheme: string; cssHref: string };
}

/**
 * Keeps the iframes' sessions and the dashboard's gadget configurations, and builds each frame's
 * HTML: the module's built entry from static/dist with the bridge injected before the bundle.
 */
export class FrameRegistry {
  private readonly sessions = new Map<string, FrameSession>();
  private readonly gadgetConfigs = new Map<string, Record<string, unknown>>();
  readonly gadgets: DashboardGadget[];

  constructor(modules: ModuleInfo[]) {
    this.gadgets = modules
      .filter((m) => m.type === 'jira:dashboardGadget')
      .map((m, index) => ({ id: String(20001 + index), dashboardId: DASHBOARD_ID, moduleKey: m.key, title: m.title }));
  }

  gadget(id: string): DashboardGadget | undefined {
    return this.gadgets.find((g) => g.id === id);
  }

  gadgetConfiguration(id: string): Record<string, unknown> {
    return { ...(this.gadgetConfigs.get(id) ?? {}) };
  }

  setGadgetConfiguration(id: string, configuration: Record<string, unknown>): void {
    this.gadgetConfigs.set(id, JSON.parse(JSON.stringify(configuration)) as Record<string, unknown>);
  }

  /** Opens a session for `GET /frame/<moduleKey>?accountId=&projectKey=&issueKey=&gadget=&entry=&route=&theme=`. */
  open(module: ModuleInfo, query: URLSearchParams, now: number): FrameSession {
    if (module.render !== 'default' || !module.entry) {
      throw new HttpError(400, 'NOT_CUSTOM_UI', `Module ${module.key} is not a Custom UI module with an HTML entry`);
    }
    const accountId = query.get('accountId');
    if (!accountId) throw new HttpError(400, 'NO_ACCOUNT', 'A frame needs ?accountId= (the signed-in user)');
    const theme = query.get('theme') ?? 'light';
    if (!isColorMode(theme)) throw new HttpError(400, 'BAD_THEME', `?theme= is light or dark, not '${theme}'`);
    const session: FrameSession = { id: randomUUID(), module, accountId, colorMode: theme, createdAt: now };
    const projectKey = query.get('projectKey');
    if (projectKey) session.projectKey = projectKey;
    const issueKey = query.get('issueKey');
    if (issueKey) session.issueKey = issueKey;
    const route = query.get('route');
    if (route) session.route = route.replace(/^\/+/, '');
    const gadgetId = query.get('gadget');
    if (gadgetId) {
      const gadget = this.gadget(gadgetId);
      if (!gadget || gadget.moduleKey !== module.key) throw new HttpError(404, 'NO_GADGET', `No ${module.key} gadget ${gadgetId} on the dashboard`);
      session.gadgetId = gadgetId;
    }
    if (query.get('entry') === 'edit') {
      if (!gadgetId) throw new HttpError(400, 'NOT_EDITABLE', 'Only a gadget has an edit entry point');
      session.entryPoint = 'edit';
    }
    this.sessions.set(session.id, session);
    if (this.sessions.size > MAX_SESSIONS) {
      const oldest = this.sessions.keys().next().value;
      if (oldest !== undefined) this.sessions.delete(oldest);
    }
    return session;
  }

  get(id: string): FrameSession {
    const session = this.sessions.get(id);
    if (!session) throw new HttpError(404, 'NO_SESSION', 'This frame session has ended; reload the frame');
    return session;
  }

  /** The surface as the runtime host sees it, with the gadget's configuration as stored right now. */
  targetOf(session: FrameSession): SurfaceTarget {
    const target: SurfaceTarget = { moduleKey: session.module.key, accountId: session.accountId };
    if (session.projectKey) target.projectKey = session.projectKey;
    if (session.issueKey) target.issueKey = session.issueKey;
    if (session.route) target.route = session.route;
    if (session.gadgetId) {
      target.gadget = { id: session.gadgetId, dashboardId: DASHBOARD_ID, configuration: this.gadgetConfiguration(session.gadgetId) };
    }
    if (session.entryPoint) target.entryPoint = session.entryPoint;
    return target;
  }

  boot(session: FrameSession): FrameBoot {
    return {
      sessionId: session.id,
      moduleKey: session.module.key,
      moduleType: session.module.type,
      pathname: `/${session.route ?? ''}`,
      gadgetId: session.gadgetId ?? null,
      entryPoint: session.entryPoint ?? null,
      theme: { colorMode: session.colorMode, dataTheme: DATA_THEME, cssHref: THEME_CSS_PATH },
    };
  }

  /**
   * The module's built HTML entry with, first thing in <head>: a <base> so the bundle's relative
   * URLs (`./assets/…`, built with base './') resolve under /frame-assets/<resource>/, the frame's
   * boot data, and the bridge script. Both are classic scripts, so they run before the bundle's
   * module scripts, which `@forge/bridge` needs: it reads `window.__bridge` when it loads.
   */
  html(session: FrameSession): string {
    const { module } = session;
    const entry = session.entryPoint === 'edit' ? (module.editEntry ?? module.entry) : module.entry;
    if (!entry) throw new HttpError(400, 'NOT_CUSTOM_UI', `Module ${module.key} has no HTML entry`);
    const file = path.join(module.resourcePath, entry);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch {
      throw new HttpError(503, 'NOT_BUILT', `${path.relative(process.cwd(), file)} is missing: run \`npm run build\` (npm start builds it when static/src changed)`);
    }
    const boot = JSON.stringify(this.boot(session)).replace(/</g, '\\u003c');
    const injected = [
      `<base href="/frame-assets/${encodeURIComponent(module.resourceKey)}/">`,
      `<script>window.__relayFrame = ${boot};</script>`,
      '<script src="/shell-assets/bridge.js"></script>',
    ].join('\n    ');
    if (!/<head[^>]*>/i.test(source)) throw new HttpError(500, 'BAD_ENTRY', `${entry} has no <head>`);
    return source.replace(/<head[^>]*>/i, (head) => `${head}\n    ${injected}`);
  }
}

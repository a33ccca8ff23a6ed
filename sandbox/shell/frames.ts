import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GADGET_CONFIG_PROPERTY } from '../jira/dashboards';
import type { JiraService } from '../jira/jira-service';
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

/** A gadget on one of Jira's dashboards (kept by the Jira service, sandbox/jira/dashboards.ts). */
export interface DashboardGadget {
  id: string;
  dashboardId: string;
  moduleKey: string;
  title: string;
}

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
 * Keeps the iframes' sessions and builds each frame's HTML: the module's built entry from static/dist
 * with the bridge injected before the bundle. Gadgets and their configurations live in Jira (the
 * dashboards of the Jira service), read at the moment a frame asks, as Jira keeps them per gadget.
 */
export class FrameRegistry {
  private readonly sessions = new Map<string, FrameSession>();

  constructor(private readonly jira: Pick<JiraService, 'findGadget' | 'listDashboards' | 'storeGadgetConfiguration' | 'dashboardAccess'>) {}

  /** Every gadget on every dashboard (tests and the shell's state read it). */
  get gadgets(): DashboardGadget[] {
    return this.jira.listDashboards().flatMap((d) => d.gadgets.map((g) => ({ id: g.id, dashboardId: d.id, moduleKey: g.moduleKey, title: g.title })));
  }

  gadget(id: string): DashboardGadget | undefined {
    const found = this.jira.findGadget(id);
    return found ? { id: found.gadget.id, dashboardId: found.dashboard.id, moduleKey: found.gadget.moduleKey, title: found.gadget.title } : undefined;
  }

  /** The configuration the gadget's edit view last submitted; `{}` before the first. */
  gadgetConfiguration(id: string): Record<string, unknown> {
    const stored = this.jira.findGadget(id)?.gadget.properties[GADGET_CONFIG_PROPERTY];
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? { ...(stored as Record<string, unknown>) } : {};
  }

  /** Whether the gadget's edit view has ever been submitted (a gadget that was not needs configuring). */
  isConfigured(id: string): boolean {
    return this.jira.findGadget(id)?.gadget.properties[GADGET_CONFIG_PROPERTY] !== undefined;
  }

  /** `view.submit(config)`: stored as the frame's user, who must be able to edit the dashboard. */
  setGadgetConfiguration(id: string, configuration: Record<string, unknown>, accountId: string): void {
    const gadget = this.gadget(id);
    if (!gadget) throw new HttpError(404, 'NO_GADGET', `No gadget ${id} on any dashboard`);
    this.jira.storeGadgetConfiguration(accountId, gadget.dashboardId, id, configuration);
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
      // A dashboard the user may not see does not exist for them, as in Jira.
      if (!gadget || gadget.moduleKey !== module.key || this.jira.dashboardAccess(accountId, gadget.dashboardId) === 'none') {
        throw new HttpError(404, 'NO_GADGET', `No ${module.key} gadget ${gadgetId} on a dashboard you can see`);
      }
      session.gadgetId = gadgetId;
    }
    if (query.get('entry') === 'edit') {
      if (!gadgetId) throw new HttpError(400, 'NOT_EDITABLE', 'Only a gadget has an edit entry point');
      if (!module.editEntry) throw new HttpError(400, 'NOT_EDITABLE', `The ${module.key} gadget has no edit view`);
      const gadget = this.gadget(gadgetId);
      if (!gadget || this.jira.dashboardAccess(accountId, gadget.dashboardId) !== 'edit') throw new HttpError(403, 'NOT_EDITABLE', 'Only people who can edit the dashboard can configure its gadgets');
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
      const gadget = this.gadget(session.gadgetId);
      if (!gadget) throw new HttpError(404, 'NO_GADGET', `Gadget ${session.gadgetId} was removed from its dashboard`);
      target.gadget = { id: gadget.id, dashboardId: gadget.dashboardId, configuration: this.gadgetConfiguration(gadget.id) };
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

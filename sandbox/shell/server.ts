import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Sandbox } from '../index';
import { handleBridgeCall, SERVER_COMMANDS } from './bridge';
import { FrameRegistry } from './frames';
import { HttpError, readBody, readJson, sendFileUnder, sendJson, sendText } from './http';
import { shellLocationFor } from './jira-urls';
import { addGadget, createDashboard, listDashboards, removeGadget, viewDashboard } from './dashboards-api';
import type { ShellAnswer } from './shell-api';
import { viewIssue } from './issue-view';
import { createIssue, listIssues, siteState, transitionIssue, uikitTarget } from './shell-api';
import { THEME_CSS_PATH, themeCss } from './theme';
import { UiKitSurfaces } from './uikit-surfaces';

export interface ShellServerOptions {
  sandbox: Pick<Sandbox, 'host' | 'jira' | 'clock'>;
  /** 0 picks a free port. */
  port: number;
  /** Interface to listen on. Default: loopback only; the sandbox has no authentication. */
  hostname?: string;
}

export interface ShellServer {
  /** e.g. http://localhost:5173 */
  url: string;
  port: number;
  frames: FrameRegistry;
  /** The UI Kit surfaces open in the shell's pages. */
  surfaces: UiKitSurfaces;
  close(): Promise<void>;
}

const ASSETS = path.join(__dirname, 'assets');
/** The shell's own browser bundle (shell/host, built by Vite into shell/dist). */
const HOST_DIST = path.join(__dirname, 'dist');

/**
 * The page `npm start` serves: a small Jira-like shell around the sandbox. Custom UI modules load
 * in iframes with the real built bundle and an injected `window.__bridge`; the shell's own controls
 * call Jira REST as the chosen user. Plain node:http: a handful of routes, no framework needed.
 */
export async function startShellServer(options: ShellServerOptions): Promise<ShellServer> {
  const { sandbox } = options;
  const frames = new FrameRegistry(sandbox.jira);
  const surfaces = new UiKitSurfaces(sandbox.host);
  const deps = { sandbox, frames };

  const routes = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const method = req.method ?? 'GET';
    const { pathname } = url;

    if (pathname === '/healthz') return sendJson(res, 200, { ok: true });
    if (method === 'GET' && (pathname === '/' || pathname === '/index.html')) return sendFileUnder(res, ASSETS, 'shell.html');
    if ((method === 'GET' || method === 'HEAD') && pathname.startsWith('/shell-assets/')) return sendFileUnder(res, ASSETS, pathname.slice('/shell-assets/'.length));
    if ((method === 'GET' || method === 'HEAD') && pathname.startsWith('/shell-host/')) return sendFileUnder(res, HOST_DIST, pathname.slice('/shell-host/'.length));
    if (method === 'GET' && pathname === THEME_CSS_PATH) return sendText(res, 200, 'text/css; charset=utf-8', themeCss());

    if ((method === 'GET' || method === 'HEAD') && pathname.startsWith('/frame-assets/')) {
      const [resourceKey = '', ...rest] = pathname.slice('/frame-assets/'.length).split('/');
      const resource = sandbox.host.manifest.resources.get(decodeURIComponent(resourceKey));
      if (!resource) throw new HttpError(404, 'NO_RESOURCE', `No resource '${resourceKey}' in manifest.yml`);
      return sendFileUnder(res, resource.path, rest.join('/'));
    }

    if (method === 'GET' && pathname.startsWith('/frame/')) {
      const moduleKey = decodeURIComponent(pathname.slice('/frame/'.length));
      const module = sandbox.host.modules().find((m) => m.key === moduleKey);
      if (!module) throw new HttpError(404, 'NO_MODULE', `No module '${moduleKey}' in manifest.yml`);
      const session = frames.open(module, url.searchParams, sandbox.clock.now());
      return sendText(res, 200, 'text/html; charset=utf-8', frames.html(session));
    }

    if (method === 'POST' && pathname.startsWith('/bridge/')) {
      const session = frames.get(decodeURIComponent(pathname.slice('/bridge/'.length)));
      const body = await readJson(req);
      const command = typeof body.command === 'string' ? body.command : '';
      if (!(SERVER_COMMANDS as readonly string[]).includes(command)) throw new HttpError(400, 'UNKNOWN_COMMAND', `The sandbox's bridge does not serve '${command}' on the server`);
      try {
        const value = await handleBridgeCall(deps, session, command, body.payload);
        return sendJson(res, 200, { ok: true, value: value ?? null });
      } catch (error) {
        if (error instanceof HttpError) throw error;
        // The platform ran the call and it failed (the resolver threw, a limit was hit): the
        // iframe's promise rejects with this message, as Forge's bridge does.
        return sendJson(res, 200, { ok: false, error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } });
      }
    }

    const surface = /^\/api\/uikit\/surfaces\/([^/]+)\/(stream|act|product-event|close)$/.exec(pathname);
    if (surface) return surfaceRoute(req, res, decodeURIComponent(surface[1]!), `${method} ${surface[2]!}`);
    if (pathname.startsWith('/api/')) return api(req, res, url, method);

    const webTrigger = /^\/x1\/webtrigger\/[^/]+\/([^/]+)(\/.*)?$/.exec(pathname);
    if (webTrigger?.[1]) {
      const headers: Record<string, string[]> = {};
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value : [value];
      const query: Record<string, string[]> = {};
      for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
      const answer = await sandbox.host.callWebTrigger(decodeURIComponent(webTrigger[1]), { method, path: webTrigger[2] ?? '/', query, headers, body: await readBody(req) });
      const responseHeaders: Record<string, string> = {};
      for (const [name, values] of Object.entries(answer.headers)) responseHeaders[name] = values.join(', ');
      res.writeHead(answer.statusCode, responseHeaders);
      res.end(answer.body);
      return;
    }

    if (method === 'GET') {
      const { appId, environmentId } = sandbox.host.platform.app;
      const projectPages = sandbox.host.modules().filter((m) => m.type === 'jira:projectPage').map((m) => m.key);
      const location = shellLocationFor(pathname, url.search, { appId, environmentId, projectPages });
      if (location) {
        res.writeHead(302, { location });
        res.end();
        return;
      }
    }

    throw new HttpError(404, 'NOT_FOUND', `Nothing at ${method} ${pathname}`);
  };

  const api = async (req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> => {
    const route = `${method} ${url.pathname}`;
    let answer: ShellAnswer;
    switch (route) {
      case 'GET /api/state':
        answer = { status: 200, body: siteState(deps) };
        break;
      case 'GET /api/issues':
        answer = await listIssues(deps, url.searchParams);
        break;
      case 'POST /api/issues':
        answer = await createIssue(deps, await readJson(req));
        break;
      case 'GET /api/issue':
        answer = await viewIssue(deps, url.searchParams);
        break;
      case 'POST /api/transition':
        answer = await transitionIssue(deps, await readJson(req));
        break;
      case 'POST /api/uikit/surfaces':
        answer = { status: 200, body: { ok: true, ...(await surfaces.open(uikitTarget(deps, await readJson(req)))) } };
        break;
      case 'GET /api/dashboards':
        answer = await listDashboards(deps, url.searchParams);
        break;
      case 'POST /api/dashboards':
        answer = await createDashboard(deps, await readJson(req));
        break;
      case 'GET /api/dashboard':
        answer = await viewDashboard(deps, url.searchParams);
        break;
      case 'POST /api/dashboard/gadgets':
        answer = await addGadget(deps, await readJson(req));
        break;
      case 'POST /api/dashboard/gadgets/remove':
        answer = await removeGadget(deps, await readJson(req));
        break;
      default:
        throw new HttpError(404, 'NOT_FOUND', `Nothing at ${route}`);
    }
    sendJson(res, answer.status, answer.body);
  };

  /** One open UI Kit surface: its tree stream (server-sent events), the person's events, product events. */
  const surfaceRoute = async (req: IncomingMessage, res: ServerResponse, id: string, route: string): Promise<void> => {
    switch (route) {
      case 'GET stream': {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
        const stop = surfaces.subscribe(id, (update) => res.write(`data: ${JSON.stringify(update)}\n\n`));
        req.on('close', stop);
        return;
      }
      case 'POST act':
        await surfaces.act(id, await readJson(req));
        return sendJson(res, 200, { ok: true });
      case 'POST product-event':
        await surfaces.productEvent(id, await readJson(req));
        return sendJson(res, 200, { ok: true });
      case 'POST close':
        await surfaces.close(id);
        return sendJson(res, 200, { ok: true });
      default:
        throw new HttpError(405, 'METHOD', `Nothing at ${route} for a UI Kit surface`);
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://shell.local');
    routes(req, res, url).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      const code = error instanceof HttpError ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, status, { ok: false, error: { code, message } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.hostname ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://localhost:${port}`;
  sandbox.host.publicUrl = url;

  return {
    url,
    port,
    frames,
    surfaces,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await surfaces.closeAll();
    },
  };
}

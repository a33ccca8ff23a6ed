import { DEMO_USERS } from '../../sandbox/demo/seed';
import { useShellSession } from '../support/shell-session';

/**
 * The shell server over plain HTTP: frames with the injected bridge, the bridge's server commands
 * answered by the real runtime host and Jira service, static assets, and the shell's own API.
 */
const SAM = DEMO_USERS.sam.accountId;
const VIC = DEMO_USERS.vic.accountId;
const OMAR = DEMO_USERS.omar.accountId;

const session = useShellSession({ contexts: 'none' });

async function get(pathAndQuery: string): Promise<Response> {
  return fetch(session.shell.url + pathAndQuery);
}

/** Opens a frame as the shell page would and returns its bridge session id. */
async function openFrame(query: string): Promise<{ sessionId: string; html: string }> {
  const response = await get(`/frame/${query}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  const match = /"sessionId":"([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`No session id in the frame HTML:\n${html}`);
  return { sessionId: match[1], html };
}

async function bridge(sessionId: string, command: string, payload: unknown): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: { message: string; code?: string } } }> {
  const response = await fetch(`${session.shell.url}/bridge/${sessionId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ command, payload }) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } } };
}

describe('shell server', () => {
  it('answers /healthz', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
  });

  it('serves a module entry with <base> and the bridge before the app bundle', async () => {
    const { html } = await openFrame(`relay-crm?accountId=${SAM}&projectKey=SALES&route=deals`);
    const base = html.indexOf('<base href="/frame-assets/ui/">');
    const bridgeScript = html.indexOf('<script src="/shell-assets/bridge.js"></script>');
    const bundle = html.search(/<script type="module"[^>]*src="\.\/assets\/project-page-/);
    expect(base).toBeGreaterThan(0);
    expect(bridgeScript).toBeGreaterThan(base);
    expect(bundle).toBeGreaterThan(bridgeScript);
    expect(html).toContain('"pathname":"/deals"');
  });

  it('serves the built assets under /frame-assets with their content types, and nothing outside', async () => {
    const { html } = await openFrame(`relay-crm?accountId=${SAM}&projectKey=SALES`);
    const script = /src="\.\/(assets\/project-page-[^"]+\.js)"/.exec(html)?.[1];
    const style = /href="\.\/(assets\/[^"]+\.css)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect(style).toBeDefined();
    const js = await get(`/frame-assets/ui/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await get(`/frame-assets/ui/${style}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const icon = await get('/frame-assets/ui/icons/deal.svg');
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    const escape = await get('/frame-assets/ui/%2e%2e%2f%2e%2e%2fpackage.json');
    expect(escape.status).toBe(403);
    expect((await get('/frame-assets/ui/assets/missing.js')).status).toBe(404);
  });

  it('refuses frames for UI Kit modules and frames without a user', async () => {
    const uiKit = await get(`/frame/relay-deal-panel?accountId=${SAM}&issueKey=SALES-1`);
    expect(uiKit.status).toBe(400);
    expect(await uiKit.json()).toMatchObject({ ok: false, error: { code: 'NOT_CUSTOM_UI' } });
    const anonymous = await get('/frame/relay-crm?projectKey=SALES');
    expect(anonymous.status).toBe(400);
    expect((await get('/frame/no-such-module?accountId=x')).status).toBe(404);
  });

  it('invoke runs the real resolver as the frame user, in the frame project', async () => {
    const { sessionId } = await openFrame(`relay-crm?accountId=${SAM}&projectKey=SALES`);
    const before = session.sandbox.platform.invocations.length;
    const answer = await bridge(sessionId, 'invoke', { functionKey: 'system/status', payload: {} });
    expect(answer.body.ok).toBe(true);
    expect(answer.body.value).toMatchObject({ ok: true, data: { app: 'relay', accountId: SAM, moduleKey: 'relay-crm', projectKey: 'SALES', issueKey: null } });
    const record = session.sandbox.platform.invocations.slice(before).find((r) => r.kind === 'resolver');
    expect(record).toMatchObject({ moduleKey: 'relay-crm', accountId: SAM, outcome: 'ok' });
  });

  it('rejects an invoke with the message the handler threw', async () => {
    const { sessionId } = await openFrame(`relay-crm?accountId=${SAM}&projectKey=SALES`);
    let thrown = '';
    try {
      await session.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: SAM, projectKey: 'SALES' }, 'no/such-call');
    } catch (error) {
      thrown = (error as Error).message;
    }
    expect(thrown).not.toBe('');
    const answer = await bridge(sessionId, 'invoke', { functionKey: 'no/such-call', payload: {} });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: false, error: { name: 'Error', message: thrown } });
  });

  it('getContext answers the extension context of the module', async () => {
    const { sessionId } = await openFrame(`relay-crm-settings?accountId=${VIC}&projectKey=SALES`);
    const answer = await bridge(sessionId, 'getContext', null);
    expect(answer.body.value).toMatchObject({ accountId: VIC, moduleKey: 'relay-crm-settings', extension: { type: 'jira:projectSettingsPage', project: { key: 'SALES' } } });
  });

  it('fetchProduct calls Jira as the frame user, with Jira permissions', async () => {
    const asOmar = await openFrame(`relay-admin?accountId=${OMAR}`);
    const request = { product: 'jira', restPath: '/rest/api/3/project/search', fetchRequestInit: { method: 'GET', headers: [['accept', 'application/json']] } };
    const omar = await bridge(asOmar.sessionId, 'fetchProduct', request);
    const omarProjects = JSON.parse((omar.body.value as { body: string }).body) as { values: Array<{ key: string }> };
    expect(omarProjects.values.map((p) => p.key)).toEqual(['CS']);
    const asSam = await openFrame(`relay-admin?accountId=${SAM}`);
    const sam = await bridge(asSam.sessionId, 'fetchProduct', request);
    expect((sam.body.value as { status: number }).status).toBe(200);
    const samProjects = JSON.parse((sam.body.value as { body: string }).body) as { values: Array<{ key: string }> };
    expect(samProjects.values.map((p) => p.key).sort()).toEqual(['DEL', 'SALES']);
  });

  it('submit stores a gadget configuration from its edit view only, and the view reads it back', async () => {
    const gadget = session.shell.frames.gadgets.find((g) => g.moduleKey === 'relay-renewals-gadget');
    if (!gadget) throw new Error('no renewals gadget on the dashboard');
    const view = await openFrame(`relay-renewals-gadget?accountId=${SAM}&gadget=${gadget.id}`);
    expect((await bridge(view.sessionId, 'submit', { projectKey: 'DEL', period: 'next-30-days' })).body).toEqual({ ok: true, value: false });
    expect(session.shell.frames.gadgetConfiguration(gadget.id)).toEqual({});

    const edit = await openFrame(`relay-renewals-gadget?accountId=${SAM}&gadget=${gadget.id}&entry=edit`);
    const editContext = (await bridge(edit.sessionId, 'getContext', null)).body.value as { extension: Record<string, unknown> };
    expect(editContext.extension).toMatchObject({ entryPoint: 'edit', gadget: { id: gadget.id }, dashboard: { id: gadget.dashboardId }, gadgetConfiguration: {} });
    expect((await bridge(edit.sessionId, 'submit', { projectKey: 'SALES', period: 'next-90-days' })).body).toEqual({ ok: true, value: true });

    // A view opened before the submit sees the new configuration on its next context load, as after Jira's reload.
    const after = (await bridge(view.sessionId, 'getContext', null)).body.value as { extension: Record<string, unknown> };
    expect(after.extension.gadgetConfiguration).toEqual({ projectKey: 'SALES', period: 'next-90-days' });
    expect(after.extension.entryPoint).toBeUndefined();
  });

  it('refuses unknown sessions and unknown commands', async () => {
    expect((await bridge('00000000-0000-0000-0000-000000000000', 'getContext', null)).status).toBe(404);
    const { sessionId } = await openFrame(`relay-crm?accountId=${SAM}&projectKey=SALES`);
    const unknown = await bridge(sessionId, 'openRovo', {});
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });

  it('lists users without the app account, projects, and the modules the shell lays out', async () => {
    const state = (await (await get('/api/state')).json()) as { users: Array<{ accountId: string }>; projects: Array<{ key: string }>; modules: Array<{ key: string; type: string }>; gadgetTypes: unknown[] };
    expect(state.users.map((u) => u.accountId)).toEqual(Object.values(DEMO_USERS).map((u) => u.accountId));
    expect(state.projects.map((p) => p.key).sort()).toEqual(['CS', 'DEL', 'SALES']);
    expect(state.modules.find((m) => m.key === 'relay-crm')).toMatchObject({ type: 'jira:projectPage' });
    // The gadget directory: each gadget as manifest.yml describes it, its thumbnail served from the resource.
    expect(state.gadgetTypes).toEqual([
      { moduleKey: 'relay-pipeline-gadget', title: 'Relay pipeline', description: expect.stringMatching(/^Forecast/), thumbnailUrl: '/frame-assets/ui/icons/pipeline-gadget.svg', configurable: true },
      { moduleKey: 'relay-renewals-gadget', title: 'Relay renewals', description: expect.stringMatching(/^Renewals/), thumbnailUrl: '/frame-assets/ui/icons/renewals-gadget.svg', configurable: true },
    ]);
  });

  it('opens a UI Kit surface, streams its trees, runs a person’s events on it and refuses what a person could not do', async () => {
    const epic = session.sandbox.jira.listIssues('DEL').find((i) => i.summary === 'Deliver Acme Corporation: Annual licence');
    if (!epic) throw new Error('The demo site has no delivery epic');
    const post = (path: string, body: unknown) => fetch(`${session.shell.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const opened = await post('/api/uikit/surfaces', { accountId: DEMO_USERS.dana.accountId, moduleKey: 'relay-deal-panel', issueKey: epic.key });
    expect(opened.status).toBe(200);
    const { id, tree } = (await opened.json()) as { id: string; tree: { type: string } };
    expect(tree.type).toBe('Root');

    // The stream: one server-sent event per tree, the current one first.
    const controller = new AbortController();
    const stream = await fetch(`${session.shell.url}/api/uikit/surfaces/${id}/stream`, { signal: controller.signal });
    expect(stream.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = stream.body!.getReader();
    let text = '';
    while (!text.includes('Accept hand-off')) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    const latest = JSON.parse(text.trim().split('\n\n').pop()!.replace(/^data: /, '')) as { tree: unknown };
    type Wire = { type: string; key?: string; handlers: string[]; props: Record<string, unknown>; children: Wire[] };
    const all: Wire[] = [];
    const walk = (node: Wire) => {
      all.push(node);
      node.children.forEach(walk);
    };
    walk(latest.tree as Wire);
    const accept = all.find((n) => n.type === 'LoadingButton' && n.handlers.includes('onClick'));
    expect(accept).toBeDefined();
    // Handlers stay in the app's frame: the page gets their names, never code.
    expect(JSON.stringify(latest.tree)).not.toContain('function');

    expect((await post(`/api/uikit/surfaces/${id}/act`, { key: 'no-such-element', prop: 'onClick', args: [] })).status).toBe(409);
    expect((await post(`/api/uikit/surfaces/${id}/act`, { key: accept!.key, prop: 'toString', args: [] })).status).toBe(400);
    expect((await post(`/api/uikit/surfaces/${id}/act`, { key: accept!.key, prop: 'onClick', args: [{ type: 'click' }] })).status).toBe(200);
    expect((await post(`/api/uikit/surfaces/${id}/close`, {})).status).toBe(200);
    expect((await post(`/api/uikit/surfaces/${id}/act`, { key: accept!.key, prop: 'onClick', args: [] })).status).toBe(410);
    await session.sandbox.host.settle();
  });

  it('creates and transitions issues as the chosen user, passing Jira refusals on', async () => {
    const refused = await fetch(`${session.shell.url}/api/issues`, { method: 'POST', body: JSON.stringify({ accountId: VIC, projectKey: 'SALES', summary: 'Vic tries' }) });
    expect(refused.status).toBe(403);
    const created = await fetch(`${session.shell.url}/api/issues`, { method: 'POST', body: JSON.stringify({ accountId: SAM, projectKey: 'SALES', summary: 'Call Acme back' }) });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    expect(session.sandbox.jira.listIssues('SALES').find((i) => i.key === key)?.summary).toBe('Call Acme back');

    const viewed = (await (await get(`/api/issue?accountId=${SAM}&issueKey=${key}`)).json()) as { transitions: Array<{ id: string; to: string }> };
    const toDone = viewed.transitions.find((t) => t.to === 'Done');
    if (!toDone) throw new Error(`No transition to Done among ${JSON.stringify(viewed.transitions)}`);
    const moved = await fetch(`${session.shell.url}/api/transition`, { method: 'POST', body: JSON.stringify({ accountId: SAM, issueKey: key, transitionId: toDone.id }) });
    expect(moved.status).toBe(200);
    expect(session.sandbox.jira.listIssues('SALES').find((i) => i.key === key)?.status).toBe('Done');
  });

  it('answers Jira’s own addresses with the same place in the shell, as Jira serves them', async () => {
    const { appId, environmentId } = session.sandbox.platform.app;
    const location = async (pathAndQuery: string) => {
      const response = await fetch(`${session.shell.url}${pathAndQuery}`, { redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location') };
    };
    expect(await location(`/jira/software/projects/SALES/apps/${appId}/${environmentId}/deals/d-1`)).toEqual({ status: 302, location: '/#/projects/SALES/apps/relay-crm/deals/d-1' });
    expect(await location('/jira/software/projects/SALES/apps/relay-crm/pipeline?period=this-quarter')).toEqual({ status: 302, location: '/#/projects/SALES/apps/relay-crm/pipeline?period=this-quarter' });
    expect(await location('/browse/DEL-4')).toEqual({ status: 302, location: '/#/projects/DEL/issues/DEL-4' });
    expect(await location('/jira/dashboards/10000')).toEqual({ status: 302, location: '/#/dashboards/10000' });
    expect((await location('/jira/software/projects/SALES/apps/not-relay/pipeline')).status).toBe(404);
  });

  it('routes web trigger URLs to the host', async () => {
    const key = (session.sandbox.host.manifest.modules.webtrigger ?? [])[0]?.key;
    if (typeof key !== 'string') throw new Error('manifest.yml declares no web trigger');
    const url = session.sandbox.host.webTriggerUrl(key);
    expect(url.startsWith(session.shell.url)).toBe(true);
    const direct = await session.sandbox.host.callWebTrigger(key, { method: 'POST', headers: { 'content-type': ['application/json'] }, body: '{}' });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(response.status).toBe(direct.statusCode);
    expect(await response.text()).toBe(direct.body);
  });
});

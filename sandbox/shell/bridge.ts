import type { Sandbox } from '../index';
import type { FrameRegistry, FrameSession } from './frames';
import { HttpError } from './http';
import { jiraAsUser } from './jira-as-user';

/**
 * The server half of `window.__bridge`: what a Custom UI iframe's bridge calls do on the
 * platform. Commands that only touch the page (history, events between frames, flags, theming,
 * resizing) are answered in the iframe or by the shell page (assets/bridge.js); the ones below
 * need the platform: the app's resolver, the extension context, Jira as the user, gadget storage.
 */
export type BridgeCommand = 'getContext' | 'invoke' | 'fetchProduct' | 'submit';

export const SERVER_COMMANDS: readonly BridgeCommand[] = ['getContext', 'invoke', 'fetchProduct', 'submit'];

export interface BridgeDeps {
  sandbox: Pick<Sandbox, 'host' | 'jira'>;
  frames: FrameRegistry;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function handleBridgeCall(deps: BridgeDeps, session: FrameSession, command: string, payload: unknown): Promise<unknown> {
  const { sandbox, frames } = deps;
  switch (command) {
    case 'getContext':
      return sandbox.host.surfaceContext(frames.targetOf(session));
    case 'invoke':
      return invoke(deps, session, payload);
    case 'fetchProduct':
      return fetchProduct(deps, session, payload);
    case 'submit':
      return submit(frames, session, payload);
    default:
      throw new HttpError(400, 'UNKNOWN_COMMAND', `The sandbox's bridge does not serve '${command}' on the server`);
  }
}

/** `invoke(functionKey, payload)`: the module's resolver runs as the frame's user; a thrown error rejects the caller's promise with its message. */
async function invoke({ sandbox, frames }: BridgeDeps, session: FrameSession, payload: unknown): Promise<unknown> {
  if (!isRecord(payload) || typeof payload.functionKey !== 'string') throw new HttpError(400, 'BAD_INVOKE', 'invoke needs { functionKey, payload }');
  if (typeof payload.invokeType === 'string') {
    throw new HttpError(400, 'UNSUPPORTED', `Relay declares no remote or container endpoints (${payload.invokeType})`);
  }
  const result = await sandbox.host.invokeResolver(frames.targetOf(session), payload.functionKey, payload.payload ?? {});
  // With metadata, Forge's bridge answers `{ body, metadata }` (see @forge/bridge invoke.js).
  return payload.metadata === undefined ? result : { body: result, metadata: payload.metadata };
}

/** `requestJira(path, init)` from Custom UI: Jira REST as the signed-in user, answered in the shape @forge/bridge turns back into a Response. */
async function fetchProduct({ sandbox }: BridgeDeps, session: FrameSession, payload: unknown): Promise<unknown> {
  if (!isRecord(payload) || typeof payload.restPath !== 'string') throw new HttpError(400, 'BAD_FETCH', 'fetchProduct needs { product, restPath, fetchRequestInit }');
  if (payload.product !== 'jira') {
    return { status: 404, statusText: 'Not Found', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `The sandbox has no ${String(payload.product)} site` }), isAttachment: false };
  }
  const init = isRecord(payload.fetchRequestInit) ? payload.fetchRequestInit : {};
  const method = typeof init.method === 'string' ? init.method : 'GET';
  const headers: Record<string, string> = {};
  if (Array.isArray(init.headers)) {
    for (const pair of init.headers) if (Array.isArray(pair) && pair.length === 2) headers[String(pair[0]).toLowerCase()] = String(pair[1]);
  }
  const body = typeof init.body === 'string' && init.body !== '' ? init.body : undefined;
  const answer = await jiraAsUser(sandbox.jira, session.accountId, method, payload.restPath, body, headers);
  const text = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return {
    status: answer.status,
    statusText: STATUS_TEXT[answer.status] ?? '',
    headers: { 'content-type': 'application/json', ...answer.headers },
    body: text,
    isAttachment: false,
  };
}

/** `view.submit(config)` from a gadget's edit view stores the configuration; anywhere else Jira says the view is not submittable (false). */
function submit(frames: FrameRegistry, session: FrameSession, payload: unknown): boolean {
  if (!session.gadgetId || session.entryPoint !== 'edit') return false;
  if (!isRecord(payload)) throw new HttpError(400, 'BAD_SUBMIT', 'A gadget configuration is an object');
  frames.setGadgetConfiguration(session.gadgetId, payload, session.accountId);
  return true;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

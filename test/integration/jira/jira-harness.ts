import path from 'node:path';
import api from '@forge/api';
import type { Route } from '@forge/api';
import { createSandbox, ManualClock, type Sandbox } from '../../../sandbox';
import type { JiraIssueEvent } from '../../../sandbox/platform/types';

const probeRoot = path.resolve(__dirname, '../../fixtures/probe-app');

/** The people of the test site; each holds a different set of permissions in project DEL. */
export const ALICE = '5b10ac8d82e05b22cc7d4e01'; // works in DEL (browse, create, edit, transition, delete, link)
export const VIC = '5b10ac8d82e05b22cc7d4e02'; // browses DEL only
export const OMAR = '5b10ac8d82e05b22cc7d4e03'; // no permission in DEL
export const ADA = '5b10ac8d82e05b22cc7d4e04'; // site admin without grants

export const WORK = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'DELETE_ISSUES', 'LINK_ISSUES'];

/** Parsed JSON bodies are read loosely in tests; each assertion states the shape it expects. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type LooseJson = any;

export interface JiraAnswer<T = LooseJson> {
  status: number;
  headers: Record<string, string>;
  body: T;
}

export interface JiraSiteHarness {
  sandbox: Sandbox;
  clock: ManualClock;
  events: JiraIssueEvent[];
  /**
   * One REST call through the real @forge/api (asApp() for 'app', asUser() for an account), inside
   * a Forge invocation, so it reaches the Jira service the way the app's calls do.
   */
  call<T = LooseJson>(as: 'app' | string, method: string, route: Route, body?: unknown, rawBody?: string): Promise<JiraAnswer<T>>;
}

export async function startJiraSite(): Promise<JiraSiteHarness> {
  const clock = new ManualClock();
  const sandbox = await createSandbox({ clock, appRoot: probeRoot });
  const { jira } = sandbox;
  jira.addUser({ accountId: ALICE, displayName: 'Alice Worker', emailAddress: 'alice@example.com' });
  jira.addUser({ accountId: VIC, displayName: 'Vic Viewer' });
  jira.addUser({ accountId: OMAR, displayName: 'Omar Outsider' });
  jira.addUser({ accountId: ADA, displayName: 'Ada Admin' });
  jira.setSiteAdmin(ADA, true);
  jira.addProject({ key: 'DEL', name: 'Delivery', leadAccountId: ALICE });
  jira.addProject({ key: 'CS', name: 'Customer Success', leadAccountId: OMAR });
  jira.grant(ALICE, 'DEL', WORK);
  jira.grant(VIC, 'DEL', ['BROWSE_PROJECTS']);
  jira.grant(OMAR, 'CS', WORK);
  jira.registerEntityPropertyIndex({
    key: 'deal-index',
    entityType: 'issue',
    propertyKey: 'relay-deal',
    values: [
      { path: 'dealId', type: 'string', searchAlias: 'relayDealId' },
      { path: 'dealName', type: 'text', searchAlias: 'relayDealName' },
      { path: 'amount', type: 'number' },
    ],
  });
  const events: JiraIssueEvent[] = [];
  jira.onIssueEvent((event) => events.push(event));

  const call = async <T>(as: 'app' | string, method: string, route: Route, body?: unknown, rawBody?: string): Promise<JiraAnswer<T>> => {
    const { result } = await sandbox.platform.runInvocation(
      { functionKey: 'jira-test', moduleKey: 'jira-test', kind: 'script', ...(as === 'app' ? {} : { accountId: as }), timeoutMs: 25_000 },
      async () => {
        const client = as === 'app' ? api.asApp() : api.asUser();
        const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
        const response = await client.requestJira(route, {
          method,
          headers: { Accept: 'application/json', ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }) },
          ...(payload === undefined ? {} : { body: payload }),
        });
        const text = await response.text();
        const headers: Record<string, string> = {};
        response.headers.forEach((value, key) => {
          headers[key] = value;
        });
        return { status: response.status, headers, body: (text ? JSON.parse(text) : undefined) as T };
      },
    );
    return result;
  };
  return { sandbox, clock, events, call };
}

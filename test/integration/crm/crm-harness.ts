import type { CallSpec, InputOf, ResultOf } from '../../../src/contracts/calls';
import type { CallError } from '../../../src/contracts/envelope';
import { createSandbox, ManualClock, type Sandbox, type SandboxOptions } from '../../../sandbox';
import { editCrmPermissionKey } from '../../../sandbox/demo/seed';

/**
 * A Jira site for CRM tests, on the real app and SDK: SALES and DEL projects and five people with
 * different rights, as PRODUCT.md §5 describes them.
 *   alice: administers SALES (and edits CRM records there)   sam: edits CRM records in SALES
 *   vic: browses SALES only                                   dana: works in DEL only
 *   omar: no project at all
 */
export const USERS = {
  alice: '5b10ac8d82e05b22cc7d4e01',
  sam: '5b10ac8d82e05b22cc7d4e02',
  vic: '5b10ac8d82e05b22cc7d4e03',
  dana: '5b10ac8d82e05b22cc7d4e04',
  omar: '5b10ac8d82e05b22cc7d4e05',
} as const;
export type User = keyof typeof USERS;

// As in Jira's default permission scheme, people who work in a project can be assigned its issues.
const WORK = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'LINK_ISSUES', 'ASSIGNABLE_USER'];

export interface Crm {
  sandbox: Sandbox;
  clock: ManualClock;
  /** Calls a resolver key from the CRM project page as `user`; answers the envelope. */
  call<C extends CallSpec>(user: User, spec: C, input: InputOf<C> | Record<string, unknown>, projectKey?: string): Promise<{ ok: true; data: ResultOf<C> } | { ok: false; error: CallError }>;
  /** Same, failing the test unless the call succeeds. */
  ok<C extends CallSpec>(user: User, spec: C, input: InputOf<C> | Record<string, unknown>, projectKey?: string): Promise<ResultOf<C>>;
  /**
   * Lets time pass on the sandbox clock (by default the storage query lag): what a person sees on
   * coming back to a list later, once entity queries show the latest writes.
   */
  later(ms?: number): void;
  /** `ok` for a list or search, read as someone coming back to it `later()` (entity queries may trail writes). */
  list<C extends CallSpec>(user: User, spec: C, input: InputOf<C> | Record<string, unknown>, projectKey?: string): Promise<ResultOf<C>>;
  close(): Promise<void>;
}

/** A CRM site on a ManualClock; `options` may change the platform's strictness (limits, latency, lag). */
export async function startCrm(options: Omit<SandboxOptions, 'clock'> = {}): Promise<Crm> {
  const clock = new ManualClock();
  const sandbox = await createSandbox({ ...options, clock });
  const { jira } = sandbox;
  for (const [name, accountId] of Object.entries(USERS)) jira.addUser({ accountId, displayName: name });
  jira.addProject({ key: 'SALES', name: 'Sales', leadAccountId: USERS.alice });
  jira.addProject({ key: 'DEL', name: 'Delivery', leadAccountId: USERS.dana });
  const edit = editCrmPermissionKey(sandbox);
  jira.grant(USERS.alice, 'SALES', [...WORK, 'ADMINISTER_PROJECTS', edit]);
  jira.grant(USERS.sam, 'SALES', [...WORK, edit]);
  jira.grant(USERS.vic, 'SALES', ['BROWSE_PROJECTS']);
  jira.grant(USERS.dana, 'DEL', [...WORK, 'ADMINISTER_PROJECTS', edit]);

  const call: Crm['call'] = async (user, spec, input, projectKey = 'SALES') =>
    (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: USERS[user], projectKey }, spec.key, input)) as never;
  const ok: Crm['ok'] = async (user, spec, input, projectKey) => {
    const answer = await call(user, spec, input, projectKey);
    if (!answer.ok) throw new Error(`${spec.key} as ${user} failed: ${JSON.stringify(answer.error)}`);
    return answer.data;
  };
  const later = (ms = sandbox.kvs.queryLagMs) => clock.advance(ms);
  const list: Crm['list'] = async (user, spec, input, projectKey) => {
    later();
    return ok(user, spec, input, projectKey);
  };
  return { sandbox, clock, call, ok, later, list, close: () => sandbox.close() };
}

/** What a failed call answered, failing the test if it succeeded. */
export function errorOf(answer: { ok: boolean; error?: CallError }): CallError {
  if (answer.ok || !answer.error) throw new Error('Expected the call to fail, and it succeeded');
  return answer.error;
}

/** The SALES → DEL hand-off template the hand-off tests save (override what a test needs). */
export function handoffTemplate(overrides: Record<string, unknown> = {}) {
  return {
    enabled: true,
    targetProjectKey: 'DEL',
    issueTypeName: 'Epic',
    summaryTemplate: 'Deliver {{deal.name}} for {{company.name}}',
    assigneeAccountId: null,
    labels: ['relay-handoff'],
    dueInBusinessDays: 5,
    acceptWithinBusinessHours: 16,
    checklist: ['Kick-off call', 'Confirm success criteria'],
    ...overrides,
  };
}

/** A deal's fields that satisfy every stage's exit criteria up to won (company and contacts aside). */
export const READY_FIELDS = {
  amountMinor: 4_800_000, currency: 'EUR', recurring: true, closeDate: '2026-12-15', nextStep: 'Order form', contractStart: '2027-01-01', contractEnd: '2027-12-31',
  scope: 'SSO and 3 workspaces', notSold: 'On-prem connector', stakeholders: 'CFO, IT lead', successCriteria: '80% weekly active in 90 days',
};

import { Calls, type CallSpec } from '../../../src/contracts/calls';
import type { CallError } from '../../../src/contracts/envelope';
import { createSandbox, ManualClock, type Sandbox } from '../../../sandbox';
import { editCrmPermissionKey } from '../../../sandbox/demo/seed';
import { pinAppClock } from '../../support/app-clock';
import { handoffTemplate, READY_FIELDS } from '../crm/crm-harness';

/**
 * A site for the permission matrix and the fuzz test: SALES (the project under test, CRM on), OPS
 * (another CRM project), DEL (a project without the CRM), and one person per kind of caller.
 */
export const WHO = ['none', 'noCrm', 'browse', 'editor', 'admin', 'jiraAdmin', 'otherProject'] as const;
export type Who = (typeof WHO)[number];

export const PEOPLE: Record<Who, { accountId: string; name: string; home: string }> = {
  none: { accountId: '5b10ac8d82e05b22cc7d4f01', name: 'No access', home: 'SALES' },
  noCrm: { accountId: '5b10ac8d82e05b22cc7d4f02', name: 'Works in DEL (no CRM)', home: 'DEL' },
  browse: { accountId: '5b10ac8d82e05b22cc7d4f03', name: 'Browses SALES', home: 'SALES' },
  editor: { accountId: '5b10ac8d82e05b22cc7d4f04', name: 'Edits CRM records in SALES', home: 'SALES' },
  admin: { accountId: '5b10ac8d82e05b22cc7d4f05', name: 'Administers SALES', home: 'SALES' },
  jiraAdmin: { accountId: '5b10ac8d82e05b22cc7d4f06', name: 'Jira administrator', home: 'SALES' },
  otherProject: { accountId: '5b10ac8d82e05b22cc7d4f07', name: 'Edits and administers OPS', home: 'OPS' },
};

const WORK = ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'EDIT_ISSUES', 'TRANSITION_ISSUES', 'LINK_ISSUES'];

export type Answer = { ok: true; data: unknown } | { ok: false; error: CallError };

export interface Site {
  sandbox: Sandbox;
  call(who: Who, spec: CallSpec, payload: unknown): Promise<Answer>;
  /** Succeeds or fails the test: set-up calls by the people allowed to make them. */
  ok<T = Record<string, unknown>>(who: Who, spec: CallSpec, payload: unknown): Promise<T>;
  salesStages: Array<{ id: string }>;
  deal: { id: string; version: number };
  company: { id: string };
  contact: { id: string };
  /** Lets time pass (by default the storage query lag): lists then show the latest writes. */
  later(ms?: number): void;
  close(): Promise<void>;
}

export async function startSite(): Promise<Site> {
  const clock = new ManualClock();
  const sandbox = await createSandbox({ clock });
  // The app's clock is the platform's clock, so that time passing between calls passes for both.
  const appClock = pinAppClock(clock);
  const { jira } = sandbox;
  for (const person of Object.values(PEOPLE)) jira.addUser({ accountId: person.accountId, displayName: person.name });
  jira.addProject({ key: 'SALES', name: 'Sales', leadAccountId: PEOPLE.admin.accountId });
  jira.addProject({ key: 'OPS', name: 'Operations', leadAccountId: PEOPLE.otherProject.accountId });
  jira.addProject({ key: 'DEL', name: 'Delivery', leadAccountId: PEOPLE.noCrm.accountId });
  const edit = editCrmPermissionKey(sandbox);
  jira.grant(PEOPLE.browse.accountId, 'SALES', ['BROWSE_PROJECTS']);
  jira.grant(PEOPLE.editor.accountId, 'SALES', [...WORK, edit]);
  jira.grant(PEOPLE.admin.accountId, 'SALES', [...WORK, 'ADMINISTER_PROJECTS', edit]);
  jira.grant(PEOPLE.otherProject.accountId, 'OPS', [...WORK, 'ADMINISTER_PROJECTS', edit]);
  jira.grant(PEOPLE.noCrm.accountId, 'DEL', [...WORK, 'ADMINISTER_PROJECTS', edit]);
  jira.setSiteAdmin(PEOPLE.jiraAdmin.accountId, true);

  // One call a second, as people click: the platform's quotas are metered per second and per minute
  // on this clock, and thousands of calls in one instant would spend them (that is not what is tested here).
  const call: Site['call'] = async (who, spec, payload) => {
    appClock.advance(1000);
    return (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: PEOPLE[who].accountId, projectKey: PEOPLE[who].home }, spec.key, payload)) as Answer;
  };
  const ok: Site['ok'] = async (who, spec, payload) => {
    const answer = await call(who, spec, payload);
    if (!answer.ok) throw new Error(`${spec.key} as ${who} failed: ${JSON.stringify(answer.error)}`);
    return answer.data as never;
  };
  const pipeline = await ok<{ stages: Array<{ id: string }> }>('admin', Calls.pipelines.enable, { projectKey: 'SALES' });
  await ok('otherProject', Calls.pipelines.enable, { projectKey: 'OPS' });
  await ok('admin', Calls.handoff.saveTemplate, { projectKey: 'SALES', version: 0, template: handoffTemplate({ targetProjectKey: 'SALES', issueTypeName: 'Task', checklist: [] }) });
  const company = await ok<{ id: string }>('editor', Calls.companies.create, { name: 'Acme', domain: 'acme.example' });
  const contact = await ok<{ id: string }>('editor', Calls.contacts.create, { name: 'Ada Buyer', email: 'ada@acme.example', companyId: company.id });
  const deal = await ok<{ id: string; version: number }>('editor', Calls.deals.create, { projectKey: 'SALES', name: 'Acme rollout', ...READY_FIELDS, companyId: company.id, contactIds: [contact.id] });
  const later = (ms = sandbox.kvs.queryLagMs) => appClock.advance(ms);
  const close = async () => {
    appClock.restore();
    await sandbox.close();
  };
  return { sandbox, call, ok, later, salesStages: pipeline.stages, deal, company, contact, close };
}

/** Fresh records the calls under test act on, made by the people allowed to (one per cell, so cells never interfere). */
export const fresh = {
  deal: (site: Site, extra: Record<string, unknown> = {}) => site.ok<{ id: string; version: number }>('editor', Calls.deals.create, { projectKey: 'SALES', name: 'Fresh deal', ...extra }),
  readyDeal: (site: Site) => fresh.deal(site, { ...READY_FIELDS, companyId: site.company.id, contactIds: [site.contact.id] }),
  company: (site: Site) => site.ok<{ id: string; version: number }>('editor', Calls.companies.create, { name: `Fresh ${Math.random().toString(36).slice(2, 8)}` }),
  contact: (site: Site) => site.ok<{ id: string; version: number }>('editor', Calls.contacts.create, { name: 'Fresh person' }),
  note: (site: Site) => site.ok<{ id: string; version: number }>('editor', Calls.activities.create, { recordType: 'deal', recordId: site.deal.id, kind: 'note', subject: 'A note' }),
  task: (site: Site) => site.ok<{ id: string; version: number }>('editor', Calls.activities.create, { recordType: 'deal', recordId: site.deal.id, kind: 'task', subject: 'A task', dueAt: Date.UTC(2030, 0, 1) }),
  issue: (site: Site) => site.sandbox.jira.createIssue(PEOPLE.editor.accountId, { projectKey: 'SALES', issueType: 'Task', summary: 'Some work' }).key,
  linkedIssue: async (site: Site) => {
    const issueKey = fresh.issue(site);
    await site.ok('editor', Calls.handoff.link, { issueKey, dealId: site.deal.id });
    return issueKey;
  },
  importText: 'Name,Domain\nGlobex,globex.io\n',
  /** A companies import the editor created in SALES, its one part uploaded unless told otherwise. */
  importJob: async (site: Site, { uploaded = true } = {}) => {
    const job = await site.ok<{ id: string }>('editor', Calls.imports.create, { kind: 'companies', projectKey: 'SALES', fileName: 'companies.csv', size: fresh.importText.length, parts: 1 });
    if (uploaded) await site.ok('editor', Calls.imports.uploadPart, { jobId: job.id, index: 0, text: fresh.importText });
    return job;
  },
  /** A won deal's delivery issue (the hand-off job run). */
  handoffIssue: async (site: Site) => {
    const deal = await fresh.readyDeal(site);
    await site.ok('editor', Calls.deals.win, { dealId: deal.id, version: deal.version });
    await site.sandbox.host.settle();
    const won = await site.ok<{ handoff: { issueKey: string | null } | null }>('editor', Calls.deals.get, { dealId: deal.id });
    if (!won.handoff?.issueKey) throw new Error('The hand-off job created no issue');
    return won.handoff.issueKey;
  },
};

import { QUERY_SETTLE_MS } from '../../../src/ports/storage';
import { Calls, type CallKey, type CallSpec } from '../../../src/contracts/calls';
import { handoffTemplate } from '../crm/crm-harness';
import { fresh, PEOPLE, startSite, WHO, type Site, type Who } from './matrix-fixture';

/**
 * Every resolver key × every kind of caller, with the answer each must get. SALES is the project
 * under test (CRM on); "otherProject" works in OPS, another CRM project, and uses SALES's ids;
 * "noCrm" works in DEL, which does not use the CRM. Each cell acts on records made fresh for it,
 * so the cells never depend on each other. Adding a key to src/contracts/calls.ts without a row
 * here fails the first test.
 */
type Outcome = 'OK' | 'NOT_FOUND' | 'FORBIDDEN';
const row = (...outcomes: Outcome[]): Record<Who, Outcome> => Object.fromEntries(WHO.map((who, i) => [who, outcomes[i]!])) as Record<Who, Outcome>;
const [OK, NF, FB] = ['OK', 'NOT_FOUND', 'FORBIDDEN'] as const;

//                               none noCrm browse editor admin jiraAdmin otherProject
const ANYONE = row(OK, OK, OK, OK, OK, OK, OK);
const SALES_READ = row(NF, NF, OK, OK, OK, OK, NF);
const SALES_EDIT = row(NF, NF, FB, OK, OK, FB, NF);
const SALES_ADMIN = row(NF, NF, FB, FB, OK, FB, NF);
const CRM_READ = row(NF, NF, OK, OK, OK, OK, OK);
const CRM_EDIT = row(NF, NF, FB, OK, OK, FB, OK);
const CRM_CREATE = row(FB, FB, FB, OK, OK, FB, OK);
const JIRA_ADMIN = row(FB, FB, FB, FB, FB, OK, FB);
/** An import job is acted on by its creator alone (the editor here); to anyone else it does not exist. */
const JOB_OWNER = row(NF, NF, NF, OK, NF, NF, NF);

type Payload = (site: Site) => Promise<Record<string, unknown>> | Record<string, unknown>;
const SALES = { projectKey: 'SALES' };

const MATRIX: Record<CallKey, { expect: Record<Who, Outcome>; payload: Payload }> = {
  'system/status': { expect: ANYONE, payload: () => ({}) },
  // Jira itself decides whom a user may see (Browse users); Relay adds no rule of its own.
  'people/resolve': { expect: ANYONE, payload: () => ({ accountIds: [PEOPLE.admin.accountId] }) },

  'deals/create': { expect: SALES_EDIT, payload: () => ({ ...SALES, name: 'New deal' }) },
  'deals/update': { expect: SALES_EDIT, payload: async (s) => ({ dealId: (await fresh.deal(s)).id, version: 1, changes: { nextStep: 'Call' } }) },
  'deals/move': { expect: SALES_EDIT, payload: async (s) => ({ dealId: (await fresh.deal(s, { stageId: s.salesStages[1]!.id })).id, version: 1, toStageId: s.salesStages[0]!.id, afterDealId: null, beforeDealId: null }) },
  'deals/win': { expect: SALES_EDIT, payload: async (s) => ({ dealId: (await fresh.readyDeal(s)).id, version: 1 }) },
  'deals/lose': { expect: SALES_EDIT, payload: async (s) => ({ dealId: (await fresh.deal(s)).id, version: 1, reason: 'Price' }) },
  'deals/reopen': {
    expect: SALES_EDIT,
    payload: async (s) => {
      const deal = await fresh.deal(s);
      await s.ok('editor', Calls.deals.lose, { dealId: deal.id, version: 1, reason: 'Price' });
      return { dealId: deal.id, version: 2, toStageId: s.salesStages[0]!.id };
    },
  },
  'deals/archive': { expect: SALES_EDIT, payload: async (s) => ({ dealId: (await fresh.deal(s)).id, version: 1 }) },
  'deals/get': { expect: SALES_READ, payload: (s) => ({ dealId: s.deal.id }) },
  'deals/list': { expect: SALES_READ, payload: () => SALES },
  'deals/board': { expect: SALES_READ, payload: () => SALES },
  'deals/search': { expect: SALES_READ, payload: () => ({ ...SALES, text: 'acme' }) },

  'companies/create': { expect: CRM_CREATE, payload: () => ({ name: `New ${Math.random().toString(36).slice(2, 8)}` }) },
  'companies/update': { expect: CRM_EDIT, payload: async (s) => ({ companyId: (await fresh.company(s)).id, version: 1, changes: { region: 'EMEA' } }) },
  'companies/archive': { expect: CRM_EDIT, payload: async (s) => ({ companyId: (await fresh.company(s)).id, version: 1 }) },
  'companies/restore': {
    expect: CRM_EDIT,
    payload: async (s) => {
      const company = await fresh.company(s);
      await s.ok('editor', Calls.companies.archive, { companyId: company.id, version: 1 });
      return { companyId: company.id, version: 2 };
    },
  },
  'companies/get': { expect: CRM_READ, payload: (s) => ({ companyId: s.company.id }) },
  'companies/list': { expect: CRM_READ, payload: () => ({}) },
  'companies/search': { expect: CRM_READ, payload: () => ({ text: 'ac' }) },

  'contacts/create': { expect: CRM_CREATE, payload: () => ({ name: 'New person' }) },
  'contacts/update': { expect: CRM_EDIT, payload: async (s) => ({ contactId: (await fresh.contact(s)).id, version: 1, changes: { title: 'Buyer' } }) },
  'contacts/archive': { expect: CRM_EDIT, payload: async (s) => ({ contactId: (await fresh.contact(s)).id, version: 1 }) },
  'contacts/restore': {
    expect: CRM_EDIT,
    payload: async (s) => {
      const contact = await fresh.contact(s);
      await s.ok('editor', Calls.contacts.archive, { contactId: contact.id, version: 1 });
      return { contactId: contact.id, version: 2 };
    },
  },
  'contacts/get': { expect: CRM_READ, payload: (s) => ({ contactId: s.contact.id }) },
  'contacts/list': { expect: CRM_READ, payload: () => ({}) },
  'contacts/search': { expect: CRM_READ, payload: () => ({ text: 'ada' }) },

  'projects/context': { expect: SALES_READ, payload: () => SALES },
  'projects/admins': { expect: SALES_READ, payload: () => SALES },
  'pipelines/get': { expect: SALES_READ, payload: () => SALES },
  'pipelines/enable': { expect: SALES_ADMIN, payload: () => SALES },
  'pipelines/update': {
    expect: SALES_ADMIN,
    payload: async (s) => {
      const current = await s.ok<{ version: number; stages: unknown[] }>('admin', Calls.pipelines.get, SALES);
      return { ...SALES, version: current.version, stages: current.stages };
    },
  },

  'activities/create': { expect: SALES_EDIT, payload: (s) => ({ recordType: 'deal', recordId: s.deal.id, kind: 'note', subject: 'Hello' }) },
  'activities/update': { expect: SALES_EDIT, payload: async (s) => ({ activityId: (await fresh.note(s)).id, version: 1, changes: { subject: 'Edited' } }) },
  'activities/complete': { expect: SALES_EDIT, payload: async (s) => ({ activityId: (await fresh.task(s)).id, version: 1 }) },
  'activities/reopen': {
    expect: SALES_EDIT,
    payload: async (s) => {
      const task = await fresh.task(s);
      await s.ok('editor', Calls.activities.complete, { activityId: task.id, version: 1 });
      return { activityId: task.id, version: 2 };
    },
  },
  'activities/delete': { expect: SALES_EDIT, payload: async (s) => ({ activityId: (await fresh.note(s)).id, version: 1 }) },
  'timeline/list': { expect: SALES_READ, payload: (s) => ({ recordType: 'deal', recordId: s.deal.id }) },
  'tasks/mine': { expect: ANYONE, payload: () => ({}) },

  'handoff/template': { expect: SALES_READ, payload: () => SALES },
  'handoff/save-template': {
    expect: SALES_ADMIN,
    payload: async (s) => {
      const current = await s.ok<{ version: number }>('admin', Calls.handoff.template, SALES);
      return { ...SALES, version: current.version, template: handoffTemplate({ targetProjectKey: 'SALES', issueTypeName: 'Task', checklist: [] }) };
    },
  },
  'handoff/preview': { expect: SALES_READ, payload: (s) => ({ dealId: s.deal.id }) },
  // The issue is in SALES: only people who see SALES see it (Jira answers 404 to the others).
  'handoff/for-issue': { expect: SALES_READ, payload: (s) => ({ issueKey: fresh.issue(s) }) },
  'handoff/accept': { expect: SALES_EDIT, payload: async (s) => ({ issueKey: await fresh.handoffIssue(s) }) },
  'handoff/link': { expect: SALES_EDIT, payload: (s) => ({ issueKey: fresh.issue(s), dealId: s.deal.id }) },
  'handoff/unlink': { expect: SALES_EDIT, payload: async (s) => ({ issueKey: await fresh.linkedIssue(s) }) },
  'handoff/flag-expansion': { expect: SALES_EDIT, payload: async (s) => ({ issueKey: await fresh.linkedIssue(s) }) },

  'metrics/project': { expect: SALES_READ, payload: () => SALES },
  'metrics/refresh': { expect: SALES_ADMIN, payload: () => SALES },
  'gadgets/pipeline': { expect: SALES_READ, payload: () => SALES },
  'gadgets/renewals': { expect: SALES_READ, payload: () => SALES },
  'settings/site': { expect: ANYONE, payload: () => ({}) },
  'setup/checklist': { expect: JIRA_ADMIN, payload: () => ({}) },
  'settings/save-site': {
    expect: JIRA_ADMIN,
    payload: async (s) => {
      const current = await s.ok<{ version: number }>('jiraAdmin', Calls.settings.site, {});
      return { version: current.version, reportingCurrency: 'EUR', rates: { USD: '0.9' }, fiscalYearStartMonth: 2, glossaryOverrides: {} };
    },
  },
  'imports/create': { expect: SALES_EDIT, payload: () => ({ kind: 'companies', ...SALES, fileName: 'companies.csv', size: 20, parts: 1 }) },
  'imports/upload-part': { expect: JOB_OWNER, payload: async (s) => ({ jobId: (await fresh.importJob(s, { uploaded: false })).id, index: 0, text: fresh.importText }) },
  'imports/start': { expect: JOB_OWNER, payload: async (s) => ({ jobId: (await fresh.importJob(s)).id, mapping: ['name', 'domain'], mode: 'create' }) },
  'imports/cancel': { expect: JOB_OWNER, payload: async (s) => ({ jobId: (await fresh.importJob(s)).id }) },
  'imports/get': { expect: CRM_READ, payload: async (s) => ({ jobId: (await fresh.importJob(s)).id }) },
  'imports/list': { expect: SALES_READ, payload: () => SALES },
  'imports/rejected-rows': { expect: JOB_OWNER, payload: async (s) => ({ jobId: (await fresh.importJob(s)).id }) },
  'exports/table': { expect: SALES_READ, payload: () => ({ table: 'deals', ...SALES }) },
  'privacy/find-person': { expect: JIRA_ADMIN, payload: () => ({ email: 'ada@acme.example' }) },
  'privacy/export-contact': { expect: JIRA_ADMIN, payload: (s) => ({ contactId: s.contact.id }) },
  'privacy/erase-contact': { expect: JIRA_ADMIN, payload: async (s) => ({ contactId: (await fresh.contact(s)).id }) },
  'duplicates/find': { expect: CRM_READ, payload: () => ({ kind: 'contacts' }) },
  'duplicates/merge': { expect: CRM_EDIT, payload: async (s) => ({ kind: 'contacts', survivor: { id: (await fresh.contact(s)).id, version: 1 }, other: { id: (await fresh.contact(s)).id, version: 1 } }) },
  'quality/deals': { expect: SALES_READ, payload: () => SALES },
  'quality/records': { expect: CRM_READ, payload: () => SALES },
  'leads/list': { expect: CRM_READ, payload: () => ({ view: 'unworked' }) },
  'leads/funnel': { expect: CRM_READ, payload: () => ({}) },
  // Readable wherever the CRM is (the Leads tab shows the SLA), and by Jira admins, who set it.
  'leads/settings': { expect: CRM_READ, payload: () => ({}) },
  'leads/save-settings': {
    expect: JIRA_ADMIN,
    payload: async (s) => {
      const current = await s.ok<{ version: number }>('jiraAdmin', Calls.leads.settings, {});
      return { version: current.version, sla: { hours: 8, businessHours: { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 } } };
    },
  },
  'leads/secret': { expect: JIRA_ADMIN, payload: () => ({}) },
  'leads/rotate-secret': {
    expect: JIRA_ADMIN,
    payload: async (s) => ({ version: (await s.ok<{ version: number }>('jiraAdmin', Calls.leads.secret, {})).version }),
  },
  'settings/health': { expect: ANYONE, payload: () => ({}) },
  'settings/save-health': {
    expect: JIRA_ADMIN,
    payload: async (s) => {
      const current = await s.ok<{ version: number; weights: Record<string, number> }>('jiraAdmin', Calls.settings.health, {});
      return { version: current.version, weights: { ...current.weights, inactivityDays: 45 } };
    },
  },
  'renewals/list': { expect: SALES_READ, payload: () => ({ ...SALES, window: 30 }) },
  'renewals/overview': { expect: SALES_READ, payload: () => SALES },
  'renewals/retention': { expect: SALES_READ, payload: () => SALES },
  'renewals/refresh': { expect: SALES_ADMIN, payload: () => SALES },
  'renewals/settings': { expect: SALES_READ, payload: () => SALES },
  'renewals/save-settings': {
    expect: SALES_ADMIN,
    payload: async (s) => {
      const current = await s.ok<{ version: number }>('admin', Calls.renewals.settings, SALES);
      return { ...SALES, version: current.version, enabled: true, daysBefore: 60, targetProjectKey: null };
    },
  },
  'totals/get': { expect: SALES_READ, payload: () => SALES },
  'totals/rebuild': {
    expect: SALES_ADMIN,
    payload: (s) => {
      s.later(QUERY_SETTLE_MS); // a rebuild scans deals with a storage query: it runs once the cells' deal writes have settled
      return SALES;
    },
  },
  'totals/rebuild-later': { expect: SALES_ADMIN, payload: () => SALES },
};

function specs(tree: unknown): CallSpec[] {
  if (tree && typeof tree === 'object' && 'key' in tree && 'input' in tree) return [tree as CallSpec];
  return Object.values(tree as Record<string, unknown>).flatMap(specs);
}
const ALL = specs(Calls);

describe('permission matrix: every resolver key × every kind of caller', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site.close());

  it('has a row for every resolver key, and none for a key that does not exist', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ALL.map((s) => s.key).sort());
  });

  it.each(ALL.map((spec) => [spec.key, spec] as const))('%s answers each caller as the table says', async (key, spec) => {
    const { expect: expected, payload } = MATRIX[key];
    const got: Record<string, string> = {};
    for (const who of WHO) {
      const answer = await site.call(who, spec, await payload(site));
      got[who] = answer.ok ? 'OK' : answer.error.code;
    }
    expect(got).toEqual(expected);
  });
});

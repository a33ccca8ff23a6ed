import api, { route } from '@forge/api';
import type { Sandbox } from '../index';

/**
 * The demo's renewals, so every renewal surface shows real numbers on first start: contracts won
 * through Relay's own resolvers (dated around today), renewals the daily run opens in Sales (due in
 * 20 and 50 days, one overdue), an expansion, a churn, and customers in each health
 * tier — from overdue, blocked and buggy linked work, an overdue renewal, or nothing wrong at all.
 * Everything goes through the app (resolvers, the scheduled trigger, the queue, Jira issue events).
 */
interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: unknown;
}

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * `drain` delivers the background work a step started: settling the queue (the default), or — on a
 * sandbox whose clock the caller moves, like the demo story's — also moving the clock past the
 * pauses a renewals run takes between its chunks.
 */
export async function seedRenewals(
  sandbox: Sandbox,
  people: { admin: string; seller: string },
  drain: () => Promise<void> = () => sandbox.host.settle(),
  // Entity queries trail writes (sandbox.kvs.queryLagMs): the daily run comes long after the wins.
  queriesCatchUp: () => Promise<void> = () => new Promise((resolve) => setTimeout(resolve, sandbox.kvs.queryLagMs + 50)),
): Promise<void> {
  const as = async <T>(accountId: string, key: string, payload: Record<string, unknown>, projectKey = 'SALES'): Promise<T> => {
    const answer = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId, projectKey }, key, payload)) as Envelope;
    if (!answer.ok) throw new Error(`Demo renewals: ${key} failed: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  };
  const today = Date.now();
  const day = (offset: number) => iso(today + offset * DAY);

  // Renewals open in Sales itself, 90 days before the contract ends (the defaults; a project admin can send them to another CRM project).
  const sales = await as<{ stages: Array<{ id: string; outcome: string }> }>(people.admin, 'pipelines/get', { projectKey: 'SALES' });
  const negotiation = sales.stages.filter((s) => s.outcome === 'open').at(-1)!.id;

  const ready = { scope: 'Platform licence and onboarding', notSold: 'Custom integrations', stakeholders: 'COO, Head of IT', successCriteria: 'Adoption above 70% in a quarter', nextStep: 'Countersign the order form' };
  const customers = [
    { name: 'Northwind Traders', domain: 'northwind.example', segment: 'mid-market', region: 'EMEA', arr: 3_600_000, currency: 'USD', start: -165, end: 200 },
    { name: 'Contoso Retail', domain: 'contoso.example', segment: 'enterprise', region: 'AMER', arr: 8_400_000, currency: 'USD', start: -315, end: 50 },
    { name: 'Fabrikam Health', domain: 'fabrikam.example', segment: 'enterprise', region: 'APAC', arr: 6_000_000, currency: 'USD', start: -370, end: -5 },
    { name: 'Tailspin Toys', domain: 'tailspin.example', segment: 'smb', region: 'AMER', arr: 1_800_000, currency: 'USD', start: -345, end: 20 },
    { name: 'Hooli Media', domain: 'hooli.example', segment: 'smb', region: 'EMEA', arr: 1_200_000, currency: 'USD', start: -366, end: -1 },
    { name: 'Wayne Analytics', domain: 'wayne-analytics.example', segment: 'mid-market', region: 'AMER', arr: 4_200_000, currency: 'USD', start: -200, end: 165 },
  ] as const;
  const won: Record<string, { companyId: string; dealId: string }> = {};
  for (const c of customers) {
    const company = await as<{ id: string }>(people.seller, 'companies/create', { name: c.name, domain: c.domain, segment: c.segment, region: c.region, ownerId: people.admin });
    const deal = await as<{ id: string; version: number }>(people.seller, 'deals/create', {
      projectKey: 'SALES', name: `${c.name}: annual subscription`, companyId: company.id, amountMinor: c.arr, currency: c.currency, recurring: true,
      closeDate: day(c.start), contractStart: day(c.start), contractEnd: day(c.end), segment: c.segment, source: 'outbound', stageId: negotiation, ...ready,
    });
    await as(people.seller, 'deals/win', { dealId: deal.id, version: deal.version });
    won[c.name] = { companyId: company.id, dealId: deal.id };
    // One hand-off at a time, as wins come in a real week (not six in the same millisecond).
    await sandbox.host.settle();
  }

  // The daily run opens the renewals that are due and scores every customer.
  await queriesCatchUp();
  await sandbox.host.runScheduled('relay-daily-renewal-scan');
  await drain();

  // Then delivery work changes, and each change rescores its customer: Contoso's is late, Fabrikam's late, blocked and buggy.
  const epicOf = async (name: string) => (await as<{ handoff: { issueKey: string | null } | null }>(people.admin, 'deals/get', { dealId: won[name]!.dealId })).handoff?.issueKey ?? null;
  const linked = async (company: string, summary: string, issueType: string, duedate?: string) => {
    const issue = sandbox.jira.createIssue(people.admin, { projectKey: 'DEL', issueType, summary, ...(duedate ? { duedate } : {}) });
    await as(people.admin, 'handoff/link', { issueKey: issue.key, dealId: won[company]!.dealId }, 'DEL');
    // Linked one after another, as people do, not in one millisecond: each rescoring sees the links before it.
    await drain();
    await queriesCatchUp();
    return issue;
  };
  const contoso = await epicOf('Contoso Retail');
  const fabrikam = await epicOf('Fabrikam Health');
  if (contoso) sandbox.jira.editIssue(people.admin, contoso, { duedate: day(-3) });
  await linked('Contoso Retail', 'Store data import sign-off', 'Task', day(-3));
  if (fabrikam) {
    sandbox.jira.editIssue(people.admin, fabrikam, { duedate: day(-10) });
    for (const summary of ['Exports time out for large wards', 'Audit log misses SSO logins']) await linked('Fabrikam Health', summary, 'Bug');
    // The migration waits on the customer's VPN (a Blocks link) before it is linked to the deal.
    const waiting = sandbox.jira.createIssue(people.admin, { projectKey: 'DEL', issueType: 'Task', summary: 'Customer VPN access for the data migration' });
    const blocked = sandbox.jira.createIssue(people.admin, { projectKey: 'DEL', issueType: 'Task', summary: 'Migrate patient records' });
    await sandbox.platform.runInvocation({ functionKey: 'demo-seed', moduleKey: 'demo', kind: 'script', timeoutMs: 30_000 }, async () => {
      await api.asApp().requestJira(route`/rest/api/3/issueLink`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ type: { name: 'Blocks' }, inwardIssue: { key: blocked.key }, outwardIssue: { key: waiting.key } }) });
    });
    await as(people.admin, 'handoff/link', { issueKey: blocked.key, dealId: won['Fabrikam Health']!.dealId }, 'DEL');
    await drain();
    await queriesCatchUp();
  }
  // Someone keeps in touch with Northwind.
  await as(people.seller, 'activities/create', { recordType: 'company', recordId: won['Northwind Traders']!.companyId, kind: 'call', subject: 'Quarterly business review' });
  await sandbox.host.settle();

  // Hooli does not renew (churn); Wayne buys more seats (expansion), starting today.
  await queriesCatchUp();
  const list = await as<{ items: Array<{ dealId: string; version: number; contractDealId: string | null }> }>(people.admin, 'renewals/list', { projectKey: 'SALES', window: 'overdue', limit: 50 });
  const hooli = list.items.find((r) => r.contractDealId === won['Hooli Media']!.dealId);
  if (hooli) await as(people.admin, 'deals/lose', { dealId: hooli.dealId, version: hooli.version, reason: 'Moved to an in-house tool' });
  const wayne = customers.find((c) => c.name === 'Wayne Analytics')!;
  const expansion = await as<{ id: string; version: number }>(people.seller, 'deals/create', {
    projectKey: 'SALES', name: 'Wayne Analytics: 40 more seats', type: 'expansion', companyId: won['Wayne Analytics']!.companyId, amountMinor: 900_000, currency: wayne.currency, recurring: true,
    closeDate: day(0), contractStart: day(0), contractEnd: day(wayne.end), segment: wayne.segment, source: 'expansion', stageId: negotiation, ...ready,
  });
  await as(people.seller, 'deals/win', { dealId: expansion.id, version: expansion.version });
  await sandbox.host.settle();

  // The figures as of now, not as of the run before the churn and the expansion.
  await queriesCatchUp();
  await as(people.admin, 'renewals/refresh', { projectKey: 'SALES' });
  await drain();
}

import type { Sandbox } from '../index';

/**
 * The demo's CRM records, created the way a team would: through Relay's own resolver calls as the
 * demo people (so every rule, permission, audit entry and total applies). Sales has a pipeline
 * with deals in every stage, a few companies with their contacts, one won and one lost deal.
 */
interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: unknown;
}

export async function seedCrm(sandbox: Sandbox, people: { admin: string; seller: string; deliveryLead: string }): Promise<void> {
  const as = async <T>(accountId: string, key: string, payload: Record<string, unknown>): Promise<T> => {
    const answer = (await sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId, projectKey: 'SALES' }, key, payload)) as Envelope;
    if (!answer.ok) throw new Error(`Demo data: ${key} failed: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  };
  const pipeline = await as<{ stages: Array<{ id: string; outcome: string }> }>(people.admin, 'pipelines/enable', { projectKey: 'SALES' });
  const open = pipeline.stages.filter((s) => s.outcome === 'open').map((s) => s.id);
  // Won deals become delivery epics in the Delivery project, assigned to its lead.
  await as(people.admin, 'handoff/save-template', {
    projectKey: 'SALES',
    version: 0,
    template: {
      enabled: true, targetProjectKey: 'DEL', issueTypeName: 'Epic', summaryTemplate: 'Deliver {{deal.name}}', assigneeAccountId: people.deliveryLead,
      labels: ['relay-handoff'], dueInBusinessDays: 5, acceptWithinBusinessHours: 16, checklist: ['Kick-off call with the customer', 'Confirm scope and success criteria'],
    },
  });

  const companies = [
    { name: 'Acme Corporation', domain: 'acme.example', segment: 'enterprise', region: 'EMEA', industry: 'Manufacturing' },
    { name: 'Globex', domain: 'globex.example', segment: 'mid-market', region: 'AMER', industry: 'Energy' },
    { name: 'Initech', domain: 'initech.example', segment: 'smb', region: 'AMER', industry: 'Software' },
    { name: 'Umbrella Health', domain: 'umbrella-health.example', segment: 'enterprise', region: 'APAC', industry: 'Healthcare' },
    { name: 'Stark Logistics', domain: 'stark-logistics.example', segment: 'mid-market', region: 'EMEA', industry: 'Logistics' },
  ];
  const people2 = [
    ['Ana López', 'ana.lopez', 'VP Operations'],
    ['Ben Okafor', 'ben.okafor', 'Head of IT'],
    ['Chloé Martin', 'chloe.martin', 'CFO'],
  ];
  const made: Array<{ id: string; name: string; segment: string; contacts: string[] }> = [];
  for (const company of companies) {
    const record = await as<{ id: string }>(people.seller, 'companies/create', company);
    const contacts: string[] = [];
    for (const [name, local, title] of people2.slice(0, 2 + (made.length % 2))) {
      const contact = await as<{ id: string }>(people.seller, 'contacts/create', { name, email: `${local}@${company.domain}`, title, companyId: record.id, lifecycleStage: 'opportunity' });
      contacts.push(contact.id);
    }
    made.push({ id: record.id, name: company.name, segment: company.segment, contacts });
  }

  const deals = [
    ['Platform rollout', 4_800_000, 0, '2026-12-18'],
    ['Analytics add-on', 1_250_000, 1, '2026-12-05'],
    ['EMEA expansion', 9_600_000, 2, '2027-01-30'],
    ['Pilot: 50 seats', 600_000, 0, '2026-11-28'],
    ['Security review package', 2_100_000, 3, '2026-12-12'],
    ['Support upgrade', 900_000, 1, '2027-02-14'],
    ['Data migration', 3_300_000, 2, '2027-01-09'],
  ] as const;
  const ready = { scope: 'SSO, 3 workspaces, data migration', notSold: 'On-premises connector', stakeholders: 'CFO, Head of IT', successCriteria: '80% weekly active users in 90 days', contractStart: '2027-01-01', contractEnd: '2027-12-31', nextStep: 'Send the order form' };
  let i = 0;
  for (const [name, amountMinor, stage, closeDate] of deals) {
    const company = made[i % made.length]!;
    i += 1;
    // Deals further along the pipeline have what their earlier stages asked for.
    await as(people.seller, 'deals/create', {
      projectKey: 'SALES', name: `${company.name}: ${name}`, companyId: company.id, contactIds: company.contacts, amountMinor, currency: i % 3 === 0 ? 'USD' : 'EUR',
      recurring: true, closeDate, segment: company.segment, source: i % 2 ? 'inbound' : 'outbound', stageId: open[stage], ...(stage >= 3 ? ready : { nextStep: 'Discovery call' }),
    });
  }
  const winner = await as<{ id: string; version: number }>(people.seller, 'deals/create', {
    projectKey: 'SALES', name: `${made[0]!.name}: Annual licence`, companyId: made[0]!.id, contactIds: made[0]!.contacts, amountMinor: 7_200_000, currency: 'EUR', recurring: true, closeDate: '2026-11-15', segment: 'enterprise', source: 'outbound', stageId: open[3], ...ready,
  });
  await as(people.seller, 'deals/win', { dealId: winner.id, version: winner.version });
  const loser = await as<{ id: string; version: number }>(people.seller, 'deals/create', { projectKey: 'SALES', name: `${made[2]!.name}: Team plan`, companyId: made[2]!.id, amountMinor: 300_000, currency: 'USD', closeDate: '2026-11-10', segment: 'smb', source: 'inbound' });
  await as(people.seller, 'deals/lose', { dealId: loser.id, version: loser.version, reason: 'Chose a cheaper tool' });
}

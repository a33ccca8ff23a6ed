import { withGlobal } from '@sinonjs/fake-timers';
import type { Sandbox } from '../../index';
import { createSandbox, ManualClock } from '../../index';
import type { SurfaceTarget } from '../../runtime/host';
import { addWorkdays, DAY, HOUR, isoDate, MINUTE } from './calendar';
import { CUSTOMERS, RATES, REPORTING_CURRENCY, STORY_PEOPLE } from './cast';
import { seedRenewals } from '../renewals-seed';
import { seedStoryDashboards } from './dashboards';
import type { StoryPlan, TimedStep } from './plan';
import { planStory } from './plan';
import { seedStoryIssues, seedStorySite } from './site';
import { LeadRun } from './leads';

/**
 * Lives the planned year on a sandbox whose clock the generator moves: each step happens at its
 * time, through Relay's own resolvers as the person who does it, Jira's workflow as the delivery
 * lead, the daily snapshot and the hourly SLA scan as scheduled triggers, with the queue and the
 * issue triggers delivered after every step. The app reads the time with `Date.now()`, as on
 * Forge; the platform's wall clock is pinned to the sandbox clock while the year runs (only `Date`
 * is faked: timers stay real, so invocation limits and queue delivery still work).
 */

export interface StoryFigures {
  steps: number;
  invocations: number;
  deals: number;
  won: number;
  lost: number;
  open: number;
  companies: number;
  contacts: number;
  leads: number;
  deliveryIssues: number;
  ms: number;
}

interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code?: string; message?: string };
}

interface DealState {
  id: string;
  version: number;
  issueKey: string | null;
}

export async function generateStory(options: { seed: number; end: number; dataFile: string }): Promise<StoryFigures> {
  const began = performance.now();
  const plan = planStory({ seed: options.seed, end: options.end });
  const clock = new ManualClock(plan.start - DAY);
  const fake = withGlobal(globalThis).install({ now: clock.now(), toFake: ['Date'] });
  const moveTo = (ms: number) => {
    if (ms < clock.now()) return;
    clock.set(ms);
    fake.setSystemTime(ms);
  };
  let sandbox: Sandbox | undefined;
  try {
    sandbox = await createSandbox({ clock, dataFile: options.dataFile });
    if (sandbox.restored) throw new Error(`${options.dataFile} already exists; the story is generated into a new file`);
    const story = new StoryRun(sandbox, plan);
    moveTo(plan.start + 8 * HOUR);
    await story.setUp(moveTo);
    for (const step of plan.steps) {
      moveTo(step.at);
      await story.perform(step);
      await sandbox.host.settle();
    }
    // The year's end as customer success lives it: older customers' contracts, renewals due and
    // overdue, an expansion, a churn, customers in every health tier (sandbox/demo/renewals-seed.ts),
    // with the daily renewals run worked to its end (its chunks pause a minute between them).
    moveTo(plan.end - HOUR);
    const live = sandbox;
    await seedRenewals(live, { admin: STORY_PEOPLE.alice.accountId, seller: STORY_PEOPLE.sam.accountId }, async () => {
      await live.host.settle();
      for (let minute = 0; minute < 50 && live.host.pendingQueueEvents().length > 0; minute += 1) {
        moveTo(clock.now() + MINUTE + 1_000);
        await live.host.settle();
      }
    }, async () => {
      moveTo(clock.now() + live.kvs.queryLagMs + 1_000);
      await live.host.settle();
    });
    moveTo(plan.end - MINUTE);
    seedStoryDashboards(sandbox);
    await sandbox.host.settle();
    await sandbox.save();
    return { ...story.figures(), steps: plan.steps.length, invocations: sandbox.platform.invocations.length, ms: Math.round(performance.now() - began) };
  } finally {
    await sandbox?.close();
    fake.uninstall();
  }
}

class StoryRun {
  private readonly deals = new Map<number, DealState>();
  private readonly companies: string[] = [];
  private readonly contacts: string[][] = [];
  private stageIds: string[] = [];
  private readonly leads: LeadRun;

  constructor(
    private readonly sandbox: Sandbox,
    private readonly plan: StoryPlan,
  ) {
    this.leads = new LeadRun(sandbox, plan.leads);
  }

  private async call<T>(target: SurfaceTarget, key: string, payload: Record<string, unknown>): Promise<T> {
    const answer = (await this.sandbox.host.invokeResolver(target, key, payload)) as Envelope;
    if (!answer.ok) throw new Error(`The demo story's ${key} as ${target.accountId} failed at ${new Date().toISOString()}: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  }

  private crm<T>(accountId: string, key: string, payload: Record<string, unknown>, projectKey = 'SALES'): Promise<T> {
    return this.call<T>({ moduleKey: 'relay-crm', accountId, projectKey }, key, payload);
  }

  /** The first weeks: Relay enabled and configured in Sales, the customers and their people entered. */
  async setUp(moveTo: (ms: number) => void): Promise<void> {
    const { alice, dana } = STORY_PEOPLE;
    seedStorySite(this.sandbox);
    seedStoryIssues(this.sandbox);
    await this.call({ moduleKey: 'relay-admin', accountId: alice.accountId }, 'settings/save-site', { version: 0, reportingCurrency: REPORTING_CURRENCY, rates: RATES, fiscalYearStartMonth: 1, glossaryOverrides: {} });
    const pipeline = await this.crm<{ stages: Array<{ id: string; outcome: string }>; version: number }>(alice.accountId, 'pipelines/enable', { projectKey: 'SALES' });
    this.stageIds = pipeline.stages.filter((s) => s.outcome === 'open').map((s) => s.id);
    await this.crm(alice.accountId, 'pipelines/update', { projectKey: 'SALES', version: pipeline.version, stages: pipeline.stages, targets: quarterTargets(this.plan) });
    await this.crm(alice.accountId, 'handoff/save-template', {
      projectKey: 'SALES',
      version: 0,
      template: {
        enabled: true, targetProjectKey: 'DEL', issueTypeName: 'Epic', summaryTemplate: 'Deliver {{deal.name}}', assigneeAccountId: dana.accountId,
        labels: ['relay-handoff'], dueInBusinessDays: 5, acceptWithinBusinessHours: 16, checklist: ['Kick-off call with the customer', 'Confirm scope and success criteria'],
      },
    });
    await this.leads.setUp();
    // Each seller enters their own customers over the first days.
    let at = this.plan.start + 9 * HOUR;
    for (const spec of CUSTOMERS) {
      at += 20 * MINUTE;
      moveTo(at);
      const seller = STORY_PEOPLE[spec.seller].accountId;
      const company = await this.crm<{ id: string }>(seller, 'companies/create', { name: spec.name, domain: spec.domain, industry: spec.industry, segment: spec.segment, region: spec.region });
      this.companies.push(company.id);
      const people: string[] = [];
      for (const [name, title] of spec.people) {
        const local = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]+/g, '.');
        const contact = await this.crm<{ id: string }>(seller, 'contacts/create', { name, title, email: `${local}@${spec.domain}`, companyId: company.id, lifecycleStage: 'opportunity' });
        people.push(contact.id);
      }
      this.contacts.push(people);
    }
    await this.sandbox.host.settle();
  }

  async perform(step: TimedStep): Promise<void> {
    switch (step.kind) {
      case 'snapshot':
        await this.sandbox.host.runScheduled('relay-daily-pipeline-snapshot');
        return;
      case 'sla-scan':
        await this.sandbox.host.runScheduled('relay-hourly-sla-scan');
        return;
      case 'create':
        return this.create(step.deal);
      case 'accept':
      case 'start-work':
      case 'deliver':
        return this.delivery(step.kind, step.deal);
      case 'lead':
      case 'lead-answer':
      case 'lead-qualify':
      case 'lead-disqualify':
      case 'lead-deal':
        return this.leads.perform(step);
      default:
        return this.change(step);
    }
  }

  private async create(index: number): Promise<void> {
    const planned = this.plan.deals[index]!;
    const spec = CUSTOMERS[planned.customer]!;
    const deal = await this.crm<{ id: string; version: number }>(STORY_PEOPLE[planned.seller].accountId, 'deals/create', {
      projectKey: 'SALES', name: planned.name, companyId: this.companies[planned.customer], contactIds: planned.contacts.map((i) => this.contacts[planned.customer]![i]!),
      amountMinor: planned.amountMinor, currency: planned.currency, recurring: planned.recurring, type: planned.type, closeDate: planned.closeDate,
      segment: spec.segment, source: index % 3 === 0 ? 'inbound' : index % 3 === 1 ? 'outbound' : 'partner', nextStep: 'Discovery call', nextStepDue: isoDate(addWorkdays(Date.now(), 7)),
    });
    this.deals.set(index, { id: deal.id, version: deal.version, issueKey: null });
  }

  /** A seller's change to their deal; a stale version (a trigger touched the deal) is read again once. */
  private async change(step: Extract<TimedStep, { kind: 'update' | 'move' | 'win' | 'lose' | 'activity' }>): Promise<void> {
    const planned = this.plan.deals[step.deal]!;
    const seller = STORY_PEOPLE[planned.seller].accountId;
    const deal = this.deals.get(step.deal);
    if (!deal) throw new Error(`The demo story changes deal ${step.deal} before creating it`);
    if (step.kind === 'activity') {
      await this.crm(seller, 'activities/create', { recordType: 'deal', recordId: deal.id, kind: step.activity, subject: step.subject });
      return;
    }
    const payload = (): [string, Record<string, unknown>] => {
      const ref = { dealId: deal.id, version: deal.version };
      if (step.kind === 'update') return ['deals/update', { ...ref, changes: step.changes }];
      if (step.kind === 'move') return ['deals/move', { ...ref, toStageId: this.stageIds[step.stage], afterDealId: null, beforeDealId: null }];
      if (step.kind === 'win') return ['deals/win', ref];
      return ['deals/lose', { ...ref, reason: step.reason }];
    };
    let [key, input] = payload();
    let answer = (await this.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: seller, projectKey: 'SALES' }, key, input)) as Envelope;
    if (!answer.ok && answer.error?.code === 'CONFLICT') {
      deal.version = (await this.crm<{ version: number }>(seller, 'deals/get', { dealId: deal.id })).version;
      [key, input] = payload();
      answer = (await this.sandbox.host.invokeResolver({ moduleKey: 'relay-crm', accountId: seller, projectKey: 'SALES' }, key, input)) as Envelope;
    }
    if (!answer.ok) throw new Error(`The demo story's ${key} of “${planned.name}” failed at ${new Date().toISOString()}: ${JSON.stringify(answer.error)}`);
    deal.version = (answer.data as { version: number }).version;
  }

  /** The delivery lead on the deal's delivery issue: Accept in the panel, or the work started or finished in Jira. */
  private async delivery(kind: 'accept' | 'start-work' | 'deliver', index: number): Promise<void> {
    const deal = this.deals.get(index);
    if (!deal) throw new Error(`The demo story hands off deal ${index} before creating it`);
    const dana = STORY_PEOPLE.dana.accountId;
    if (!deal.issueKey) {
      const current = await this.crm<{ handoff: { issueKey: string | null } | null }>(dana, 'deals/get', { dealId: deal.id });
      deal.issueKey = current.handoff?.issueKey ?? null;
    }
    if (!deal.issueKey) throw new Error(`The hand-off of “${this.plan.deals[index]!.name}” has no delivery issue`);
    if (kind === 'accept') {
      await this.call({ moduleKey: 'relay-deal-panel', accountId: dana, issueKey: deal.issueKey }, 'handoff/accept', { issueKey: deal.issueKey });
      return;
    }
    const status = kind === 'start-work' ? 'In Progress' : 'Done';
    if (this.sandbox.jira.listIssues('DEL').find((i) => i.key === deal.issueKey)?.status !== status) this.sandbox.jira.transitionIssue(dana, deal.issueKey, status);
  }

  figures(): Omit<StoryFigures, 'steps' | 'invocations' | 'ms'> {
    const fates = this.plan.deals.map((d) => d.fate);
    return {
      deals: this.deals.size,
      won: fates.filter((f) => f === 'won').length,
      lost: fates.filter((f) => f === 'lost').length,
      open: fates.filter((f) => f === 'open').length,
      companies: this.companies.length,
      contacts: this.contacts.flat().length,
      ...this.leads.figures(),
      deliveryIssues: this.sandbox.jira.listIssues('DEL').length,
    };
  }
}

/** A quarterly target for each quarter of the year lived and the next one, in the reporting currency. */
function quarterTargets(plan: StoryPlan): Array<{ period: string; amountMinor: number; currency: string }> {
  const targets: Array<{ period: string; amountMinor: number; currency: string }> = [];
  const first = new Date(plan.start);
  const last = new Date(plan.end + 100 * DAY);
  for (let year = first.getUTCFullYear(); year <= last.getUTCFullYear(); year += 1) {
    for (let quarter = 1; quarter <= 4; quarter += 1) {
      const startOfQuarter = Date.UTC(year, (quarter - 1) * 3, 1);
      if (startOfQuarter + 92 * DAY < plan.start || startOfQuarter > last.getTime()) continue;
      targets.push({ period: `FY${year}-Q${quarter}`, amountMinor: (800_000 + (year - first.getUTCFullYear()) * 100_000) * 100, currency: REPORTING_CURRENCY });
    }
  }
  return targets;
}


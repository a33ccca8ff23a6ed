import { createHmac } from 'node:crypto';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { Sandbox } from '../../index';
import { addWorkdays, addWorkingHours, atWork, DAY, dayOf, isWorkday, isoDate } from './calendar';
import { STORY_PEOPLE } from './cast';

/**
 * Marketing's year in the story: inbound leads from the website's forms arrive through Relay's
 * signed web trigger (as a form tool would send them), are scored and routed round robin to the
 * sellers, who answer most in time, some late and a few not at all; some become SQLs and some of
 * those opportunities (a deal created from the lead). The last days' leads are still new and
 * unworked, a few past their response time, so the Leads tab and the funnel have every state.
 * Planned with its own random sequence, so the deals' plan is the same with or without leads.
 */
export type LeadStep =
  | { kind: 'lead'; lead: number }
  | { kind: 'lead-answer'; lead: number }
  | { kind: 'lead-qualify'; lead: number }
  | { kind: 'lead-disqualify'; lead: number }
  | { kind: 'lead-deal'; lead: number };

export interface PlannedLead {
  index: number;
  body: Record<string, unknown>;
}

const FIRST = ['Maya', 'Jonas', 'Aisha', 'Lucas', 'Sofia', 'Noah', 'Elif', 'Mateo', 'Hana', 'Oskar', 'Priyanka', 'Tariq', 'Greta', 'Diego', 'Yuki', 'Amara', 'Felix', 'Nora', 'Ravi', 'Ingrid'];
const LAST = ['Berg', 'Costa', 'Dubois', 'Evans', 'Fischer', 'Garcia', 'Hansen', 'Ito', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Osei', 'Patel', 'Quinn', 'Rossi', 'Sato'];
const COMPANIES: ReadonlyArray<readonly [string, string, string, string]> = [
  ['Brightwave Analytics', 'brightwave.example', 'mid-market', 'EMEA'],
  ['Cobalt Freight', 'cobalt-freight.example', 'enterprise', 'AMER'],
  ['Driftwood Studios', 'driftwood.example', 'smb', 'EMEA'],
  ['Evergreen Clinics', 'evergreen-clinics.example', 'mid-market', 'APAC'],
  ['Fjord Robotics', 'fjord-robotics.example', 'smb', 'EMEA'],
  ['Granite Insurance', 'granite-insurance.example', 'enterprise', 'EMEA'],
  ['Harbor Retail', 'harbor-retail.example', 'mid-market', 'AMER'],
  ['Ironleaf Foods', 'ironleaf.example', 'smb', 'AMER'],
  ['Juniper Energy', 'juniper-energy.example', 'enterprise', 'APAC'],
  ['Kestrel Systems', 'kestrel.example', 'mid-market', 'EMEA'],
];
const FREE_MAIL = ['gmail.com', 'outlook.com'];
const TITLES = ['VP Marketing', 'Head of Sales Operations', 'Director of IT', 'Operations manager', 'Chief Revenue Officer', 'Marketing specialist', 'Student', 'Founder'];
const SOURCES = ['webinar', 'paid-search', 'organic', 'event', 'referral'];
const FORMS = ['demo-request', 'contact-sales', 'trial', 'content-download', 'newsletter'];
const CAMPAIGNS = ['Spring webinar series', 'Pipeline hygiene guide', 'RevOps summit', 'Always-on search'];

type At = (time: number, step: LeadStep) => void;

export function planLeads(seed: number, start: number, end: number, at: At): PlannedLead[] {
  const rng = xoroshiro128plus(seed * 7919 + 16);
  const int = (from: number, to: number) => uniformInt(rng, from, to);
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const chance = (percent: number) => int(1, 100) <= percent;
  const leads: PlannedLead[] = [];
  const people: Array<{ email: string; name: string; company: readonly [string, string, string, string] | null }> = [];
  const lastWeek = dayOf(end) - 7 * DAY;

  // About one lead each working day of the last six months; more in the last week, as the forms get known.
  for (let day = dayOf(end) - 182 * DAY; day < end; day += DAY) {
    if (!isWorkday(day)) continue;
    const count = int(0, day >= lastWeek ? 3 : 2);
    for (let i = 0; i < count; i += 1) {
      const arrives = atWork(day, int(10, 460));
      if (arrives >= end - 5 * 60_000) continue;
      // Now and then someone known comes back through another form: a second touch, not a second contact.
      const returning = people.length > 10 && chance(8);
      const person = returning ? pick(people) : newPerson();
      const index = leads.length;
      const source = pick(SOURCES);
      const formType = pick(FORMS);
      leads.push({
        index,
        body: {
          email: person.email,
          name: person.name,
          ...(person.company ? { company: person.company[0], segment: person.company[2], region: person.company[3] } : {}),
          title: pick(TITLES),
          source,
          campaign: pick(CAMPAIGNS),
          utm_source: source === 'paid-search' ? 'google' : source === 'event' ? 'summit' : 'website',
          utm_medium: source === 'paid-search' ? 'cpc' : 'referral',
          form_type: formType,
          consent: { status: chance(85) ? 'granted' : 'denied', basis: 'consent' },
        },
      });
      at(arrives, { kind: 'lead', lead: index });
      if (returning) continue;
      // The owner's answer: mostly within the 4 working hours, some late, none yet for the last day's leads.
      const recent = arrives >= lastWorkingDay(end);
      const roll = int(1, 100);
      if (recent || roll > 92) continue;
      const answeredAt = roll <= 78 ? addWorkingHours(arrives, int(1, 3)) : addWorkingHours(arrives, int(6, 14));
      at(answeredAt, { kind: 'lead-answer', lead: index });
      const warm = formType === 'demo-request' || formType === 'contact-sales' || formType === 'trial';
      if (chance(warm ? 45 : 12)) {
        const qualified = addWorkdays(answeredAt, int(1, 6));
        at(qualified, { kind: 'lead-qualify', lead: index });
        if (chance(40)) at(addWorkdays(qualified, int(2, 10)), { kind: 'lead-deal', lead: index });
      } else if (chance(15)) {
        at(addWorkdays(answeredAt, int(1, 4)), { kind: 'lead-disqualify', lead: index });
      }
    }
  }
  return leads;

  function newPerson() {
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = chance(80) ? pick(COMPANIES) : null;
    const local = `${first}.${last}`.toLowerCase();
    const domain = company ? company[1] : pick(FREE_MAIL);
    const taken = new Set(people.map((p) => p.email));
    let email = `${local}@${domain}`;
    for (let n = 2; taken.has(email); n += 1) email = `${local}${n}@${domain}`;
    const person = { email, name: `${first} ${last}`, company };
    people.push(person);
    return person;
  }
}

function lastWorkingDay(end: number): number {
  let day = dayOf(end);
  if (!isWorkday(day)) while (!isWorkday(day)) day -= DAY;
  return day;
}

interface Envelope {
  ok: boolean;
  data?: unknown;
  error?: { code?: string };
}

interface StoredLead {
  id: string;
  version: number;
  ownerId: string;
  companyId: string | null;
  lifecycleStage: string;
}

/** The story's side of the leads: the admin's set-up, and each planned step performed as the person who does it. */
export class LeadRun {
  private secret = '';

  constructor(
    private readonly sandbox: Sandbox,
    private readonly leads: PlannedLead[],
  ) {}

  private async call<T>(accountId: string, key: string, payload: Record<string, unknown>, moduleKey = 'relay-crm'): Promise<T> {
    const answer = (await this.sandbox.host.invokeResolver({ moduleKey, accountId, ...(moduleKey === 'relay-crm' ? { projectKey: 'SALES' } : {}) }, key, payload)) as Envelope;
    if (!answer.ok) throw new Error(`The demo story's ${key} as ${accountId} failed at ${new Date().toISOString()}: ${JSON.stringify(answer.error)}`);
    return answer.data as T;
  }

  /** Alice sets the endpoint up: a secret for the website's form tool, the sellers in the round robin, a 4-hour SLA. */
  async setUp(): Promise<void> {
    const { alice, sam, priya, lena, marcus } = STORY_PEOPLE;
    this.secret = (await this.call<{ secret: string }>(alice.accountId, 'leads/rotate-secret', { version: 0 }, 'relay-admin')).secret;
    await this.call(alice.accountId, 'leads/save-settings', {
      version: 0,
      routing: { mode: 'round-robin', owners: [sam.accountId, priya.accountId, lena.accountId, marcus.accountId], rules: [], fallbackOwnerId: sam.accountId },
      sla: { hours: 4, businessHours: { timeZone: 'UTC', days: [1, 2, 3, 4, 5], startHour: 9, endHour: 17 } },
    }, 'relay-admin');
  }

  async perform(step: LeadStep): Promise<void> {
    const planned = this.leads[step.lead]!;
    if (step.kind === 'lead') return this.send(planned);
    const lead = await this.find(String(planned.body.email));
    if (step.kind === 'lead-answer') {
      await this.call(lead.ownerId, 'activities/create', { recordType: 'contact', recordId: lead.id, kind: 'call', subject: `Called back about the ${String(planned.body.form_type)}` });
    } else if (step.kind === 'lead-qualify' || step.kind === 'lead-disqualify') {
      if (lead.lifecycleStage !== 'lead' && lead.lifecycleStage !== 'mql') return;
      await this.call(lead.ownerId, 'contacts/update', { contactId: lead.id, version: lead.version, changes: { lifecycleStage: step.kind === 'lead-qualify' ? 'sql' : 'other' } });
    } else if (lead.lifecycleStage === 'sql') {
      const company = typeof planned.body.company === 'string' ? planned.body.company : String(planned.body.name);
      await this.call(lead.ownerId, 'deals/create', {
        projectKey: 'SALES', name: `${company}: ${String(planned.body.form_type) === 'trial' ? 'Trial conversion' : 'First team'}`, ...(lead.companyId ? { companyId: lead.companyId } : {}), contactIds: [lead.id],
        amountMinor: 1_800_000, currency: 'EUR', closeDate: isoDate(addWorkdays(Date.now(), 30)), nextStep: 'Discovery call', nextStepDue: isoDate(addWorkdays(Date.now(), 3)),
      });
    }
  }

  /** The lead's form post, signed as the admin page's example shows, through the web trigger. */
  private async send(planned: PlannedLead): Promise<void> {
    const body = JSON.stringify(planned.body);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', this.secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
    const answer = await this.sandbox.host.callWebTrigger('relay-inbound-lead', { method: 'POST', headers: { 'content-type': ['application/json'], 'x-relay-timestamp': [timestamp], 'x-relay-signature': [`v1=${signature}`] }, body });
    if (answer.statusCode !== 201 && answer.statusCode !== 200) throw new Error(`The demo story's lead ${planned.index} was refused at ${new Date().toISOString()}: ${answer.statusCode} ${answer.body}`);
  }

  private async find(email: string): Promise<StoredLead> {
    const page = await this.call<{ items: StoredLead[] }>(STORY_PEOPLE.alice.accountId, 'contacts/search', { text: email, field: 'email' });
    const found = page.items[0];
    if (!found) throw new Error(`The demo story's lead ${email} is not stored`);
    return found;
  }

  figures(): { leads: number } {
    return { leads: this.leads.length };
  }
}

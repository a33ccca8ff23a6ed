import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { addWorkdays, addWorkingHours, atWork, DAY, dayOf, HOUR, isoDate, isWorkday, lastWorkingMoment, MINUTE } from './calendar';
import type { CustomerSpec, SellerKey } from './cast';
import { CUSTOMERS, EXPANSIONS, LOST_REASONS, OFFERS, SIZE } from './cast';
import type { LeadStep, PlannedLead } from './leads';
import { planLeads } from './leads';

/**
 * The year a sales team lives before `npm start` opens, as a list of dated steps — pure and
 * deterministic for a seed and an end time. Every deal is created in Qualification and walks the
 * board on its own dates: most are won or lost, some slip, some stall past their stage's limit, the
 * recent ones are still open. Won deals hand off to delivery, whose lead accepts (mostly in time),
 * starts and finishes the work. The daily snapshot runs on each month's first day and on the last
 * fortnight (the days Relay keeps), and the hourly SLA scan once each working evening. The runner
 * (run.ts) performs the steps through the app's resolvers, triggers and queue with the clock moved.
 */

export type StageIndex = 0 | 1 | 2 | 3;
export type Fate = 'won' | 'lost' | 'open';

export interface PlannedDeal {
  index: number;
  name: string;
  customer: number;
  seller: SellerKey;
  /** Indexes into the customer's people. */
  contacts: number[];
  amountMinor: number;
  currency: string;
  recurring: boolean;
  type: 'new_business' | 'expansion';
  createdAt: number;
  closeDate: string;
  fate: Fate;
}

export type Step =
  | { kind: 'create'; deal: number }
  | { kind: 'update'; deal: number; changes: Record<string, unknown> }
  | { kind: 'move'; deal: number; stage: StageIndex }
  | { kind: 'win'; deal: number }
  | { kind: 'lose'; deal: number; reason: string }
  | { kind: 'activity'; deal: number; activity: 'call' | 'meeting' | 'email' | 'note'; subject: string }
  | { kind: 'accept'; deal: number }
  | { kind: 'start-work'; deal: number }
  | { kind: 'deliver'; deal: number }
  | { kind: 'snapshot' }
  | { kind: 'sla-scan' }
  | LeadStep;

export type TimedStep = Step & { at: number; seq: number };

export interface StoryPlan {
  start: number;
  end: number;
  deals: PlannedDeal[];
  steps: TimedStep[];
  /** Inbound leads, sent through the web trigger (leads.ts). */
  leads: PlannedLead[];
  /** The deal won just now, waiting for acceptance, and the one whose acceptance is overdue. */
  waitingDeal: number;
  breachedDeal: number;
}

/** Deals created per month, oldest month first: a team that grows into the tool. */
const DEALS_PER_MONTH = [7, 8, 9, 9, 10, 10, 11, 11, 12, 13, 15, 16];
/** Working days a deal spends in each open stage before moving on, and the stages' limits. */
const STAGE_DAYS: ReadonlyArray<readonly [number, number]> = [
  [2, 8],
  [4, 13],
  [5, 15],
  [4, 11],
];

class Dice {
  private readonly rng: RandomGenerator;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }
  chance(percent: number): boolean {
    return this.int(1, 100) <= percent;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
}

export function planStory(options: { seed: number; end: number }): StoryPlan {
  const dice = new Dice(options.seed);
  const end = options.end;
  const start = dayOf(end) - 365 * DAY;
  const steps: TimedStep[] = [];
  let seq = 0;
  const at = (time: number, step: Step) => {
    if (time < end) steps.push({ ...step, at: time, seq: seq++ });
  };

  const deals: PlannedDeal[] = [];
  const names = new Set<string>();
  const wonAtByCustomer = new Map<number, number>();
  const workdays = (from: number, to: number) => {
    const days: number[] = [];
    for (let day = dayOf(from); day < to; day += DAY) if (isWorkday(day)) days.push(day);
    return days;
  };

  // Creation times, month by month, on working days and hours.
  const creations: Array<{ createdAt: number }> = [];
  DEALS_PER_MONTH.forEach((count, month) => {
    const from = start + 7 * DAY + month * 30 * DAY;
    const days = workdays(from, Math.min(from + 30 * DAY, end - HOUR));
    for (let i = 0; i < count && days.length > 0; i += 1) creations.push({ createdAt: atWork(dice.pick(days), dice.int(15, 420)) });
  });
  creations.sort((a, b) => a.createdAt - b.createdAt);

  // The two hand-offs the story must show: one won just now, one whose acceptance is overdue.
  const latest = lastWorkingMoment(end - 45 * MINUTE);
  const special = { waiting: { wonAt: latest, customer: 4 }, breached: { wonAt: atWork(addWorkdays(latest, -4), 150), customer: 11 } };

  for (const [index, creation] of creations.entries()) {
    const specialCase = index === creations.length - 40 ? 'waiting' : index === creations.length - 41 ? 'breached' : null;
    const customer = specialCase ? special[specialCase].customer : dice.int(0, CUSTOMERS.length - 1);
    const spec = CUSTOMERS[customer]!;
    const expansion = (wonAtByCustomer.get(customer) ?? Infinity) < creation.createdAt && dice.chance(35);
    const [low, high] = SIZE[spec.segment];
    const amount = Math.round(dice.int(low, high) / 500) * 500 * (expansion ? 0.4 : 1);
    const planned: PlannedDeal = {
      index,
      name: dealName(dice, names, spec, expansion),
      customer,
      seller: spec.seller,
      contacts: spec.people.map((_, i) => i).filter((i) => i === 0 || dice.chance(60)),
      amountMinor: Math.round(amount) * 100,
      currency: spec.currency,
      recurring: dice.chance(85),
      type: expansion ? 'expansion' : 'new_business',
      createdAt: creation.createdAt,
      closeDate: '',
      fate: 'open',
    };
    deals.push(planned);
    const wonAt = planDeal(dice, planned, spec, at, specialCase ? special[specialCase].wonAt : null, end);
    if (wonAt !== null) wonAtByCustomer.set(customer, Math.min(wonAtByCustomer.get(customer) ?? Infinity, wonAt));
  }

  planLastWeek(dice, deals, steps, at, end);
  const leads = planLeads(options.seed, start, end, at);

  // The daily snapshot (kept: each month's first, and the last fortnight) and the evening SLA scan.
  for (let day = dayOf(start) + 7 * DAY; day <= dayOf(end); day += DAY) {
    if (new Date(day).getUTCDate() === 1 || day >= dayOf(end) - 15 * DAY) at(day + 2 * HOUR, { kind: 'snapshot' });
    if (isWorkday(day)) at(day + 17 * HOUR + 30 * MINUTE, { kind: 'sla-scan' });
  }
  at(end - 2 * MINUTE, { kind: 'sla-scan' });

  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  const waitingDeal = creations.length - 40;
  const breachedDeal = creations.length - 41;
  return { start, end, deals, steps, leads, waitingDeal, breachedDeal };
}

/**
 * The week before `npm start`, so "changes since last week" has every kind of change: two open deals
 * due this quarter slip into the next, one is pulled into this quarter, one grows and one shrinks.
 */
function planLastWeek(dice: Dice, deals: PlannedDeal[], steps: TimedStep[], at: At, end: number): void {
  const terminal = new Set(steps.flatMap((s) => (s.kind === 'win' || s.kind === 'lose' ? [s.deal] : [])));
  const closeDateOf = (deal: PlannedDeal) => {
    const updates = steps.filter((s): s is Extract<TimedStep, { kind: 'update' }> => s.kind === 'update' && s.deal === deal.index && typeof s.changes.closeDate === 'string');
    return updates.length > 0 ? String(updates[updates.length - 1]!.changes.closeDate) : deal.closeDate;
  };
  const today = isoDate(end);
  const month = new Date(end).getUTCMonth();
  const quarterEnd = isoDate(Date.UTC(new Date(end).getUTCFullYear(), Math.floor(month / 3) * 3 + 3, 1) - DAY);
  const open = deals.filter((d) => !terminal.has(d.index) && d.createdAt < end - 12 * DAY);
  const when = () => atWork(addWorkdays(lastWorkingMoment(end - HOUR), -dice.int(1, 4)), dice.int(30, 400));
  const used = new Set<number>();
  const take = (accept: (d: PlannedDeal) => boolean) => {
    const found = open.find((d) => !used.has(d.index) && accept(d));
    if (found) used.add(found.index);
    return found;
  };
  for (let i = 0; i < 2; i += 1) {
    const slipping = take((d) => closeDateOf(d) >= today && closeDateOf(d) <= quarterEnd);
    if (slipping) at(when(), { kind: 'update', deal: slipping.index, changes: { closeDate: isoDate(Date.parse(quarterEnd) + dice.int(10, 40) * DAY), nextStep: 'Budget moved to next quarter' } });
  }
  const pulled = take((d) => closeDateOf(d) > quarterEnd);
  if (pulled && quarterEnd > today) at(when(), { kind: 'update', deal: pulled.index, changes: { closeDate: quarterEnd, nextStep: 'Signing before year end' } });
  const growing = take(() => true);
  if (growing) at(when(), { kind: 'update', deal: growing.index, changes: { amountMinor: Math.round(growing.amountMinor * 1.2 / 100) * 100, nextStep: 'Two more teams in scope' } });
  const shrinking = take(() => true);
  if (shrinking) at(when(), { kind: 'update', deal: shrinking.index, changes: { amountMinor: Math.round(shrinking.amountMinor * 0.85 / 100) * 100, nextStep: 'Phase two moved out of scope' } });
  // Sellers keep most next steps current; a few are left overdue, as in any team.
  for (const deal of deals.filter((d) => !terminal.has(d.index))) {
    if (used.has(deal.index) || !dice.chance(85)) continue;
    const time = when();
    if (deal.createdAt >= time) continue;
    at(time, { kind: 'update', deal: deal.index, changes: { nextStep: dice.pick(NEXT_STEPS), nextStepDue: isoDate(addWorkdays(end, dice.int(1, 8))) } });
  }
}

const NEXT_STEPS = ['Follow-up call booked', 'Send the revised proposal', 'Security questionnaire due', 'Demo for the wider team', 'Pricing review with their CFO', 'Reference call with a customer'];

/** An offer the customer has not been sold under that name yet; a repeat gets its month. */
function dealName(dice: Dice, names: Set<string>, spec: CustomerSpec, expansion: boolean): string {
  const offers = (expansion ? EXPANSIONS : OFFERS[spec.segment]).map((offer) => `${spec.name}: ${offer}`);
  const fresh = offers.filter((name) => !names.has(name));
  const name = fresh.length > 0 ? dice.pick(fresh) : uniqueName(names, dice.pick(offers));
  names.add(name);
  return name;
}

/** A customer buying the same again: the next phase of it. */
function uniqueName(names: Set<string>, wanted: string): string {
  let name = wanted;
  for (let phase = 2; names.has(name); phase += 1) name = `${wanted}, phase ${phase}`;
  return name;
}

type At = (time: number, step: Step) => void;

/** One deal's life: its moves, slips, notes and outcome, and its hand-off when won. Returns when it was won. */
function planDeal(dice: Dice, deal: PlannedDeal, spec: CustomerSpec, at: At, forcedWinAt: number | null, end: number): number | null {
  const d = deal.index;
  let t = deal.createdAt;
  // Fate: won, lost in some stage, or still going (a deal that long ago still "going" was dropped).
  const roll = dice.int(1, 100);
  const fate: Fate = forcedWinAt !== null || roll <= 34 ? 'won' : roll <= 76 ? 'lost' : 'open';
  const lostIn = dice.pick<StageIndex>([0, 0, 1, 1, 1, 2, 2, 3]);
  const staleIn = dice.chance(18) ? dice.pick<StageIndex>([1, 2, 3]) : null;
  // Bigger customers take longer to decide.
  const pace = spec.segment === 'enterprise' ? 1.6 : spec.segment === 'mid-market' ? 1.25 : 1;
  const durations = STAGE_DAYS.map(([low, high], stage) => Math.round(dice.int(low, high) * pace) * (stage === staleIn ? dice.int(2, 3) : 1));
  const expected = durations.reduce((sum, days) => sum + days, 0);
  let closeDate = isoDate(addWorkdays(t, expected + dice.int(3, 12)));
  deal.closeDate = closeDate;
  deal.fate = fate;

  at(t, { kind: 'create', deal: d });
  at(t + 40 * MINUTE, { kind: 'activity', deal: d, activity: 'call', subject: `Intro call with ${spec.people[0]![0]}` });

  // A close date that moves: pushed out once or twice, or pulled in.
  if (dice.chance(35)) {
    const when = addWorkdays(t, dice.int(5, Math.max(6, expected - 2)));
    closeDate = isoDate(Date.parse(closeDate) + dice.int(14, 45) * DAY);
    at(when, { kind: 'update', deal: d, changes: { closeDate, nextStep: 'Customer moved their decision date' } });
    if (dice.chance(30)) {
      closeDate = isoDate(Date.parse(closeDate) + dice.int(14, 30) * DAY);
      at(addWorkdays(when, dice.int(4, 12)), { kind: 'update', deal: d, changes: { closeDate } });
    }
  } else if (dice.chance(10)) {
    closeDate = isoDate(Date.parse(closeDate) - dice.int(7, 14) * DAY);
    at(addWorkdays(t, 3), { kind: 'update', deal: d, changes: { closeDate, nextStep: 'Fast-tracked by the customer' } });
  }

  // A deal still going stalls somewhere along the board; a lost one goes as far as where it was lost.
  const lastStage: StageIndex = fate === 'lost' ? lostIn : fate === 'open' ? dice.pick<StageIndex>([0, 1, 1, 2, 2, 3]) : 3;
  for (let stage = 1 as StageIndex; stage <= lastStage; stage = (stage + 1) as StageIndex) {
    t = addWorkdays(t, durations[stage - 1]!);
    if (forcedWinAt !== null) t = Math.min(t, forcedWinAt - (4 - stage) * HOUR);
    at(t - 30 * MINUTE, { kind: 'update', deal: d, changes: { ...exitFields(spec, stage), nextStep: nextStepOf(stage), nextStepDue: isoDate(addWorkdays(t, dice.int(2, 8))) } });
    at(t, { kind: 'move', deal: d, stage });
    if (stage === 1) at(t + HOUR, { kind: 'activity', deal: d, activity: 'meeting', subject: 'Discovery workshop' });
    if (stage === 2) at(t + HOUR, { kind: 'activity', deal: d, activity: 'email', subject: 'Proposal sent' });
    if (stage === 3 && dice.chance(50)) at(t + 2 * HOUR, { kind: 'activity', deal: d, activity: 'note', subject: 'Legal review started on their side' });
  }

  if (fate === 'lost') {
    t = addWorkdays(t, Math.max(2, Math.round(durations[lostIn]! / 2)));
    at(t, { kind: 'lose', deal: d, reason: dice.pick(LOST_REASONS) });
    return null;
  }
  if (fate === 'open') {
    // Left open this long, a stalled deal is cleaned out of the pipeline as lost.
    const cleanUp = addWorkdays(deal.createdAt, dice.int(60, 90));
    if (cleanUp < end) at(cleanUp, { kind: 'lose', deal: d, reason: 'No decision made' });
    return null;
  }

  const wonAt = forcedWinAt ?? addWorkdays(t, durations[3]!);
  const contractStart = isoDate(dayOf(wonAt) + dice.int(7, 28) * DAY);
  at(wonAt - 20 * MINUTE, { kind: 'update', deal: d, changes: { closeDate: isoDate(wonAt), notSold: 'On-premises deployment', successCriteria: `${dice.int(60, 90)}% weekly active users within 90 days`, contractStart, contractEnd: isoDate(Date.parse(contractStart) + 364 * DAY) } });
  at(wonAt, { kind: 'win', deal: d });
  if (forcedWinAt !== null) return wonAt;

  // Delivery: mostly accepted within the 16 working hours, some by starting the work, a few late.
  const accept = dice.int(1, 100);
  if (accept <= 70) at(addWorkingHours(wonAt, dice.int(1, 12)), { kind: 'accept', deal: d });
  else if (accept <= 88) at(addWorkingHours(wonAt, dice.int(3, 14)), { kind: 'start-work', deal: d });
  else at(addWorkingHours(wonAt, dice.int(20, 40)), { kind: 'accept', deal: d });
  const done = addWorkdays(wonAt, dice.int(15, 45));
  if (done < end) {
    if (accept <= 88) at(addWorkingHours(wonAt, dice.int(16, 30)), { kind: 'start-work', deal: d });
    at(done, { kind: 'deliver', deal: d });
  }
  return wonAt;
}

function nextStepOf(stage: StageIndex): string {
  return ['Discovery call', 'Map the stakeholders', 'Send the proposal', 'Agree the contract terms'][stage]!;
}

/**
 * What a seller fills in before leaving a stage, as the default pipeline's exit criteria ask:
 * Qualification and Discovery's fields are given when the deal is created; leaving Proposal needs
 * the stakeholders and the scope (Negotiation's contract dates come with the win).
 */
function exitFields(spec: CustomerSpec, toStage: StageIndex): Record<string, unknown> {
  if (toStage !== 3) return {};
  return { stakeholders: spec.people.map(([, title]) => title).join(', '), scope: `Rollout for ${spec.name}: single sign-on, ${spec.people.length + 1} teams, data migration` };
}

import { addWorkingHours, isWorkday } from '../../sandbox/demo/story/calendar';
import { CUSTOMERS, RATES, REPORTING_CURRENCY, SELLERS, STORY_PEOPLE } from '../../sandbox/demo/story/cast';
import type { TimedStep } from '../../sandbox/demo/story/plan';
import { planStory } from '../../sandbox/demo/story/plan';

/**
 * The demo story's plan (issue 12, item 13): a year of dated steps, the same for the same seed and
 * end, each deal walking the board in order on working days, with the two hand-offs the story must
 * show and the snapshots Relay keeps. What the app makes of it is checked in the browser story test.
 */
const END = Date.parse('2026-12-01T15:30:00Z');

describe('the demo story plan', () => {
  it('is the same for the same seed and end, and different for another seed', () => {
    const a = planStory({ seed: 12, end: END });
    const b = planStory({ seed: 12, end: END });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(planStory({ seed: 13, end: END }).deals)).not.toBe(JSON.stringify(a.deals));
  });

  it('spans a year before the end, with every step before the end and in time order', () => {
    const plan = planStory({ seed: 12, end: END });
    expect(plan.end - plan.start).toBeGreaterThanOrEqual(365 * 86_400_000);
    expect(plan.steps.every((s) => s.at < END && s.at >= plan.start)).toBe(true);
    expect(plan.steps.every((s, i) => i === 0 || plan.steps[i - 1]!.at <= s.at)).toBe(true);
    expect(plan.deals.length).toBeGreaterThan(100);
  });

  it('walks each deal forward from its creation, one stage at a time, ending at most once', () => {
    const plan = planStory({ seed: 12, end: END });
    const byDeal = new Map<number, TimedStep[]>();
    for (const step of plan.steps) if ('deal' in step) byDeal.set(step.deal, [...(byDeal.get(step.deal) ?? []), step]);
    for (const [deal, steps] of byDeal) {
      expect(steps[0]!.kind).toBe('create');
      expect(isWorkday(steps[0]!.at)).toBe(true);
      const stages = steps.flatMap((s) => (s.kind === 'move' ? [s.stage] : []));
      expect(stages).toEqual(stages.map((_, i) => i + 1));
      const endings = steps.filter((s) => s.kind === 'win' || s.kind === 'lose');
      expect(endings.length).toBeLessThanOrEqual(1);
      const delivery = steps.filter((s) => s.kind === 'accept' || s.kind === 'start-work' || s.kind === 'deliver');
      if (delivery.length > 0) expect(endings[0]?.kind).toBe('win');
      expect(plan.deals[deal]!.seller).toBe(CUSTOMERS[plan.deals[deal]!.customer]!.seller);
    }
  });

  it('wins one deal just before the end, waiting for acceptance, and one whose acceptance is overdue', () => {
    const plan = planStory({ seed: 12, end: END });
    const stepsOf = (deal: number) => plan.steps.filter((s) => 'deal' in s && s.deal === deal);
    for (const deal of [plan.waitingDeal, plan.breachedDeal]) {
      expect(stepsOf(deal).some((s) => s.kind === 'win')).toBe(true);
      expect(stepsOf(deal).some((s) => s.kind === 'accept' || s.kind === 'start-work')).toBe(false);
    }
    const wonAt = (deal: number) => stepsOf(deal).find((s) => s.kind === 'win')!.at;
    // Relay's SLA: 16 working hours from the win.
    expect(addWorkingHours(wonAt(plan.waitingDeal), 16)).toBeGreaterThan(END);
    expect(addWorkingHours(wonAt(plan.breachedDeal), 16)).toBeLessThan(END);
  });

  it('snapshots on each month’s first day and daily over the last fortnight, and has every kind of change in the last week', () => {
    const plan = planStory({ seed: 12, end: END });
    const days = plan.steps.filter((s) => s.kind === 'snapshot').map((s) => new Date(s.at).toISOString().slice(0, 10));
    expect(days).toContain('2026-11-01');
    expect(days).toContain('2026-06-01');
    expect(days.filter((d) => d >= '2026-11-17')).toHaveLength(15);
    const lastWeek = plan.steps.filter((s) => s.at > END - 7 * 86_400_000);
    expect(lastWeek.some((s) => s.kind === 'create')).toBe(true);
    expect(lastWeek.some((s) => s.kind === 'update' && 'amountMinor' in s.changes)).toBe(true);
    expect(lastWeek.some((s) => s.kind === 'update' && typeof s.changes.closeDate === 'string' && s.changes.closeDate > '2026-12-31')).toBe(true);
  });

  it('casts several sellers with real names, and a rate for every currency its customers buy in', () => {
    expect(SELLERS.map((s) => STORY_PEOPLE[s].displayName)).toEqual(['Sam Okafor', 'Priya Raman', 'Lena Fischer', 'Marcus Webb']);
    for (const currency of new Set(CUSTOMERS.map((c) => c.currency))) expect(currency === REPORTING_CURRENCY || RATES[currency] !== undefined).toBe(true);
    expect(new Set(CUSTOMERS.map((c) => c.region))).toEqual(new Set(['EMEA', 'AMER', 'APAC']));
  });
});

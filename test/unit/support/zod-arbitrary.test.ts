import fc from 'fast-check';
import { z } from 'zod';
import { Calls, type CallSpec } from '../../../src/contracts/calls';
import { arbitraryOf, type Pools } from '../../support/zod-arbitrary';

// The fuzz test draws every resolver's payloads from these arbitraries; one that cannot draw hangs
// that whole file without a word (a 32-character webhook secret once did, for over 25 minutes).
// Fields checked by code (currencies, dates) draw mostly from pools, as in the fuzz test.
const dates = ['2026-12-01', '2027-02-28'];
const pools: Pools = {
  byField: {
    currency: ['EUR', 'USD'], reportingCurrency: ['EUR', 'USD'], 'rates.key': ['USD', 'GBP'],
    date: dates, closeDate: dates, closeFrom: dates, closeTo: dates, nextStepDue: dates, contractStart: dates, contractEnd: dates,
  },
  hostile: fc.constant('hostile'),
};

function specs(tree: unknown): CallSpec[] {
  if (tree && typeof tree === 'object' && 'key' in tree && 'input' in tree) return [tree as CallSpec];
  return Object.values(tree as Record<string, unknown>).flatMap(specs);
}

describe('zod arbitraries for the fuzz test', () => {
  it.each(specs(Calls).map((spec) => [spec.key, spec] as const))('%s: draws payloads, and some of them pass its schema', (_key, spec) => {
    const drawn = fc.sample(arbitraryOf(spec.input, pools), { numRuns: 200, seed: 7 });
    expect(drawn).toHaveLength(200);
    expect(drawn.some((payload) => spec.input.safeParse(payload).success)).toBe(true);
  });

  it('draws a patterned string with a long minimum at its length', () => {
    const secret = z.string().min(32).max(256).regex(/^[\x21-\x7e]+$/);
    const drawn = fc.sample(arbitraryOf(secret, { byField: {}, hostile: fc.constant(0) }, '', 0), { numRuns: 100, seed: 3 });
    expect(drawn.every((s) => secret.safeParse(s).success)).toBe(true);
  });

  it('refuses at once a pattern it cannot draw at the required length', () => {
    expect(() => arbitraryOf(z.string().min(2000).regex(/^a+$/), pools)).toThrow(/rarely draws a fitting string/);
  });
});

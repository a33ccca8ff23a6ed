import fc from 'fast-check';
import type { z } from 'zod';

/**
 * fast-check arbitraries from the zod (v4) schemas of the contracts, for the fuzz test: payloads
 * shaped like what a client may send, each leaf sometimes swapped for something hostile. Strings
 * follow their regex and length checks; strings checked by code (dates, currencies) and ids take
 * values from `pools` by field name, so a share of payloads is valid and reaches deep code.
 * (zod-fast-check, the library for this, supports zod 3 only; this covers the shapes the contracts use.)
 */
export interface Pools {
  /** Values to draw for a field of this name (real ids, foreign ids, dates…). */
  byField: Record<string, readonly unknown[]>;
  /** Values that must never make a call fail on our side: prototype names, huge strings, wrong types… */
  hostile: fc.Arbitrary<unknown>;
}

type Def = { type: string; [key: string]: unknown };
type Check = { _zod: { def: { check: string; pattern?: RegExp; minimum?: number; maximum?: number; value?: number; inclusive?: boolean; format?: string } } };

const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;
const checksOf = (def: Def) => ((def.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);

function stringArb(def: Def): fc.Arbitrary<string> {
  const checks = checksOf(def);
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  const max = Math.min(checks.find((c) => c.check === 'max_length')?.maximum ?? 40, 60);
  const pattern = checks.find((c) => c.check === 'string_format' && c.pattern)?.pattern;
  const limit = checks.find((c) => c.check === 'max_length')?.maximum ?? Infinity;
  // fc.stringMatching repeats `+` and `*` up to about 10 times at its default size, so a pattern with
  // a longer minimum (a 32-character secret) must be drawn at a larger size, or no draw ever passes the
  // length filter and fast-check retries it for ever.
  const base = pattern ? fc.stringMatching(pattern, { size: min > 8 ? 'medium' : 'small' }) : fc.string({ minLength: min, maxLength: Math.max(min, max) });
  const fits = (s: string) => s.length >= min && s.length <= limit;
  // A filter that (almost) never passes hangs the whole test file without a word: fail at once instead.
  if (fc.sample(base, { numRuns: 200, seed: 1 }).filter(fits).length < 10) {
    throw new Error(`zod-arbitrary: the pattern ${String(pattern)} with length ${min}..${limit} rarely draws a fitting string; draw it another way`);
  }
  return base.filter(fits);
}

function numberArb(def: Def): fc.Arbitrary<number> {
  const checks = checksOf(def);
  const low = checks.find((c) => c.check === 'greater_than')?.value;
  const high = checks.find((c) => c.check === 'less_than')?.value;
  const integer = checks.some((c) => c.format === 'safeint' || c.format === 'int32');
  const min = Math.max(low ?? -1e6, -Number.MAX_SAFE_INTEGER);
  const max = Math.min(high ?? 1e9, Number.MAX_SAFE_INTEGER);
  if (!integer) return fc.double({ min, max, noNaN: true });
  const [lo, hi] = [Math.ceil(min), Math.floor(max)];
  // fc.integer is 32-bit; wider ranges (epoch milliseconds) are drawn as doubles and rounded into range.
  return lo >= -(2 ** 31) && hi <= 2 ** 31 - 1 ? fc.integer({ min: lo, max: hi }) : fc.double({ min: lo, max: hi, noNaN: true }).map((n) => Math.min(hi, Math.max(lo, Math.round(n))));
}

export function arbitraryOf(schema: unknown, pools: Pools, field = '', hostileWeight = 1): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const leaf = (shaped: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => {
    const named = pools.byField[field];
    // A value checked by code (a date, a currency) is rarely hit at random: draw mostly from the pool.
    const checkedByCode = checksOf(def).some((c) => c.check === 'custom');
    const drawn = named && named.length > 0 ? fc.oneof({ weight: 1, arbitrary: shaped }, { weight: checkedByCode ? 4 : 1, arbitrary: fc.constantFrom(...named) }) : shaped;
    return fc.oneof({ weight: 24, arbitrary: drawn }, { weight: hostileWeight, arbitrary: pools.hostile });
  };
  switch (def.type) {
    case 'string':
      return leaf(stringArb(def));
    case 'number':
      return leaf(numberArb(def));
    case 'boolean':
      return leaf(fc.boolean());
    case 'enum':
      return leaf(fc.constantFrom(...Object.values(def.entries as Record<string, string>)));
    case 'literal':
      return leaf(fc.constantFrom(...(def.values as unknown[])));
    case 'optional':
    case 'default':
      return fc.oneof(fc.constant(undefined), arbitraryOf(def.innerType, pools, field, hostileWeight));
    case 'nullable':
      return fc.oneof(fc.constant(null), arbitraryOf(def.innerType, pools, field, hostileWeight));
    case 'readonly':
    case 'catch':
      return arbitraryOf(def.innerType, pools, field, hostileWeight);
    case 'pipe':
      return arbitraryOf(def.in, pools, field, hostileWeight);
    case 'array': {
      const min = checksOf(def).find((c) => c.check === 'min_length')?.minimum ?? 0;
      const max = checksOf(def).find((c) => c.check === 'max_length')?.maximum ?? min + 3;
      return leaf(fc.array(arbitraryOf(def.element, pools, field, hostileWeight), { minLength: min, maxLength: Math.min(max, min + 3) }));
    }
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map((o) => arbitraryOf(o, pools, field, hostileWeight)));
    case 'record': {
      const keys = arbitraryOf(def.keyType, pools, `${field}.key`, 0).filter((k): k is string => typeof k === 'string');
      return leaf(fc.dictionary(keys, arbitraryOf(def.valueType, pools, `${field}.value`, hostileWeight), { maxKeys: 3 }));
    }
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      const fields = Object.fromEntries(Object.entries(shape).map(([key, value]) => [key, arbitraryOf(value, pools, key, hostileWeight)]));
      // Fields drawn as undefined are left out, as a client leaves out what it does not send.
      return fc.record(fields).map((value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)));
    }
    default:
      return fc.anything();
  }
}

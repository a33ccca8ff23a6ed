import fc from 'fast-check';
import type { CheckedRange, Scalar } from '../../../sandbox/kvs/conditions';
import { Limits, checkKey, jsonDepth, unitsFor } from '../../../sandbox/kvs/limits';
import { SortedPartition, compareEntries, rangeSpan } from '../../../sandbox/kvs/sorted-partition';

describe('SortedPartition (the per-partition order behind index queries)', () => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('add' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), range: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ kind: fc.constant('remove' as const), key: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h') }),
    fc.record({ kind: fc.constant('read' as const) }),
  );

  it('always lists exactly the current entries in (range, key) order, whether changes are merged or re-sorted', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
        const partition = new SortedPartition();
        const model = new Map<string, number>();
        const expected = () => [...model].map(([key, range]) => ({ key, range })).sort(compareEntries);
        for (const step of ops) {
          if (step.kind === 'add') {
            partition.add(step.key, step.range);
            model.set(step.key, step.range);
          } else if (step.kind === 'remove') {
            partition.remove(step.key);
            model.delete(step.key);
          } else {
            expect(partition.entries().map((e) => ({ key: e.key, range: e.range }))).toEqual(expected());
          }
        }
        expect(partition.entries().map((e) => ({ key: e.key, range: e.range }))).toEqual(expected());
        expect(partition.size).toBe(model.size);
      }),
      { numRuns: 300 },
    );
  });

  it('re-sorts a bulk load of 50,000 entries in one go', () => {
    const partition = new SortedPartition();
    for (let i = 0; i < 50_000; i++) partition.add(`k${i}`, (i * 7919) % 1000);
    const entries = partition.entries();
    expect(entries).toHaveLength(50_000);
    for (let i = 1; i < entries.length; i++) expect(compareEntries(entries[i - 1]!, entries[i]!)).toBeLessThan(0);
  });

  const conditions: Array<[string, CheckedRange, (r: Scalar) => boolean]> = [
    ['EQUAL_TO', { condition: 'EQUAL_TO', values: ['m'] }, (r) => r === 'm'],
    ['BETWEEN', { condition: 'BETWEEN', values: ['c', 'p'] }, (r) => r >= 'c' && r <= 'p'],
    ['BETWEEN reversed', { condition: 'BETWEEN', values: ['p', 'c'] }, () => false],
    ['GREATER_THAN', { condition: 'GREATER_THAN', values: ['m'] }, (r) => r > 'm'],
    ['GREATER_THAN_EQUAL_TO', { condition: 'GREATER_THAN_EQUAL_TO', values: ['m'] }, (r) => r >= 'm'],
    ['LESS_THAN', { condition: 'LESS_THAN', values: ['m'] }, (r) => r < 'm'],
    ['LESS_THAN_EQUAL_TO', { condition: 'LESS_THAN_EQUAL_TO', values: ['m'] }, (r) => r <= 'm'],
    ['BEGINS_WITH', { condition: 'BEGINS_WITH', values: ['ma'] }, (r) => String(r).startsWith('ma')],
  ];
  it.each(conditions)('bounds %s to exactly the matching span', (_name, range, keep) => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{0,3}$/), { maxLength: 60 }), (ranges) => {
        const partition = new SortedPartition();
        ranges.forEach((r, i) => partition.add(`key${i}`, r));
        const entries = partition.entries();
        const { start, end } = rangeSpan(entries, range);
        expect(entries.slice(start, end).map((e) => e.key)).toEqual(entries.filter((e) => keep(e.range)).map((e) => e.key));
      }),
    );
  });
});

describe('limit helpers', () => {
  it('measures nesting depth: scalars 0, each object or array level 1', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
    expect(jsonDepth([[[[]]]])).toBe(4);
  });

  it('stops measuring just past the limit, so a very deep value costs little', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBe(Limits.valueMaxDepth + 2);
  });

  it('rounds units up to whole 10 KB steps, at least one', () => {
    expect(unitsFor(0)).toBe(1);
    expect(unitsFor(Limits.unitBytes)).toBe(1);
    expect(unitsFor(Limits.unitBytes + 1)).toBe(2);
    expect(unitsFor(25 * 1024)).toBe(3);
  });

  it('accepts keys of the documented characters only', () => {
    expect(() => checkKey('Deal:10000 #1_a.b-c', 'kvs')).not.toThrow();
    expect(() => checkKey('\t', 'kvs')).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
    expect(() => checkKey('a,b', 'entity')).toThrow(expect.objectContaining({ code: 'INVALID_KEY' }));
  });
});

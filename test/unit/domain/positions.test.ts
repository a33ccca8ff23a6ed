import fc from 'fast-check';
import { comparePositions, positionBetween, positionsAfter } from '../../../src/domain/positions';

describe('board positions', () => {
  it('places a card between any two neighbours without touching them', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 60 }), (choices) => {
        const column: string[] = positionsAfter(null, 3);
        for (const choice of choices) {
          const at = choice % (column.length + 1);
          const key = positionBetween(column[at - 1] ?? null, column[at] ?? null);
          column.splice(at, 0, key);
        }
        const sorted = [...column].sort(comparePositions);
        expect(sorted).toEqual(column);
        expect(new Set(column).size).toBe(column.length);
      }),
    );
  });

  it('refuses neighbours given in the wrong order', () => {
    const [a, b] = positionsAfter(null, 2) as [string, string];
    expect(() => positionBetween(b, a)).toThrow(RangeError);
  });
});

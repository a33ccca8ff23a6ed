import { formatMajorCompact, formatMoney, formatMoneyInput } from '../../../src/domain/money-format';
import { convertAvailable } from '../../../src/domain/money';
import { pipelineFigures } from '../../../src/domain/pipeline-figures';

/** Intl separates some symbols with no-break spaces; the tests read them as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** One formatter per context, for every surface (Custom UI, UI Kit, generated issue text). */
describe('money, written one way per context', () => {
  it('writes full amounts exactly, with minor units only when there are some', () => {
    expect(formatMoney(12_000_000, 'USD')).toBe('$120,000');
    expect(formatMoney(120_050, 'EUR')).toBe('€1,200.50');
    expect(formatMoney(5_000, 'JPY')).toBe('¥5,000');
    expect(plain(formatMoney(1_234_567, 'KWD'))).toBe('KWD 1,234.567');
    expect(formatMoney(-250, 'USD')).toBe('-$2.50');
  });

  it('writes a derived figure that is not a whole minor unit to the nearest unit, never NaN', () => {
    expect(formatMoney(259_259.259, 'EUR', 'en-US')).toBe('€2,592.59');
    expect(formatMoney(1_000.5, 'JPY', 'en-US')).toBe('¥1,001');
  });

  it('follows the locale', () => {
    expect(plain(formatMoney(12_000_050, 'EUR', 'de-DE'))).toBe('120.000,50 €');
    expect(plain(formatMoney(12_000_000, 'EUR', 'fr-FR'))).toBe('120 000 €');
  });

  it('keeps amounts beyond a float’s exact cents exact', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
  });

  it('writes compact amounts for charts and axes', () => {
    expect(formatMoney(5_400_000, 'EUR', 'en-US', 'compact')).toBe('€54K');
    expect(formatMajorCompact(1_250_000, 'USD')).toBe('$1.3M');
    expect(formatMajorCompact(0, 'USD')).toBe('$0');
  });

  it('gives an input field the exact decimal text parseAmount reads back', () => {
    expect(formatMoneyInput(25_000_000, 'USD')).toBe('250000');
    expect(formatMoneyInput(120_050, 'EUR')).toBe('1200.50');
    expect(formatMoneyInput(5_000, 'JPY')).toBe('5000');
  });

  it('never prints a count of minor units for a code that is not a currency', () => {
    expect(formatMoney(4_800_000, 'euro')).toBe('48,000 euro');
  });
});

describe('one converted total', () => {
  const rates = { reportingCurrency: 'USD', rates: { EUR: '1.1' } };

  it('converts what has a rate, breaks it down per currency and names the rest', () => {
    expect(convertAvailable({ EUR: 100_000, USD: 50_000, GBP: 21_000_00 }, rates)).toEqual({
      amountMinor: 160_000,
      currency: 'USD',
      parts: [{ currency: 'EUR', amountMinor: 100_000, convertedMinor: 110_000 }, { currency: 'USD', amountMinor: 50_000, convertedMinor: 50_000 }],
      unconverted: { GBP: 21_000_00 },
    });
  });

  it('adds up stages into the open pipeline: every deal counted, one total per figure', () => {
    const figures = pipelineFigures(
      [
        { stageId: 'a', name: 'A', count: 2, amounts: { EUR: 100_000 }, weighted: { EUR: 10_000 } },
        { stageId: 'b', name: 'B', count: 1, amounts: { GBP: 7_000 }, weighted: { GBP: 3_500 } },
      ],
      rates,
    );
    expect(figures.openCount).toBe(3);
    expect(figures.open).toMatchObject({ amountMinor: 110_000, unconverted: { GBP: 7_000 } });
    expect(figures.weighted).toMatchObject({ amountMinor: 11_000, unconverted: { GBP: 3_500 } });
    expect(figures.stages[1]!.amount).toMatchObject({ amountMinor: 0, unconverted: { GBP: 7_000 } });
  });
});

import fc from 'fast-check';
import { add, convert, convertAll, divideRounded, formatAmount, MoneyError, minorDigits, parseAmount, weightedMinor } from '../../../src/domain/money';

describe('money', () => {
  it('knows each currency’s minor units', () => {
    expect([minorDigits('EUR'), minorDigits('JPY'), minorDigits('KWD')]).toEqual([2, 0, 3]);
    expect(() => minorDigits('eur')).toThrow(MoneyError);
    expect(() => minorDigits('XYZ1')).toThrow(/ISO 4217/);
  });

  it('parses typed amounts into exact minor units', () => {
    expect(parseAmount('1,200.50', 'EUR')).toEqual({ amountMinor: 120050, currency: 'EUR' });
    expect(parseAmount(' 7 ', 'JPY')).toEqual({ amountMinor: 7, currency: 'JPY' });
    expect(parseAmount('-0.10', 'USD').amountMinor).toBe(-10);
    expect(parseAmount('1.250', 'KWD').amountMinor).toBe(1250);
    expect(parseAmount('3.10', 'JPY'.replace('JPY', 'EUR')).amountMinor).toBe(310);
  });

  it('refuses more decimals than the currency has, instead of rounding them away', () => {
    expect(() => parseAmount('0.105', 'EUR')).toThrow(expect.objectContaining({ problem: 'AMOUNT_PRECISION' }));
    expect(() => parseAmount('1.5', 'JPY')).toThrow(expect.objectContaining({ problem: 'AMOUNT_PRECISION' }));
    expect(() => parseAmount('12e3', 'EUR')).toThrow(expect.objectContaining({ problem: 'AMOUNT_FORMAT' }));
    expect(() => parseAmount('99999999999999999', 'EUR')).toThrow(expect.objectContaining({ problem: 'AMOUNT_RANGE' }));
  });

  it('formats and parses back to the same amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom('EUR', 'JPY', 'KWD'), (amountMinor, currency) => {
        expect(parseAmount(formatAmount({ amountMinor, currency }), currency).amountMinor).toBe(amountMinor);
      }),
    );
  });

  it('sums exactly where binary floats would drift', () => {
    const tenCents = parseAmount('0.10', 'EUR');
    let total = { amountMinor: 0, currency: 'EUR' };
    for (let i = 0; i < 10; i += 1) total = add(total, tenCents);
    expect(formatAmount(total)).toBe('1.00');
    expect(() => add(tenCents, { amountMinor: 1, currency: 'USD' })).toThrow(/Cannot add USD to EUR/);
  });

  it('rounds weighted amounts half away from zero, per deal', () => {
    expect(weightedMinor(1005, 50)).toBe(503);
    expect(weightedMinor(-1005, 50)).toBe(-503);
    expect(weightedMinor(999, 10)).toBe(100);
    expect(divideRounded(5, 2)).toBe(3);
  });

  it('converts with exact decimal rates between currencies of different minor units', () => {
    const rates = { reportingCurrency: 'EUR', rates: { USD: '0.9231', JPY: '0.00615' } };
    expect(convert({ amountMinor: 100000, currency: 'USD' }, rates)).toEqual({ amountMinor: 92310, currency: 'EUR' });
    expect(convert({ amountMinor: 1000, currency: 'JPY' }, rates)).toEqual({ amountMinor: 615, currency: 'EUR' });
    expect(convertAll({ EUR: 100, USD: 100000 }, rates).amountMinor).toBe(92410);
    expect(() => convert({ amountMinor: 1, currency: 'GBP' }, rates)).toThrow(expect.objectContaining({ problem: 'RATE_MISSING' }));
  });
});

import { readNumberText, separatorsOf, writeNumberText } from '../../../src/domain/number-text';

/** Issue 18 item 4: numbers typed in the user's language are read exactly, with the locale's own separators. */
describe('numbers as people type them', () => {
  it('takes the separators from Intl', () => {
    expect(separatorsOf('en-US')).toEqual({ group: ',', decimal: '.' });
    expect(separatorsOf('de-DE')).toEqual({ group: '.', decimal: ',' });
  });

  it.each([
    ['12.500,50', '12500.50'],
    ['12500,50', '12500.50'],
    ['1.234', '1234'],
    ['1.234.567', '1234567'],
    ['1.234,5', '1234.5'],
    ['0,92', '0.92'],
    [',5', '0.5'],
    ['-3,5', '-3.5'],
    [' 12 500,50 ', '12500.50'],
    // A point that cannot be German grouping is the decimal point people everywhere know.
    ['12000.50', '12000.50'],
    ['12.5', '12.5'],
    ['12000', '12000'],
  ])('de-DE reads %j as %s', (typed, plain) => {
    expect(readNumberText(typed, 'de-DE')).toBe(plain);
  });

  it.each([
    ['12,500.50', '12500.50'],
    ['12500.50', '12500.50'],
    ['1.234', '1.234'],
    ['1,234', '1234'],
    ['1,234,567.89', '1234567.89'],
    ['-3.5', '-3.5'],
    ['0.92', '0.92'],
  ])('en-US reads %j as %s', (typed, plain) => {
    expect(readNumberText(typed, 'en-US')).toBe(plain);
  });

  it('refuses what is not a number in the locale rather than guessing', () => {
    expect(['1,2', '12,5', '12,34,567', '1.2.3', 'twelve', '', '1,234.5.6'].map((t) => readNumberText(t, 'en-US'))).toEqual([null, null, null, null, null, null, null]);
    expect(['12.34.5', '1,2,3', '12.500.5', '1.23,4', 'zwölf'].map((t) => readNumberText(t, 'de-DE'))).toEqual([null, null, null, null, null]);
  });

  it('writes plain decimals for an input in the locale, every digit kept, and reads them back', () => {
    expect(writeNumberText('12500.50', 'de-DE')).toBe('12500,50');
    expect(writeNumberText('12500.50', 'en-US')).toBe('12500.50');
    expect(writeNumberText('1.0825', 'de-DE')).toBe('1,0825');
    expect(writeNumberText('12500.50', 'de-DE', true)).toBe('12.500,50');
    expect(writeNumberText('90071992547409.91', 'en-US', true)).toBe('90,071,992,547,409.91');
    for (const locale of ['en-US', 'de-DE', 'fr-FR', 'de-CH'])
      for (const grouping of [false, true])
        for (const plain of ['0.92', '1234', '12500.50', '-7', '1234567.125']) expect(readNumberText(writeNumberText(plain, locale, grouping), locale)).toBe(plain);
  });
});
